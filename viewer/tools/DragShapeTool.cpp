#include "viewer/tools/DragShapeTool.h"

#include <QMouseEvent>
#include <QPainter>

#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneView.h"
#include "viewer/tools/ShapeDrawing.h"

namespace crosscheck::viewer {

bool DragShapeTool::press(PaneView& view, const QMouseEvent& event) {
    if (event.button() != Qt::LeftButton || !view.canEditRois()) {
        return false;
    }
    if (m_handleDrag.beginOnHandle(view, event.position())) {
        return true;
    }
    m_drawing = true;
    m_start = view.widgetToPane(event.position());
    m_current = m_start;
    follow(view, event.position(), m_start);
    view.requestRepaint();
    return true;
}

bool DragShapeTool::move(PaneView& view, const QMouseEvent& event) {
    if (m_handleDrag.moveTo(view, event.position())) {
        return true;
    }
    if (!m_drawing) {
        return false;
    }
    followTo(view, event.position());
    view.requestRepaint();
    return true;
}

bool DragShapeTool::release(PaneView& view, const QMouseEvent& event) {
    if (event.button() != Qt::LeftButton) {
        return false;
    }
    if (m_handleDrag.endAt(view, event.position())) {
        return true;
    }
    if (!m_drawing) {
        return false;
    }
    followTo(view, event.position());
    finish(*view.annotations(), Drag{m_start, m_current, view.viewPlane()});
    cancel();
    view.requestRepaint();
    return true;
}

void DragShapeTool::cancel() {
    m_handleDrag.clear();
    m_drawing = false;
}

void DragShapeTool::paint(QPainter& painter, const PaneView& view) const {
    if (!m_drawing) {
        return;
    }
    painter.setPen(QPen(shapes::kSelectedColour, 1.5, Qt::DashLine));
    paintRubberBand(painter, view, view.paneToWidget(m_start), view.paneToWidget(m_current));
}

void DragShapeTool::followTo(const PaneView& view, const QPointF& pixel) {
    const PatientPoint at = view.widgetToPane(pixel);
    follow(view, pixel, at);
    m_current = at;
}

}  // namespace crosscheck::viewer
