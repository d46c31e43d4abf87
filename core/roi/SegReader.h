#pragma once

#include <filesystem>

#include "core/model/Study.h"
#include "core/roi/ImportedRoi.h"

namespace crosscheck {

/// Reads a DICOM Segmentation (SEG; DCMTK dcmseg) as one ROI per segment.
///
/// Binary and fractional (a voxel is inside at half the Maximum Fractional Value or more)
/// segmentations; one or many segments; frames in any order: each frame is placed by its
/// Plane Position (Patient) on the grid spanned by the frames' common Plane Orientation and
/// Pixel Measures, the slice step taken from the frames' positions (a gantry-tilted stack
/// keeps its shear) or Spacing Between Slices when only one slice is segmented. Each mask is
/// cropped to its segment's voxels and lies in the SEG's frame of reference.
///
/// Label: Segment Label; colour: the Recommended Display CIELab Value turned to sRGB;
/// codes: the segmented property category and type; provenance: format "seg", the file,
/// the SEG's SOP Instance UID, the segment number.
///
/// Refused with one sentence (RoiImportError): not a SEG; referenced source images none of
/// which is loaded (Common Instance Reference, Derivation Image); a frame of reference no
/// loaded series has; frames of different orientations or off one regular slice grid; no
/// segment with a voxel. An empty segment among others is left out with a warning.
ImportResult readSegmentation(const std::filesystem::path& path, const Study& study);

}  // namespace crosscheck
