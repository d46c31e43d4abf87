#pragma once

#include <Eigen/Core>

#include "core/geometry/VolumeGeometry.h"
#include "core/roi/BrushMask.h"

namespace crosscheck {

/// Brush and eraser strokes on a BrushMask, and the mask grids they paint on.
///
/// A painted ROI keeps its labels on a crop of the grid of the series it was painted on
/// (same voxel size and orientation, so what the user paints is what the series' voxels
/// show), not on the whole series: a CT is 50 MB as a uint8 mask, and every undo step keeps
/// its own copy of the mask. The crop grows as strokes leave it. All points are in the
/// mask's frame (LPS, mm).

/// An empty mask on the part of `seriesGrid` (the series' voxel grid expressed in the
/// annotation's frame) within `radiusMm` of `centerMm` plus `marginVoxels` on every side,
/// clipped to the series grid. The centre must lie inside the series grid.
BrushMask brushMaskAround(const VolumeGeometry& seriesGrid, const Eigen::Vector3d& centerMm,
                          double radiusMm, int marginVoxels = 32);

/// The mask on a grid large enough to hold a stroke of `radiusMm` at `centerMm`: the same
/// mask when it already fits, else a copy on the grid extended (by `marginVoxels` beyond
/// the stroke) along the same axes, its labels kept in place.
BrushMask withRoomFor(const BrushMask& mask, const Eigen::Vector3d& centerMm, double radiusMm,
                      int marginVoxels = 32);

/// Sets every mask voxel whose centre lies in the disc of `radiusMm` around `centerMm` in
/// the plane with unit normal `normal`, and within `halfThicknessMm` of that plane, to
/// `label` (0 erases): what a 2-D brush on one slice means. Returns how many labels changed.
int paintDisc(BrushMask& mask, const Eigen::Vector3d& centerMm, const Eigen::Vector3d& normal,
              double radiusMm, double halfThicknessMm, std::uint8_t label);

}  // namespace crosscheck
