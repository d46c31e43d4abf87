#pragma once

#include <QPainter>

#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/DragShapeTool.h"

namespace crosscheck::viewer {

/// The Ruler tool (M): a line from press to release, at least 1 mm long; the pane labels
/// it with its length.
class RulerTool : public DragShapeTool {
public:
    std::string id() const override { return AnnotationLayer::Tool::Ruler; }

protected:
    void finish(AnnotationLayer& layer, const Drag& drag) override {
        if (drag.delta().norm() >= kMinimumSizeMm) {
            layer.addRoi(Roi::ruler(layer.referenceFrameUid(), drag.start.mm, drag.end.mm));
        }
    }
    void paintRubberBand(QPainter& painter, const PaneView& /*view*/, const QPointF& from,
                         const QPointF& to) const override {
        painter.drawLine(from, to);
    }
};

}  // namespace crosscheck::viewer
