#pragma once

#include <Eigen/Geometry>
#include <QPainter>

#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/DragShapeTool.h"

namespace crosscheck::viewer {

/// The Bidirectional tool (D): the long axis as dragged (at least 1 mm); the short axis
/// starts perpendicular through its middle, in the pane's plane, at half its length, to be
/// set by its handles.
class BidirectionalTool : public DragShapeTool {
public:
    std::string id() const override { return AnnotationLayer::Tool::Bidirectional; }

protected:
    void finish(AnnotationLayer& layer, const Drag& drag) override {
        const Eigen::Vector3d delta = drag.delta();
        if (delta.norm() < kMinimumSizeMm) {
            return;
        }
        const Eigen::Vector3d across = drag.plane.normal.cross(delta).normalized();
        const double half = 0.25 * delta.norm();
        const Eigen::Vector3d middle = drag.middle();
        layer.addRoi(Roi::bidirectional(layer.referenceFrameUid(), drag.start.mm, drag.end.mm,
                                        middle - half * across, middle + half * across));
    }
    void paintRubberBand(QPainter& painter, const PaneView& /*view*/, const QPointF& from,
                         const QPointF& to) const override {
        painter.drawLine(from, to);
    }
};

}  // namespace crosscheck::viewer
