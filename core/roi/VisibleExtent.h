#pragma once

#include <Eigen/Core>
#include <optional>
#include <vector>

#include "core/roi/Roi.h"
#include "core/roi/RoiSampler.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// The long axis of the object an ROI was drawn around, above a threshold: the "visible
/// extent" of a lesion (a calcified tumour on CT is 20 mm; on an sCT that misses it, 0 mm),
/// and its [long, short] sections in the axial and sagittal planes, as studies report them.
///
/// Ends are in the volume's patient coordinates (LPS, mm); lengthMm is 0 and voxelCount 0
/// when nothing qualifies (docs/measurements.md). axialMm / sagittalMm are [long, short] in
/// mm; a planar ROI has the one of the plane it lies in (judged by the largest component of
/// its normal: z axial, x sagittal; a coronal ROI has neither), a sphere or brush has both,
/// through the region's centroid; lines and points have neither. [0, 0] when nothing
/// qualifies.
struct VisibleExtent {
    double lengthMm = 0.0;
    Eigen::Vector3d startMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d endMm = Eigen::Vector3d::Zero();
    int voxelCount = 0;  ///< voxels of the chosen region inside the ROI
    std::optional<Eigen::Vector2d> axialMm;
    std::optional<Eigen::Vector2d> sagittalMm;
    /// Something inside the ROI reaches the threshold, but only structures that cross the ROI
    /// border (bone the ROI grazes): the extent is 0 for that reason.
    bool onlyCrossing = false;
};

/// The warning a measurement carries when VisibleExtent::onlyCrossing.
constexpr const char* kOnlyCrossingWarning = "only structures crossing the ROI border";

/// Computes the visible extent of the ROI's voxels (from sampleRoi, ROI in the volume's
/// frame) at `threshold` (value >= threshold is "visible").
///
/// Area shapes, sphere and brush: the region the ROI was drawn around (findVisibleRegion:
/// not a structure crossing the ROI border) measured inside the ROI only
/// (measureVisibleSection: farthest voxel centres, ends moved to the interpolated threshold
/// crossing, never beyond the outline). `inside` is not used for these: they look at a band
/// around the ROI too. Ruler and bidirectional: the longest run above the threshold along
/// their segments (profiles every 0.05 voxel, crossings interpolated). Point: 0.
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
