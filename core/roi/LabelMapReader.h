#pragma once

#include <filesystem>
#include <optional>

#include "core/model/Study.h"
#include "core/roi/ImportedRoi.h"

namespace crosscheck {

/// Reads a NIfTI-1 or NIfTI-2 label map (.nii, .nii.gz; niftilib) as one ROI per non-zero
/// label value, on the label map's own grid, in the frame of the loaded series whose voxel
/// grid it is.
///
/// The grid: the sform when its code is set, else the qform (RAS, turned to LPS). It must
/// be the voxel grid of a loaded series up to the order and direction of the axes (every
/// label voxel centre a series voxel centre within 0.05 voxel, the same number of voxels
/// along each axis): a label map written by dcm2niix, `crosscheck-cli convert` or a
/// segmentation tool from one of the study's series. A CT is preferred when several
/// series share the grid. Values must be whole numbers (any integer or float type, after
/// scl_slope / scl_inter); one 3D volume only.
///
/// Names come from `table` (LabelTable.h), else the value as text ("1"); colours from the
/// table. Provenance: format "labels", the file, number = the label value.
/// Throws RoiImportError (unreadable file, 4D data, fractional values, no orientation, a
/// grid matching no loaded series, no label).
ImportResult readLabelMap(const std::filesystem::path& path, const Study& study,
                          const std::optional<std::filesystem::path>& labelTable = std::nullopt);

}  // namespace crosscheck
