#pragma once

#include <Eigen/Core>
#include <QPointF>
#include <cmath>
#include <string>

#include "core/geometry/PatientPoint.h"
#include "core/geometry/ViewPlane.h"
#include "viewer/tools/PaneTool.h"
#include "viewer/tools/RoiDrag.h"

namespace crosscheck::viewer {

class AnnotationLayer;

/// A tool that draws an ROI with one drag, press to release (ellipse, rectangle, ruler,
/// bidirectional, point, freehand): a rubber band while dragging, then one new ROI (one
/// undo step) when the release makes a valid one. A press on a handle of the selected
/// ROI reshapes it instead, as under every ROI tool. Subclasses say what the drag makes
/// (finish) and how it looks meanwhile (paintRubberBand). Points are in the pane frame
/// (the reference frame), LPS mm.
class DragShapeTool : public PaneTool {
public:
    bool press(PaneView& view, const QMouseEvent& event) override;
    bool move(PaneView& view, const QMouseEvent& event) override;
    bool release(PaneView& view, const QMouseEvent& event) override;
    void cancel() override;
    void paint(QPainter& painter, const PaneView& view) const override;

protected:
    /// Where the drag started and where the mouse is now.
    struct Drag {
        PatientPoint start;
        PatientPoint end;
        ViewPlane plane;  ///< the pane's standard plane (right, up, normal)

        Eigen::Vector3d delta() const { return end.mm - start.mm; }
        Eigen::Vector3d middle() const { return 0.5 * (start.mm + end.mm); }
        /// The dragged box's sides along the screen's axes, mm.
        Eigen::Vector2d extent() const {
            return {std::abs(plane.right.dot(delta())), std::abs(plane.up.dot(delta()))};
        }
    };
    /// Smaller than this (mm), a shape is taken for a slip of the mouse.
    static constexpr double kMinimumSizeMm = 1.0;

    /// Adds the ROI the finished drag makes, if it makes one.
    virtual void finish(AnnotationLayer& layer, const Drag& drag) = 0;
    /// Draws the drag in progress between widget points `from` and `to` (pen already set).
    virtual void paintRubberBand(QPainter& /*painter*/, const PaneView& /*view*/,
                                 const QPointF& /*from*/, const QPointF& /*to*/) const {}
    /// Called with the press point and every later mouse position of the drag.
    virtual void follow(const PaneView& /*view*/, const QPointF& /*pixel*/,
                        const PatientPoint& /*at*/) {}

private:
    void followTo(const PaneView& view, const QPointF& pixel);

    RoiDrag m_handleDrag;
    bool m_drawing = false;
    PatientPoint m_start;
    PatientPoint m_current;
};

}  // namespace crosscheck::viewer
