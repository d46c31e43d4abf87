#pragma once

#include <Eigen/Core>
#include <vector>

#include "core/roi/Roi.h"

namespace crosscheck {

/// Editing an ROI by its handles, as the viewer's select / move / resize does it. All
/// points are in the ROI's frame (LPS, mm); a point dragged on a pane is first projected
/// into the ROI's plane, so edits never tilt a planar ROI.
///
/// Handles per shape: ellipse — the four ends of its axes (+u, -u, +v, -v); rectangle —
/// its four corners (the opposite corner stays put); polygon, ruler — the vertices;
/// bidirectional — the long axis' ends, then the short axis' ends; point — the point;
/// sphere — the point on +u at its radius; brush — none (it is edited by painting).

/// The handle positions of the ROI.
std::vector<Eigen::Vector3d> roiHandles(const Roi& roi);

/// The ROI with handle `index` dragged to `toMm`. Ellipse: that radius becomes the
/// distance from the centre along the handle's axis. Rectangle: the dragged corner
/// follows, the opposite corner stays. Bidirectional: a long-axis end moves freely and the
/// short axis follows, staying perpendicular through the same fraction of the long axis
/// with its length kept; a short-axis end slides along the perpendicular. Sizes never go
/// below `minimumMm`. An index out of range returns the ROI unchanged.
Roi withHandleMoved(const Roi& roi, int index, const Eigen::Vector3d& toMm, double minimumMm = 0.5);

/// The ROI moved by `deltaMm` (every point, the centre, a brush mask's grid).
Roi translatedRoi(const Roi& roi, const Eigen::Vector3d& deltaMm);

}  // namespace crosscheck
