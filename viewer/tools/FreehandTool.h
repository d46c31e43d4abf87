#pragma once

#include <vector>

#include "core/geometry/PatientPoint.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/DragShapeTool.h"

namespace crosscheck::viewer {

/// The Freehand tool (F): the trace of the drag, a vertex every 2 widget pixels or more,
/// closed into a polygon ROI on release when it has at least 3 vertices and does not
/// cross itself (Roi::validate).
class FreehandTool : public DragShapeTool {
public:
    std::string id() const override { return AnnotationLayer::Tool::Freehand; }

    void cancel() override;

protected:
    void finish(AnnotationLayer& layer, const Drag& drag) override;
    void paintRubberBand(QPainter& painter, const PaneView& view, const QPointF& from,
                         const QPointF& to) const override;
    void follow(const PaneView& view, const QPointF& pixel, const PatientPoint& at) override;

private:
    std::vector<PatientPoint> m_trace;
};

}  // namespace crosscheck::viewer
