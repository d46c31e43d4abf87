#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/geometry/PatientPoint.h"
#include "core/roi/Roi.h"

namespace crosscheck::viewer {

/// What a mouse gesture on a pane is doing to the annotations, from press to release.
///
/// Points are in the pane frame (the reference frame: only synchronized panes edit ROIs),
/// LPS mm. A drawing gesture collects `points` (two corners, or a polygon's vertices, or a
/// freehand trace); Move and Handle edit annotation `annotationId` starting from `original`,
/// every change under one history merge key so the whole drag is one undo step; Paint does
/// the same for a brush or eraser stroke, which paints a copy of the mask and commits it on
/// release (one undo step, and no mask copy per mouse move).
struct RoiGesture {
    enum class Kind { None, Draw, Polygon, Move, Handle, Paint };

    Kind kind = Kind::None;
    std::vector<PatientPoint> points;
    PatientPoint pressedAt;
    PatientPoint current;  ///< where the mouse is now (a polygon's rubber band)
    std::string annotationId;
    Roi original;
    int handle = -1;
    std::uint64_t mergeKey = 0;
    bool moved = false;
    /// A brush or eraser stroke paints this working copy; snapshots become the ROI's mask.
    std::shared_ptr<BrushMask> mask;

    bool active() const { return kind != Kind::None; }
    void clear() { *this = RoiGesture{}; }
};

}  // namespace crosscheck::viewer
