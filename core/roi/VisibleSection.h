#pragma once

#include <Eigen/Core>
#include <optional>
#include <vector>

#include "core/roi/RoiFootprint.h"
#include "core/roi/VisibleRegion.h"

namespace crosscheck {

/// The size of a visible region in one plane: its longest and its shortest caliper width
/// (maximum and minimum Feret diameter; for an elliptic section the long axis and the
/// width across it, the "long x short" a radiologist reads off an image), mm.
///
/// Ends are in the series' patient coordinates (LPS, mm) and lie in `plane`. All zero when
/// the region has no voxel inside the ROI in that plane.
struct VisibleSection {
    double longMm = 0.0;
    double shortMm = 0.0;
    Eigen::Vector3d longStartMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d longEndMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d shortStartMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d shortEndMm = Eigen::Vector3d::Zero();
    int voxelCount = 0;  ///< region voxels inside the ROI that the section was taken from
};

/// Measures the chosen region's section in `plane` (for a planar ROI its own plane).
///
/// Only region voxels inside the ROI count, and only those within half a voxel of the plane
/// (sampleRoi's slab rule). The long axis is the longest caliper (Feret) length over
/// in-plane directions every 2 degrees, the short axis the shortest. A caliper's end
/// is the outermost, among the voxels within 3/4 voxel of the extreme along the direction,
/// of the points where the trilinear profile from the voxel centre crosses the threshold, with
/// other structures' voxels (VisibleRegion::foreign) read as the footprint's background, so an end
/// never runs into a neighbouring bone; and never beyond the ROI outline, so no size exceeds the
/// ROI.
///
/// Without a plane (volume ROIs) every region voxel inside the ROI counts, the long axis is
/// the caliper along the 3D farthest voxel pair and the width is left at 0.
VisibleSection measureVisibleSection(const RoiFootprint& footprint, const VisibleRegion& region,
                                     const RoiPlane* plane, double threshold);

}  // namespace crosscheck
