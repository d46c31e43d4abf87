#pragma once

#include <Eigen/Core>
#include <vector>

#include "core/roi/Roi.h"

namespace crosscheck {

/// What a pane draws of an ROI: polylines and markers in patient coordinates (the pane's
/// frame, LPS mm), ready to be projected to the screen.
struct RoiDrawing {
    /// Closed outlines (last point joins the first).
    std::vector<std::vector<Eigen::Vector3d>> closedLines;
    /// Open polylines and segments (rulers, bidirectional axes, chords of a crossing plane).
    std::vector<std::vector<Eigen::Vector3d>> openLines;
    /// Single points (a point ROI, where a ruler pierces the plane).
    std::vector<Eigen::Vector3d> markers;
    /// True when the ROI lies in the pane's slab (drawn whole, editable by handles); false
    /// when the pane only crosses it.
    bool inPlane = false;

    bool empty() const { return closedLines.empty() && openLines.empty() && markers.empty(); }
};

/// The part of an ROI (already in the pane's frame, Roi::transformed) visible in a pane
/// showing the plane `pane` with a slab of +- halfThicknessMm (half the slice spacing):
/// - ellipse, rectangle, polygon: the whole outline when the ROI plane is parallel to the
///   pane (within 1 degree) and inside the slab; when the planes cross, the chords where the
///   pane plane cuts the shape; nothing otherwise.
/// - ruler, bidirectional: segments with both ends in the slab are drawn whole; a segment
///   crossing the plane gives a marker where it pierces it.
/// - point: a marker when in the slab. sphere: the circle where the plane cuts it.
/// - brush: nothing here (draw the mask as a label overlay on its own grid).
RoiDrawing roiDrawingOnPlane(const Roi& roiInPaneFrame, const RoiPlane& pane,
                             double halfThicknessMm);

/// A representative point of the ROI for "go to ROI": the centre of an ellipse, rectangle,
/// sphere or point; the mean of the vertices of a polygon, ruler or bidirectional; the
/// centroid of a brush mask's labelled voxels (its grid centre when empty). ROI frame, mm.
Eigen::Vector3d roiAnchorMm(const Roi& roi);

}  // namespace crosscheck
