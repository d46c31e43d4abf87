#include "viewer/tools/PolygonTool.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneView.h"
#include "viewer/tools/RoiHitTest.h"
#include "viewer/tools/ShapeDrawing.h"

namespace crosscheck::viewer {

namespace {
constexpr double kClosePx = 8.0;
}  // namespace

bool PolygonTool::press(PaneView& view, const QMouseEvent& event) {
    if (event.button() != Qt::LeftButton || !view.canEditRois()) {
        return false;
    }
    if (collectsClicks()) {
        addVertexOrClose(view, event.position());
        return true;
    }
    if (m_handleDrag.beginOnHandle(view, event.position())) {
        return true;
    }
    m_current = view.widgetToPane(event.position());
    m_points = {m_current};
    view.requestRepaint();
    return true;
}

void PolygonTool::addVertexOrClose(PaneView& view, const QPointF& pixel) {
    const bool closes = m_points.size() >= 3 &&
                        hits::distancePx(pixel, view.paneToWidget(m_points.front())) <= kClosePx;
    if (closes) {
        finish(view);
    } else {
        m_points.push_back(view.widgetToPane(pixel));
    }
    view.requestRepaint();
}

bool PolygonTool::move(PaneView& view, const QMouseEvent& event) {
    if (m_handleDrag.moveTo(view, event.position())) {
        return true;
    }
    if (!collectsClicks()) {
        return false;
    }
    m_current = view.widgetToPane(event.position());
    view.requestRepaint();
    return true;
}

bool PolygonTool::release(PaneView& view, const QMouseEvent& event) {
    if (event.button() != Qt::LeftButton) {
        return false;
    }
    if (m_handleDrag.endAt(view, event.position())) {
        return true;
    }
    // A polygon ends with a click on its first vertex, Enter or a double click.
    return collectsClicks();
}

bool PolygonTool::doubleClick(PaneView& view, const QMouseEvent& /*event*/) {
    if (!collectsClicks()) {
        return false;
    }
    finish(view);
    return true;
}

bool PolygonTool::key(PaneView& view, const QKeyEvent& event) {
    const bool enter = event.key() == Qt::Key_Return || event.key() == Qt::Key_Enter;
    if (!enter || !collectsClicks()) {
        return false;
    }
    finish(view);
    return true;
}

void PolygonTool::cancel() {
    m_handleDrag.clear();
    m_points.clear();
}

void PolygonTool::finish(PaneView& view) {
    std::vector<Eigen::Vector3d> points;
    points.reserve(m_points.size());
    for (const PatientPoint& p : m_points) {
        points.push_back(p.mm);
    }
    m_points.clear();
    AnnotationLayer& layer = *view.annotations();
    const Roi polygon = Roi::polygon(layer.referenceFrameUid(), points);
    if (points.size() >= 3 && polygon.validate().empty()) {
        layer.addRoi(polygon);
    }
    view.requestRepaint();
}

void PolygonTool::paint(QPainter& painter, const PaneView& view) const {
    if (!collectsClicks()) {
        return;
    }
    painter.setPen(QPen(shapes::kSelectedColour, 1.5, Qt::DashLine));
    QPolygonF polyline = shapes::toWidget(view, m_points);
    polyline << view.paneToWidget(m_current);
    painter.drawPolyline(polyline);
    painter.drawEllipse(polyline.front(), 4.0, 4.0);  // click here to close
}

}  // namespace crosscheck::viewer
