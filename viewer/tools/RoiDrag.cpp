#include "viewer/tools/RoiDrag.h"

#include "core/roi/RoiEditing.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneView.h"
#include "viewer/tools/RoiHitTest.h"

namespace crosscheck::viewer {

bool RoiDrag::beginOnHandle(PaneView& view, const QPointF& pixel) {
    AnnotationLayer& layer = *view.annotations();
    const Annotation* selected = layer.selected();
    if (!selected) {
        return false;
    }
    const int handle = hits::handleAt(view, selected->roi, pixel);
    if (handle < 0) {
        return false;
    }
    m_kind = Kind::Handle;
    m_handle = handle;
    m_id = selected->id;
    m_original = selected->roi;
    m_pressedAt = view.widgetToPane(pixel);
    m_mergeKey = layer.history().beginMerge();
    return true;
}

void RoiDrag::beginMove(PaneView& view, const std::string& id, const QPointF& pixel) {
    AnnotationLayer& layer = *view.annotations();
    m_kind = Kind::Move;
    m_id = id;
    m_original = layer.history().find(id)->roi;
    m_pressedAt = view.widgetToPane(pixel);
    m_mergeKey = layer.history().beginMerge();
}

void RoiDrag::dragTo(PaneView& view, const QPointF& pixel) {
    const PatientPoint at = view.widgetToPane(pixel);
    AnnotationLayer& layer = *view.annotations();
    if (m_kind == Kind::Move) {
        layer.modifyRoi(m_id, translatedRoi(m_original, at.mm - m_pressedAt.mm), m_mergeKey);
    } else if (m_kind == Kind::Handle) {
        layer.modifyRoi(m_id, withHandleMoved(m_original, m_handle, at.mm), m_mergeKey);
    }
    view.requestRepaint();
}

bool RoiDrag::moveTo(PaneView& view, const QPointF& pixel) {
    if (!active()) {
        return false;
    }
    dragTo(view, pixel);
    return true;
}

bool RoiDrag::endAt(PaneView& view, const QPointF& pixel) {
    if (!moveTo(view, pixel)) {
        return false;
    }
    clear();
    return true;
}

}  // namespace crosscheck::viewer
