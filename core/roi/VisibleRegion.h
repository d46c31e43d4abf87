#pragma once

#include <vector>

#include "core/roi/RoiFootprint.h"

namespace crosscheck {

/// Which voxels of an ROI's footprint make up "the object the ROI was drawn around".
///
/// The voxels at or above the threshold are grouped into 26-connected regions. A region
/// crosses the border when it holds a voxel more than `kCrossingSpacings` x the footprint's
/// in-plane spacing beyond the ROI outline: bone the ROI grazes, not what it was drawn
/// around, so it never qualifies. A region that crosses the border but also holds a
/// non-crossing part (a tumour touching the vertebra through partial volume) is split by
/// erosion: eroded until a core inside the ROI parts from the crossing core, then each
/// voxel of the region goes to the core it reaches first (geodesically; ties to the core
/// inside the ROI), leaving out the voxels that touch another core's part (the bridge).
/// The region containing the ROI centre is chosen (the larger on a tie); failing that the
/// nearest region that lies wholly inside the ROI (one that reaches the outline away from
/// the centre is something the ROI cuts, not what it was drawn around).
struct VisibleRegion {
    /// Footprint indices of the chosen region (inside the ROI and in the band); empty when
    /// nothing qualifies.
    std::vector<int> voxels;
    /// Per footprint voxel: true when it is at or above the threshold but not in the chosen
    /// region (another structure; a measurement must not run into it).
    std::vector<bool> foreign;
    /// True when something inside the ROI reaches the threshold but only as part of
    /// structures crossing the ROI border.
    bool onlyCrossing = false;
    /// True when the chosen region had to be split off a crossing structure.
    bool split = false;
};

/// How far beyond the outline, in in-plane voxel spacings, a structure must go on to count
/// as crossing the border; the footprint's band must be wider than this.
constexpr double kCrossingSpacings = 2.0;

VisibleRegion findVisibleRegion(const RoiFootprint& footprint, double threshold);

}  // namespace crosscheck
