#include "viewer/tools/BrushTool.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "core/roi/BrushPainting.h"
#include "core/volume/Volume.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneView.h"
#include "viewer/tools/RoiHitTest.h"
#include "viewer/tools/ShapeDrawing.h"

namespace crosscheck::viewer {

bool BrushTool::press(PaneView& view, const QMouseEvent& event) {
    if (event.button() != Qt::LeftButton || !view.canEditRois()) {
        return false;
    }
    if (m_handleDrag.beginOnHandle(view, event.position())) {
        return true;
    }
    const std::string id = target(view, event.position());
    if (id.empty() && m_erases) {
        return true;  // nothing to erase here; the press is still the tool's
    }
    beginStroke(view, id, view.widgetToPane(event.position()));
    view.requestRepaint();
    return true;
}

std::string BrushTool::target(const PaneView& view, const QPointF& pixel) const {
    const AnnotationLayer& layer = *view.annotations();
    const Annotation* chosen = layer.selected();
    if (!chosen || chosen->roi.shape != RoiShape::Brush) {
        const std::string hit = m_erases ? hits::roiAt(view, pixel) : std::string();
        chosen = hit.empty() ? nullptr : layer.history().find(hit);
    }
    return chosen && chosen->roi.shape == RoiShape::Brush ? chosen->id : std::string();
}

void BrushTool::beginStroke(PaneView& view, const std::string& id, const PatientPoint& at) {
    AnnotationLayer& layer = *view.annotations();
    m_painting = true;
    m_moved = false;
    m_id = id;
    m_last = at;
    m_mergeKey = layer.history().beginMerge();
    if (!id.empty()) {
        m_mask = std::make_shared<BrushMask>(*layer.history().find(id)->roi.mask);
    } else {
        // A new mask on the series' voxel grid, placed in the pane frame.
        const VolumeGeometry& grid = view.series().volume->geometry();
        m_mask = std::make_shared<BrushMask>(brushMaskAround(
            VolumeGeometry(grid.dims(), view.seriesToPane().matrix() * grid.indexToPatient()),
            at.mm, layer.brushRadiusMm()));
    }
    strokeTo(view, at);
}

void BrushTool::strokeTo(PaneView& view, const PatientPoint& to) {
    const double radius = view.annotations()->brushRadiusMm();
    const std::uint8_t label = m_erases ? 0 : 1;
    const Eigen::Vector3d from = m_last.mm;
    // Discs every half radius along the move, so a fast stroke leaves no gaps.
    const double length = (to.mm - from).norm();
    const int steps = std::max(1, static_cast<int>(std::ceil(length / (0.5 * radius))));
    const Eigen::Vector3d normal = view.viewPlane().normal;
    for (int s = (m_moved ? 1 : 0); s <= steps; ++s) {
        const Eigen::Vector3d c = from + (to.mm - from) * (static_cast<double>(s) / steps);
        if (label != 0) {
            *m_mask = withRoomFor(*m_mask, c, radius);
        }
        paintDisc(*m_mask, c, normal, radius, 0.5 * view.sliceStepMm(), label);
    }
    m_last = to;
    m_moved = true;
    commit(view);
}

void BrushTool::commit(PaneView& view) {
    // The history keeps its own copy: the stroke goes on painting the working mask. The
    // whole stroke, creating the ROI included, is one undo step (one merge key).
    AnnotationLayer& layer = *view.annotations();
    const auto snapshot = std::make_shared<const BrushMask>(*m_mask);
    if (!m_id.empty()) {
        // Only the mask changes: an imported structure keeps where it came from, and the
        // ROI stays in its own frame.
        Roi edited = layer.history().find(m_id)->roi;
        edited.mask = snapshot;
        layer.modifyRoi(m_id, edited, m_mergeKey);
    } else if (snapshot->labelledCount() > 0) {
        m_id = layer.addRoi(Roi::brush(layer.referenceFrameUid(), snapshot), m_mergeKey);
    }
}

bool BrushTool::move(PaneView& view, const QMouseEvent& event) {
    if (m_handleDrag.moveTo(view, event.position())) {
        return true;
    }
    if (!m_painting) {
        view.requestRepaint();  // the brush outline follows the mouse
        return false;
    }
    strokeTo(view, view.widgetToPane(event.position()));
    view.requestRepaint();
    return true;
}

bool BrushTool::release(PaneView& view, const QMouseEvent& event) {
    if (event.button() != Qt::LeftButton) {
        return false;
    }
    if (m_handleDrag.endAt(view, event.position())) {
        return true;
    }
    if (!m_painting) {
        return false;
    }
    strokeTo(view, view.widgetToPane(event.position()));
    cancel();
    view.requestRepaint();
    return true;
}

void BrushTool::cancel() {
    m_handleDrag.clear();
    m_painting = false;
    m_moved = false;
    m_id.clear();
    m_mask.reset();
}

void BrushTool::paint(QPainter& painter, const PaneView& view) const {
    if (const auto hover = view.hoverPixel()) {
        const double r = view.annotations()->brushRadiusMm() / view.mmPerPixel();
        painter.setPen(QPen(m_erases ? Qt::white : shapes::kSelectedColour, 1.0, Qt::DashLine));
        painter.drawEllipse(*hover, r, r);
    }
    // Until the stroke has labelled a voxel it is no ROI yet: the tool draws it.
    if (m_painting && m_id.empty() && m_mask) {
        shapes::paintBrushMask(painter, view, *m_mask, shapes::kSelectedColour);
    }
}

bool BrushTool::radiusKey(PaneView& view, const QKeyEvent& event) {
    const bool larger = event.key() == Qt::Key_BracketRight;
    if (!larger && event.key() != Qt::Key_BracketLeft) {
        return false;
    }
    if (AnnotationLayer* layer = view.annotations()) {
        layer->setBrushRadiusMm(layer->brushRadiusMm() * (larger ? 1.25 : 0.8));
        view.requestRepaint();
    }
    return true;
}

}  // namespace crosscheck::viewer
