#include "viewer/tools/FreehandTool.h"

#include <QPainter>

#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneView.h"
#include "viewer/tools/RoiHitTest.h"
#include "viewer/tools/ShapeDrawing.h"

namespace crosscheck::viewer {

namespace {
constexpr double kStepPx = 2.0;
}  // namespace

void FreehandTool::cancel() {
    m_trace.clear();
    DragShapeTool::cancel();
}

void FreehandTool::follow(const PaneView& view, const QPointF& pixel, const PatientPoint& at) {
    // Closer vertices would only add noise (and work) to the outline.
    if (m_trace.empty() || hits::distancePx(pixel, view.paneToWidget(m_trace.back())) >= kStepPx) {
        m_trace.push_back(at);
    }
}

void FreehandTool::finish(AnnotationLayer& layer, const Drag& /*drag*/) {
    std::vector<Eigen::Vector3d> points;
    points.reserve(m_trace.size());
    for (const PatientPoint& p : m_trace) {
        points.push_back(p.mm);
    }
    const Roi outline = Roi::polygon(layer.referenceFrameUid(), points);
    if (points.size() >= 3 && outline.validate().empty()) {
        layer.addRoi(outline);
    }
}

void FreehandTool::paintRubberBand(QPainter& painter, const PaneView& view, const QPointF& /*from*/,
                                   const QPointF& /*to*/) const {
    painter.drawPolyline(shapes::toWidget(view, m_trace));
}

}  // namespace crosscheck::viewer
