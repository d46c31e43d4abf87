// Annotations on a pane: each ROI drawn where it crosses the pane's plane, and the
// ellipse and ruler tools that draw new ones on it. ROIs are stored in the reference
// frame's patient coordinates, so only synchronized panes draw or place them.
#include <QPainter>
#include <QPainterPath>

#include "viewer/panes/SlicePane.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/RoiOutline.h"

namespace crosscheck::viewer {

namespace {
const QColor kRoiColour(60, 200, 255);
const QColor kSelectedColour(255, 220, 60);
constexpr double kMinimumSizeMm = 1.0;
}  // namespace

void SlicePane::setAnnotationLayer(AnnotationLayer* layer) {
    m_annotations = layer;
    connect(layer, &AnnotationLayer::changed, this, qOverload<>(&SlicePane::update));
    connect(layer, &AnnotationLayer::toolChanged, this, [this](AnnotationLayer::Tool tool) {
        setCursor(tool == AnnotationLayer::Tool::Navigate ? Qt::ArrowCursor : Qt::CrossCursor);
    });
}

bool SlicePane::isDrawing() const {
    return m_annotations && m_annotations->tool() != AnnotationLayer::Tool::Navigate &&
           hasSeries() && isSynchronized();
}

void SlicePane::finishDrawing() {
    const PatientPoint start = *m_drawStart;
    m_drawStart.reset();
    const ViewPlane plane = ViewPlane::standard(m_orientation);
    const Eigen::Vector3d delta = m_drawEnd.mm - start.mm;
    const std::string& frame = m_annotations->referenceFrameUid();
    if (m_annotations->tool() == AnnotationLayer::Tool::Ruler) {
        if (delta.norm() >= kMinimumSizeMm) {
            m_annotations->addRoi(Roi::ruler(frame, start.mm, m_drawEnd.mm));
        }
    } else {
        // The ellipse fills the dragged rectangle, its axes along the screen's.
        const Eigen::Vector2d radii(std::abs(plane.right.dot(delta)) * 0.5,
                                    std::abs(plane.up.dot(delta)) * 0.5);
        if (radii.minCoeff() >= kMinimumSizeMm * 0.5) {
            m_annotations->addRoi(
                Roi::ellipse(frame, 0.5 * (start.mm + m_drawEnd.mm), plane.right, plane.up, radii));
        }
    }
    update();
}

void SlicePane::paintAnnotations(QPainter& painter) const {
    if (!m_annotations || !hasSeries() || !isSynchronized()) {
        return;
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const ViewPlane plane = ViewPlane::standard(m_orientation);
    const double tolerance = 0.5 * sliceStepMm();
    for (const Annotation& annotation : m_annotations->history().annotations()) {
        if (annotation.roi.frameOfReferenceUid != m_annotations->referenceFrameUid()) {
            continue;
        }
        const RoiOnPlane onPlane =
            roiOnPlane(annotation.roi, paneCursor().mm, plane.normal, tolerance);
        const bool selected = annotation.id == m_annotations->selectedId();
        painter.setPen(QPen(selected ? kSelectedColour : kRoiColour, selected ? 2.0 : 1.5));
        QPointF labelAt;
        if (!onPlane.outline.empty()) {
            QPainterPath path;
            path.moveTo(referenceToWidget(PatientPoint{onPlane.outline.front()}));
            for (const auto& p : onPlane.outline) {
                path.lineTo(referenceToWidget(PatientPoint{p}));
            }
            path.closeSubpath();
            painter.drawPath(path);
            labelAt = path.boundingRect().topRight();
        }
        for (const auto& [a, b] : onPlane.lines) {
            const QPointF wa = referenceToWidget(PatientPoint{a});
            const QPointF wb = referenceToWidget(PatientPoint{b});
            painter.drawLine(wa, wb);
            labelAt = wb;
            if (annotation.roi.isLinear()) {
                painter.drawText(wb + QPointF(6, 0),
                                 QStringLiteral("%1 mm").arg((b - a).norm(), 0, 'f', 1));
            }
        }
        if (!labelAt.isNull()) {
            painter.drawText(labelAt + QPointF(4, -4), QString::fromStdString(annotation.label));
        }
    }
    if (m_drawStart) {
        painter.setPen(QPen(kSelectedColour, 1.5, Qt::DashLine));
        const QPointF a = referenceToWidget(*m_drawStart);
        const QPointF b = referenceToWidget(m_drawEnd);
        if (m_annotations->tool() == AnnotationLayer::Tool::Ruler) {
            painter.drawLine(a, b);
        } else {
            painter.drawEllipse(QRectF(a, b).normalized());
        }
    }
    painter.restore();
}

}  // namespace crosscheck::viewer
