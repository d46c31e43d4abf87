#include "viewer/panes/AnnotationOverlay.h"

#include <QPainter>

#include "core/roi/RoiDrawing.h"
#include "core/roi/RoiEditing.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneTool.h"
#include "viewer/tools/PaneView.h"
#include "viewer/tools/ShapeDrawing.h"

namespace crosscheck::viewer {

namespace {

constexpr double kMarkerPx = 5.0;

/// "23.4 mm" for a ruler, "12.0 x 7.5 mm" for a bidirectional.
QString linearLabel(const Roi& roi) {
    if (roi.shape == RoiShape::Ruler && roi.pointsMm.size() == 2) {
        return QStringLiteral("%1 mm").arg((roi.pointsMm[1] - roi.pointsMm[0]).norm(), 0, 'f', 1);
    }
    if (roi.shape == RoiShape::Bidirectional && roi.pointsMm.size() == 4) {
        return QStringLiteral("%1 x %2 mm")
            .arg((roi.pointsMm[1] - roi.pointsMm[0]).norm(), 0, 'f', 1)
            .arg((roi.pointsMm[3] - roi.pointsMm[2]).norm(), 0, 'f', 1);
    }
    return {};
}

/// Draws a brush ROI's mask; returns where its label goes (empty when not on this slice).
QRectF paintMask(QPainter& painter, const PaneView& view, const Roi& roi, const QColor& colour) {
    if (roi.shape != RoiShape::Brush || !roi.mask) {
        return {};
    }
    shapes::paintBrushMask(painter, view, *roi.mask, colour);
    const QPointF anchor = view.paneToWidget(PatientPoint{roiAnchorMm(roi)});
    return roi.mask->labelAt(view.widgetToPane(anchor).mm) != 0 ? QRectF(anchor, QSizeF(1, 1))
                                                                : QRectF();
}

/// Draws the ROI's cut with the plane; returns the widget box it covers.
QRectF paintDrawing(QPainter& painter, const PaneView& view, const RoiDrawing& drawing) {
    QRectF extent;
    for (const auto& line : drawing.closedLines) {
        const QPolygonF polygon = shapes::toWidget(view, line);
        painter.drawPolygon(polygon);
        extent = extent.united(polygon.boundingRect());
    }
    for (const auto& line : drawing.openLines) {
        const QPolygonF polyline = shapes::toWidget(view, line);
        painter.drawPolyline(polyline);
        extent = extent.united(polyline.boundingRect());
    }
    for (const auto& marker : drawing.markers) {
        const QPointF w = view.paneToWidget(PatientPoint{marker});
        painter.drawLine(w - QPointF(kMarkerPx, 0), w + QPointF(kMarkerPx, 0));
        painter.drawLine(w - QPointF(0, kMarkerPx), w + QPointF(0, kMarkerPx));
        extent = extent.united(QRectF(w, QSizeF(1, 1)));
    }
    return extent;
}

}  // namespace

void AnnotationOverlay::paint(QPainter& painter, const PaneView& view, const PaneTool& tool) const {
    const AnnotationLayer* layer = view.annotations();
    if (!layer || !view.canEditRois()) {
        return;
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const RoiPlane plane = view.panePlane();
    const double half = 0.5 * view.sliceStepMm();
    for (const Annotation& annotation : layer->history().annotations()) {
        // ROIs saved in another frame are drawn through the known transform (not edited).
        const std::optional<Roi> inReference = layer->inReferenceFrame(annotation.roi);
        if (!inReference) {
            continue;
        }
        const Roi& roi = *inReference;
        const bool selected = annotation.id == layer->selectedId();
        const QColor& colour = selected ? shapes::kSelectedColour : shapes::kRoiColour;
        painter.setPen(QPen(colour, selected ? 2.0 : 1.5));
        QRectF extent = paintMask(painter, view, roi, colour);
        const RoiDrawing drawing = roiDrawingOnPlane(roi, plane, half);
        extent = extent.united(paintDrawing(painter, view, drawing));
        if (extent.isNull()) {
            continue;
        }
        QString text = QString::fromStdString(annotation.label);
        if (drawing.inPlane && roi.isLinear()) {
            text += QStringLiteral("  ") + linearLabel(roi);
        }
        painter.drawText(extent.topRight() + QPointF(4, -4), text);
        if (selected) {
            shapes::paintHandles(painter, view, roi);
        }
    }
    tool.paint(painter, view);
    painter.restore();
}

}  // namespace crosscheck::viewer
