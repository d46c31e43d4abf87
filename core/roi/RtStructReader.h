#pragma once

#include <filesystem>

#include "core/model/Study.h"
#include "core/roi/ImportedRoi.h"

namespace crosscheck {

/// Reads a DICOM RT Structure Set (RTSTRUCT) as one ROI per structure with closed planar
/// contours, rasterized on the voxel grid of the image series the structure set references.
///
/// The grid: the loaded series named in Referenced Frame of Reference > RT Referenced
/// Study > RT Referenced Series for the structure's frame; without one, the series holding
/// the contours' referenced images; without those, the first loaded series in the
/// structure's frame (a CT first). Each contour is placed on the slice nearest to it and
/// filled by the even-odd rule with the other contours of that structure on that slice
/// (holes, islands: fillEvenOdd); a voxel is in when its centre is inside. The mask is
/// cropped to the structure's voxels.
///
/// Label: ROI Name; colour: ROI Display Color; codes: RT ROI Interpreted Type; provenance:
/// format "rtstruct", the file, the structure set's SOP Instance UID, the ROI Number.
///
/// Refused with one sentence (RoiImportError): not an RTSTRUCT; a referenced series or
/// images not loaded; a frame of reference no loaded series has; an open contour
/// (OPEN_PLANAR, OPEN_NONPLANAR); a contour that does not lie in one slice plane of the grid,
/// lies outside it, has fewer than 3 points, or crosses itself. A structure of point
/// markers only (POINT) or with no contour is left out with a warning.
ImportResult readRtStruct(const std::filesystem::path& path, const Study& study);

}  // namespace crosscheck
