// The 3D pane's overlay: the three cursor planes and the ROIs as outlines projected with
// the pane's camera, and what the pane shows in words. Drawn with QPainter over the kept
// frame, so neither a cursor move nor an ROI edit makes VTK render again.
#include <Eigen/Geometry>
#include <QPainter>
#include <QPainterPath>
#include <cmath>

#include "core/geometry/OrientationLabel.h"
#include "core/roi/PlanarShape.h"
#include "core/roi/Roi.h"
#include "viewer/panes/PaneOverlay.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/volume/VolumePane.h"

namespace crosscheck::viewer {

namespace {
const QColor kCursorPlane(80, 220, 120, 200);
const QColor kRoi(60, 200, 255);
}  // namespace

void VolumePane::paintOverlay(QPainter& painter) {
    painter.setRenderHint(QPainter::Antialiasing, true);
    if (m_scene.hasVolume()) {
        paintCursorPlanes(painter);
        paintRois(painter);
    }
    paintLabels(painter);
    if (hasFocus()) {
        painter.setPen(QPen(QColor(255, 210, 80), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect().adjusted(1, 1, -1, -1));
    }
}

void VolumePane::paintCursorPlanes(QPainter& painter) const {
    if (!isSynchronized()) {
        return;
    }
    const Eigen::Vector3d& lo = m_scene.boundsLo();
    const Eigen::Vector3d& hi = m_scene.boundsHi();
    const Eigen::Vector3d cursor = m_state->cursor().mm;
    painter.setPen(QPen(kCursorPlane, 1.0));
    painter.setBrush(Qt::NoBrush);
    // One rectangle per plane: the plane through the cursor normal to axis `a`, across
    // the series' box.
    for (int a = 0; a < 3; ++a) {
        if (cursor[a] < lo[a] || cursor[a] > hi[a]) {
            continue;
        }
        const int u = (a + 1) % 3;
        const int v = (a + 2) % 3;
        QPolygonF outline;
        for (int corner : {0, 1, 3, 2}) {
            Eigen::Vector3d p = cursor;
            p[u] = (corner & 1) ? hi[u] : lo[u];
            p[v] = (corner & 2) ? hi[v] : lo[v];
            outline << referenceToWidget(PatientPoint{p});
        }
        painter.drawPolygon(outline);
    }
}

void VolumePane::paintRois(QPainter& painter) const {
    if (m_annotations == nullptr || !isSynchronized()) {
        return;
    }
    painter.setPen(QPen(kRoi, 1.5));
    painter.setBrush(Qt::NoBrush);
    auto project = [this](const Eigen::Vector3d& p) { return referenceToWidget(PatientPoint{p}); };
    for (const auto& annotation : m_annotations->history().annotations()) {
        const Roi& roi = annotation.roi;
        if (roi.hasArea()) {
            const RoiPlane plane = roi.plane();
            QPolygonF outline;
            const PlanarShape shape(roi);
            for (const Eigen::Vector2d& uv : shape.outline()) {
                outline << project(plane.fromPlane(uv));
            }
            painter.drawPolygon(outline);
        } else if (roi.isLinear()) {
            for (std::size_t i = 0; i + 1 < roi.pointsMm.size(); i += 2) {
                painter.drawLine(project(roi.pointsMm[i]), project(roi.pointsMm[i + 1]));
            }
        } else if (roi.shape == RoiShape::Sphere) {
            // Three great circles show a sphere from any side.
            for (int a = 0; a < 3; ++a) {
                QPolygonF circle;
                for (int s = 0; s < 48; ++s) {
                    const double t = 2.0 * M_PI * s / 48.0;
                    Eigen::Vector3d p = roi.centerMm;
                    p[(a + 1) % 3] += roi.radiusMm * std::cos(t);
                    p[(a + 2) % 3] += roi.radiusMm * std::sin(t);
                    circle << project(p);
                }
                painter.drawPolygon(circle);
            }
        } else if (roi.shape == RoiShape::Point) {
            const QPointF c = project(roi.centerMm);
            painter.drawLine(c - QPointF(4, 0), c + QPointF(4, 0));
            painter.drawLine(c - QPointF(0, 4), c + QPointF(0, 4));
        }
        // Brush masks are not drawn in 3D yet.
    }
}

PaneOverlay VolumePane::edgeOverlay() const {
    // The letters, scale bar and synthetic watermark of the 2D panes, for this camera: its
    // projection is parallel, so one scale holds across the pane.
    PaneOverlay o;
    const Eigen::Vector3d towards = -m_camera.towardsViewer.normalized();
    const Eigen::Vector3d right = towards.cross(m_camera.viewUp).normalized();
    const Eigen::Vector3d up = right.cross(towards);
    const auto letters = [](const Eigen::Vector3d& d) {
        return QString::fromStdString(orientationLabel(d));
    };
    o.left = letters(-right);
    o.right = letters(right);
    o.top = letters(up);
    o.bottom = letters(-up);
    o.pixelsPerMm =
        m_camera.parallelScaleMm > 0.0 ? height() / (2.0 * m_camera.parallelScaleMm) : 0.0;
    if (m_series.synthetic) {
        o.watermark = tr("SYNTHETIC CT: derived from MRI, not measured");
    }
    return o;
}

void VolumePane::paintLabels(QPainter& painter) const {
    if (hasSeries() && m_scene.hasVolume()) {
        paintPaneOverlay(painter, edgeOverlay(), width(), height());
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    QFont font = painter.font();
    font.setPointSizeF(9.0);
    painter.setFont(font);
    const QString what =
        hasSeries() ? tr("3D  %1  %2  %3")
                          .arg(QLatin1String(toString(m_series.role)), m_series.description,
                               QString::fromLatin1(toString(m_scene.preset())))
                    : tr("3D: no series");
    painter.setPen(QColor(0, 0, 0, 220));
    painter.drawText(QPointF(9, 19), what);
    painter.setPen(QColor(230, 230, 230));
    painter.drawText(QPointF(8, 18), what);
    if (hasSeries() && !isSynchronized()) {
        painter.setPen(QColor(230, 60, 60));
        painter.drawText(QPointF(8, 36), tr("not registered: shown in its own frame"));
    }
}

}  // namespace crosscheck::viewer
