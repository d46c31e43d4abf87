#include "viewer/tools/NavigateTool.h"

#include <QMouseEvent>

#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneView.h"
#include "viewer/tools/RoiHitTest.h"

namespace crosscheck::viewer {

bool NavigateTool::press(PaneView& view, const QMouseEvent& event) {
    if (event.button() != Qt::LeftButton || !view.canEditRois()) {
        return false;
    }
    if (m_drag.beginOnHandle(view, event.position())) {
        return true;
    }
    const std::string hit = hits::roiAt(view, event.position());
    view.annotations()->select(hit);
    if (hit.empty()) {
        return false;
    }
    m_drag.beginMove(view, hit, event.position());
    return true;
}

bool NavigateTool::move(PaneView& view, const QMouseEvent& event) {
    return m_drag.moveTo(view, event.position());
}

bool NavigateTool::release(PaneView& view, const QMouseEvent& event) {
    return event.button() == Qt::LeftButton && m_drag.endAt(view, event.position());
}

}  // namespace crosscheck::viewer
