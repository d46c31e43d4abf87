#pragma once

#include <Eigen/Core>
#include <vector>

#include "core/roi/Roi.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// One voxel of a series selected by an ROI: its index, the patient position of its centre
/// (the series' frame, LPS mm) and its value (HU or MR intensity).
struct SampledVoxel {
    Eigen::Vector3i ijk = Eigen::Vector3i::Zero();
    Eigen::Vector3d positionMm = Eigen::Vector3d::Zero();
    double value = 0.0;
};

/// The voxels of one series an ROI selects, and those of the ring around it.
struct RoiSamples {
    std::vector<SampledVoxel> inside;
    std::vector<SampledVoxel> ring;
};

/// Selects the voxels of `volume` (on its own grid, no resampling) that an ROI covers.
///
/// The ROI must already be in the volume's frame (Roi::transformed). How voxels count —
/// whole voxels only, no partial weights:
/// - ellipse, rectangle, polygon: a voxel counts when its box intersects the ROI plane
///   (its centre lies within half the voxel's extent along the plane normal, i.e.
///   -h <= d < h with h = 0.5 * sum over the grid steps s of |s . n|; half-open so that a
///   plane exactly between two slices takes one, not both) and its centre, projected on the
///   plane, lies inside the outline. On an axial ROI over an axial series this is the one
///   slice the ROI was drawn on.
/// - ruler, bidirectional: the voxels containing points every 0.1 voxel along the segments.
/// - point: the voxel containing the point.
/// - sphere: voxels whose centre lies within the radius.
/// - brush: voxels whose centre falls into a labelled voxel of the mask's grid.
/// The ring (for contrast) holds the voxels selected by the same plane/slab rule whose
/// centres lie outside the shape and within `ringWidthMm` of it (distance measured in the
/// plane for planar shapes, in 3D for sphere and brush); lines and points have no ring.
/// Voxels outside the grid are skipped.
RoiSamples sampleRoi(const Roi& roiInVolumeFrame, const Volume& volume, double ringWidthMm);

}  // namespace crosscheck
