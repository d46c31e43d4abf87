#pragma once

#include <cstdint>
#include <vector>

#include "core/geometry/VolumeGeometry.h"

namespace crosscheck {

/// A painted ROI: a uint8 label mask on a stated voxel grid (its own geometry, usually the
/// grid of the series it was painted on, in the annotation's frame of reference).
///
/// `labels` holds one value per voxel of `geometry` (i fastest, then j, then k); any
/// non-zero value is "inside". The grid travels with the mask, so the mask can be sampled
/// in any other series: a series voxel counts when its centre falls into a labelled mask
/// voxel (nearest mask voxel). Brush and eraser set and clear labels with `paintSphere`.
struct BrushMask {
    VolumeGeometry geometry;
    std::vector<std::uint8_t> labels;

    BrushMask() = default;
    /// An empty (all-zero) mask on the grid.
    explicit BrushMask(const VolumeGeometry& grid);

    bool isValid() const { return labels.size() == geometry.voxelCount(); }
    std::uint8_t at(int i, int j, int k) const;
    /// The label of the mask voxel containing the point (mask frame, mm); 0 outside the grid.
    std::uint8_t labelAt(const Eigen::Vector3d& pointMm) const;
    /// Sets every mask voxel whose centre lies within radiusMm of the centre to `label`
    /// (0 erases). Returns the number of voxels whose label changed.
    int paintSphere(const Eigen::Vector3d& centerMm, double radiusMm, std::uint8_t label);
    /// Number of non-zero voxels.
    std::size_t labelledCount() const;
    /// Volume of one mask voxel, mm^3 (|det| of the index-to-patient steps).
    double voxelVolumeMm3() const;
    /// The labelled voxels with an unlabelled or missing 6-neighbour (i, j, k). When the grid's
    /// axes are orthogonal (hasOrthogonalAxes), the labelled voxel centre nearest to any point
    /// whose own mask voxel (labelAt) is unlabelled is one of them: distance searches outside
    /// the mask need to look at these only.
    std::vector<Eigen::Vector3i> surfaceVoxels() const;
    bool hasOrthogonalAxes() const;

    bool operator==(const BrushMask& other) const;
    bool operator!=(const BrushMask& other) const { return !(*this == other); }
};

}  // namespace crosscheck
