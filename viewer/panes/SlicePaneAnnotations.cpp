// Annotations on a pane: each ROI drawn where it crosses the pane's plane (core's
// roiDrawingOnPlane), brush masks as a translucent label overlay, the selected ROI's
// handles, and the gesture in progress. ROIs are stored in the reference frame's patient
// coordinates, so only synchronized panes draw them.
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "core/roi/RoiDrawing.h"
#include "core/roi/RoiEditing.h"
#include "viewer/analysis/SliceRaster.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/roi/AnnotationLayer.h"

namespace crosscheck::viewer {

namespace {

const QColor kRoiColour(60, 200, 255);
const QColor kSelectedColour(255, 220, 60);
constexpr double kHandleHalfPx = 3.5;
constexpr double kMarkerPx = 5.0;

using Tool = AnnotationLayer::Tool;

/// "ruler 23.4 mm", "12.0 x 7.5 mm" for the linear shapes when they lie in the pane.
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

}  // namespace

void SlicePane::setAnnotationLayer(AnnotationLayer* layer) {
    m_annotations = layer;
    connect(layer, &AnnotationLayer::changed, this, qOverload<>(&SlicePane::update));
    connect(layer, &AnnotationLayer::toolChanged, this, [this](AnnotationLayer::Tool tool) {
        if (m_gesture.kind == RoiGesture::Kind::Polygon) {
            m_gesture.clear();
        }
        setCursor(tool == AnnotationLayer::Tool::Navigate ? Qt::ArrowCursor : Qt::CrossCursor);
        update();
    });
}

void SlicePane::paintBrushMask(QPainter& painter, const BrushMask& mask,
                               const QColor& colour) const {
    // Only the pixels the mask grid can cover are sampled.
    QRectF box;
    const Eigen::Vector3i d = mask.geometry.dims();
    for (int corner = 0; corner < 8; ++corner) {
        const Eigen::Vector3d ijk((corner & 1) ? d[0] : -1, (corner & 2) ? d[1] : -1,
                                  (corner & 4) ? d[2] : -1);
        const QPointF w = referenceToWidget(mask.geometry.toPatient(VoxelIndex{ijk}));
        box = box.united(QRectF(w, QSizeF(1, 1)));
    }
    const QRect area = box.toAlignedRect().intersected(rect());
    if (area.isEmpty()) {
        return;
    }
    const PixelToPatient pixels = pixelMapping();
    QImage image(area.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    std::vector<std::uint8_t> inside(static_cast<std::size_t>(area.width() * area.height()));
    for (int y = 0; y < area.height(); ++y) {
        for (int x = 0; x < area.width(); ++x) {
            const Eigen::Vector3d p =
                pixels.origin + (area.x() + x) * pixels.stepX + (area.y() + y) * pixels.stepY;
            inside[static_cast<std::size_t>(y * area.width() + x)] = mask.labelAt(p) != 0;
        }
    }
    const QRgb fill = qPremultiply(qRgba(colour.red(), colour.green(), colour.blue(), 70));
    const QRgb edge = colour.rgb();
    auto at = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < area.width() && y < area.height() &&
               inside[static_cast<std::size_t>(y * area.width() + x)];
    };
    for (int y = 0; y < area.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < area.width(); ++x) {
            if (at(x, y)) {
                const bool border =
                    !at(x - 1, y) || !at(x + 1, y) || !at(x, y - 1) || !at(x, y + 1);
                line[x] = border ? edge : fill;
            }
        }
    }
    painter.drawImage(area.topLeft(), image);
}

void SlicePane::paintSelectedHandles(QPainter& painter, const Roi& roi) const {
    const RoiPlane plane = panePlane();
    const double half = 0.5 * sliceStepMm() + 1e-6;
    painter.setPen(QPen(Qt::black, 1.0));
    painter.setBrush(kSelectedColour);
    for (const Eigen::Vector3d& handle : roiHandles(roi)) {
        if (std::abs(plane.distance(handle)) <= half) {
            const QPointF w = referenceToWidget(PatientPoint{handle});
            painter.drawRect(QRectF(w.x() - kHandleHalfPx, w.y() - kHandleHalfPx, 2 * kHandleHalfPx,
                                    2 * kHandleHalfPx));
        }
    }
    painter.setBrush(Qt::NoBrush);
}

void SlicePane::paintAnnotations(QPainter& painter) const {
    if (!m_annotations || !canEditRois()) {
        return;
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const RoiPlane plane = panePlane();
    const double half = 0.5 * sliceStepMm();
    for (const Annotation& annotation : m_annotations->history().annotations()) {
        // ROIs saved in another frame are drawn through the known transform (not edited).
        const std::optional<Roi> inReference = m_annotations->inReferenceFrame(annotation.roi);
        if (!inReference) {
            continue;
        }
        const Roi& roi = *inReference;
        const bool selected = annotation.id == m_annotations->selectedId();
        const QColor colour = selected ? kSelectedColour : kRoiColour;
        painter.setPen(QPen(colour, selected ? 2.0 : 1.5));
        QRectF extent;
        if (roi.shape == RoiShape::Brush) {
            const bool painting = m_gesture.kind == RoiGesture::Kind::Paint &&
                                  m_gesture.annotationId == annotation.id;
            const BrushMask* mask = painting ? m_gesture.mask.get() : roi.mask.get();
            if (mask) {
                paintBrushMask(painter, *mask, colour);
                const QPointF anchor = referenceToWidget(PatientPoint{roiAnchorMm(roi)});
                if (mask->labelAt(widgetToPane(anchor).mm) != 0) {
                    extent = QRectF(anchor, QSizeF(1, 1));
                }
            }
        }
        const RoiDrawing drawing = roiDrawingOnPlane(roi, plane, half);
        for (const auto& line : drawing.closedLines) {
            QPolygonF polygon;
            for (const auto& p : line) {
                polygon << referenceToWidget(PatientPoint{p});
            }
            painter.drawPolygon(polygon);
            extent = extent.united(polygon.boundingRect());
        }
        for (const auto& line : drawing.openLines) {
            QPolygonF polyline;
            for (const auto& p : line) {
                polyline << referenceToWidget(PatientPoint{p});
            }
            painter.drawPolyline(polyline);
            extent = extent.united(polyline.boundingRect());
        }
        for (const auto& marker : drawing.markers) {
            const QPointF w = referenceToWidget(PatientPoint{marker});
            painter.drawLine(w - QPointF(kMarkerPx, 0), w + QPointF(kMarkerPx, 0));
            painter.drawLine(w - QPointF(0, kMarkerPx), w + QPointF(0, kMarkerPx));
            extent = extent.united(QRectF(w, QSizeF(1, 1)));
        }
        if (extent.isNull()) {
            continue;
        }
        QString text = QString::fromStdString(annotation.label);
        if (drawing.inPlane && roi.isLinear()) {
            text += QStringLiteral("  ") + linearLabel(roi);
        }
        painter.drawText(extent.topRight() + QPointF(4, -4), text);
        if (selected) {
            paintSelectedHandles(painter, roi);
        }
    }
    paintRoiGesture(painter);
    painter.restore();
}

void SlicePane::paintRoiGesture(QPainter& painter) const {
    const Tool tool = m_annotations->tool();
    if ((tool == Tool::Brush || tool == Tool::Eraser) && m_hoverPixel) {
        const double r = m_annotations->brushRadiusMm() / mmPerPixel();
        painter.setPen(QPen(tool == Tool::Eraser ? Qt::white : kSelectedColour, 1.0, Qt::DashLine));
        painter.drawEllipse(*m_hoverPixel, r, r);
    }
    painter.setPen(QPen(kSelectedColour, 1.5, Qt::DashLine));
    if (m_gesture.kind == RoiGesture::Kind::Paint && m_gesture.annotationId.empty() &&
        m_gesture.mask) {
        paintBrushMask(painter, *m_gesture.mask, kSelectedColour);
    }
    if (m_gesture.kind == RoiGesture::Kind::Polygon) {
        QPolygonF polyline;
        for (const PatientPoint& p : m_gesture.points) {
            polyline << referenceToWidget(p);
        }
        polyline << referenceToWidget(m_gesture.current);
        painter.drawPolyline(polyline);
        painter.drawEllipse(polyline.front(), 4.0, 4.0);  // click here to close
        return;
    }
    if (m_gesture.kind != RoiGesture::Kind::Draw) {
        return;
    }
    const QPointF a = referenceToWidget(m_gesture.points.front());
    const QPointF b = referenceToWidget(m_gesture.current);
    switch (tool) {
        case Tool::Ellipse:
            painter.drawEllipse(QRectF(a, b).normalized());
            break;
        case Tool::Rectangle:
            painter.drawRect(QRectF(a, b).normalized());
            break;
        case Tool::Ruler:
        case Tool::Bidirectional:
            painter.drawLine(a, b);
            break;
        case Tool::Freehand: {
            QPolygonF polyline;
            for (const PatientPoint& p : m_gesture.points) {
                polyline << referenceToWidget(p);
            }
            painter.drawPolyline(polyline);
            break;
        }
        default:
            break;
    }
}

}  // namespace crosscheck::viewer
