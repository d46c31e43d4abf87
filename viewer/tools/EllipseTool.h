#pragma once

#include <QPainter>

#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/DragShapeTool.h"

namespace crosscheck::viewer {

/// The Ellipse tool (E): the ellipse fills the dragged box, its axes along the screen's
/// (the pane's right and up), in the pane's plane. Both sides must reach 1 mm.
class EllipseTool : public DragShapeTool {
public:
    std::string id() const override { return AnnotationLayer::Tool::Ellipse; }

protected:
    void finish(AnnotationLayer& layer, const Drag& drag) override {
        const Eigen::Vector2d extent = drag.extent();
        if (extent.minCoeff() >= kMinimumSizeMm) {
            layer.addRoi(Roi::ellipse(layer.referenceFrameUid(), drag.middle(), drag.plane.right,
                                      drag.plane.up, 0.5 * extent));
        }
    }
    void paintRubberBand(QPainter& painter, const PaneView& /*view*/, const QPointF& from,
                         const QPointF& to) const override {
        painter.drawEllipse(QRectF(from, to).normalized());
    }
};

}  // namespace crosscheck::viewer
