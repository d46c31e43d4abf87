#pragma once

#include <Eigen/Core>
#include <optional>
#include <vector>

#include "core/roi/Roi.h"
#include "core/roi/RoiSampler.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// The long axis of what stands out above a threshold inside an ROI: the "visible extent"
/// of a lesion (a calcified tumour on CT is 20 mm; on an sCT that misses it, 0 mm).
///
/// Ends are in the volume's patient coordinates (LPS, mm); lengthMm is 0 and voxelCount 0
/// when no voxel reaches the threshold.
struct VisibleExtent {
    double lengthMm = 0.0;
    Eigen::Vector3d startMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d endMm = Eigen::Vector3d::Zero();
    int voxelCount = 0;  ///< voxels in the largest connected region
};

/// Computes the visible extent of the ROI's voxels (from sampleRoi, ROI in the volume's
/// frame) at `threshold` (value >= threshold is "visible").
///
/// Area shapes, sphere and brush: the voxels at or above the threshold are grouped into
/// 26-connected regions on the volume's grid; in the largest (most voxels) the two voxel
/// centres farthest apart (projected on the ROI plane for planar shapes) give the axis.
/// Each end is then moved to where the trilinearly interpolated profile along that axis
/// crosses the threshold (searched up to 1.5 voxels beyond the end voxel's centre, or back
/// towards the middle when the interpolated value at the end is already below), so the
/// length is not quantized to whole voxels. Ruler and bidirectional: the longest run above
/// the threshold along their segments (profiles every 0.05 voxel, crossings interpolated).
/// Point: 0.
VisibleExtent measureVisibleExtent(const Roi& roiInVolumeFrame, const Volume& volume,
                                   const std::vector<SampledVoxel>& inside, double threshold);

/// Fits a bidirectional measurement to the largest region above `threshold` inside an area
/// ROI (ellipse, rectangle, polygon; in the volume's frame): the long axis is the visible
/// extent above; the short axis is the longest chord perpendicular to it, in the ROI plane,
/// across the region (threshold crossings interpolated). Empty when nothing reaches the
/// threshold. The result is a Roi of shape bidirectional in the volume's frame.
std::optional<Roi> fitBidirectional(const Roi& searchRoiInVolumeFrame, const Volume& volume,
                                    double threshold);

/// The indices of the two points farthest apart (the maximum Feret diameter). Exact up to
/// 2500 points; beyond, searched among the extreme points along 256 directions.
std::pair<int, int> farthestPointPair(const std::vector<Eigen::Vector3d>& points);

}  // namespace crosscheck
