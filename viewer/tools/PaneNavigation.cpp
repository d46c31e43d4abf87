#include "viewer/tools/PaneNavigation.h"

#include <QMouseEvent>
#include <algorithm>
#include <cmath>

#include "viewer/tools/PaneView.h"

namespace crosscheck::viewer {

namespace {
constexpr int kClickTolerancePx = 3;
}  // namespace

bool PaneNavigation::press(PaneView& /*view*/, const QMouseEvent& event) {
    m_button = event.button();
    m_pressPos = event.position().toPoint();
    m_lastPos = m_pressPos;
    m_dragged = false;
    return true;
}

bool PaneNavigation::move(PaneView& view, const QMouseEvent& event) {
    if (m_button == Qt::NoButton || !view.hasSeries()) {
        return false;
    }
    const QPoint pos = event.position().toPoint();
    if ((pos - m_pressPos).manhattanLength() > kClickTolerancePx) {
        m_dragged = true;
    }
    const QPoint delta = pos - m_lastPos;
    m_lastPos = pos;
    if (!m_dragged) {
        return true;
    }
    if (m_button == Qt::LeftButton) {
        windowBy(view, delta);
    } else if (m_button == Qt::RightButton) {
        view.zoomAbout(m_pressPos, std::exp(-delta.y() * 0.01));
    } else if (m_button == Qt::MiddleButton) {
        panBy(view, delta);
    }
    return true;
}

bool PaneNavigation::release(PaneView& view, const QMouseEvent& event) {
    if (event.button() == Qt::LeftButton && m_button == Qt::LeftButton && !m_dragged &&
        view.hasSeries()) {
        view.setPaneCursor(view.widgetToPane(event.position()));
    }
    cancel();
    return true;
}

void PaneNavigation::cancel() {
    m_button = Qt::NoButton;
    m_dragged = false;
}

void PaneNavigation::windowBy(PaneView& view, const QPoint& delta) {
    // In proportion to the current width, so HU and MR scales feel the same.
    WindowLevel w = view.currentWindow();
    const double unit = std::max(w.width, 1.0) / 256.0;
    w.width = std::max(1.0, w.width + delta.x() * unit);
    w.level -= delta.y() * unit;
    view.setWindow(w);
}

void PaneNavigation::panBy(PaneView& view, const QPoint& delta) {
    ZoomPan zp = view.currentZoomPan();
    const double mmpp = view.mmPerPixel();
    zp.panRightMm -= delta.x() * mmpp;
    zp.panUpMm += delta.y() * mmpp;
    view.setZoomPan(zp);
}

}  // namespace crosscheck::viewer
