#pragma once

#include <Eigen/Core>
#include <optional>

#include "core/geometry/VolumeGeometry.h"

namespace crosscheck::viewer {

/// Whether a view plane is parallel to one of a voxel grid's index planes, so that the
/// grid's own slices can be shown as they are instead of resampled through the plane.
///
/// `seriesToPane` maps the grid's patient coordinates (LPS, mm) into the frame the view
/// plane lives in; `normal` is the plane's unit normal in that frame. The answer is the
/// index axis (0 i, 1 j, 2 k) the slices are stacked along, or empty for an oblique,
/// tilted (sheared) or rotated-by-registration grid, which must be resliced. "Parallel"
/// allows for the rounding in DICOM direction cosines: across the whole grid a slice may
/// stray from the plane by at most kMaxDriftInSlices of the slice spacing, so drawing the
/// slice never shows anatomy from anywhere but the slice the cursor is in.
std::optional<int> nativeSliceAxis(const VolumeGeometry& grid, const Eigen::Matrix4d& seriesToPane,
                                   const Eigen::Vector3d& normal);

/// The largest drift of a native slice off the view plane, as a fraction of the slice spacing.
constexpr double kMaxDriftInSlices = 0.05;

}  // namespace crosscheck::viewer
