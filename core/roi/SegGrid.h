#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/VolumeGeometry.h"

namespace crosscheck {

/// Where one frame of a multi-frame segmentation lies (its functional groups; LPS, mm):
/// Image Position (Patient), the two unit vectors of Image Orientation (Patient), Pixel
/// Spacing as stored (between rows, between columns) and Spacing Between Slices (or Slice
/// Thickness) when given.
struct SegFrameGeometry {
    Eigen::Vector3d positionMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d rowDirection = Eigen::Vector3d::UnitX();
    Eigen::Vector3d columnDirection = Eigen::Vector3d::UnitY();
    Eigen::Vector2d pixelSpacingRowCol = Eigen::Vector2d::Ones();
    std::optional<double> spacingBetweenSlicesMm;
};

/// The voxel grid the frames of a segmentation lie on, and the slice index k of each frame.
struct SegGrid {
    VolumeGeometry geometry;
    std::vector<int> sliceOfFrame;
};

/// Builds the grid of frames given in any order: one orientation and pixel spacing for all
/// (within 1e-4), slice 0 at the lowest position along the slice normal, the slice step from
/// the frames' positions (the smallest distance between two segmented slices, or Spacing
/// Between Slices when that divides it; along the normal or sheared, as the positions say),
/// every frame within a tenth of a pixel of its slice. Empty, with one sentence in
/// `problem`, when the frames do not lie on one regular grid.
std::optional<SegGrid> segGrid(const std::vector<SegFrameGeometry>& frames, int columns, int rows,
                               std::string* problem = nullptr);

}  // namespace crosscheck
