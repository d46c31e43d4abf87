#include "viewer/tools/ShapeDrawing.h"

#include <QImage>
#include <QPainter>
#include <cmath>
#include <cstdint>

#include "core/roi/RoiEditing.h"
#include "viewer/tools/PaneView.h"

namespace crosscheck::viewer::shapes {

QPolygonF toWidget(const PaneView& view, const std::vector<Eigen::Vector3d>& line) {
    QPolygonF polygon;
    for (const auto& p : line) {
        polygon << view.paneToWidget(PatientPoint{p});
    }
    return polygon;
}

QPolygonF toWidget(const PaneView& view, const std::vector<PatientPoint>& line) {
    QPolygonF polygon;
    for (const PatientPoint& p : line) {
        polygon << view.paneToWidget(p);
    }
    return polygon;
}

namespace {

/// The widget pixels the mask's grid (one voxel of margin) can cover, clipped to the pane.
QRect maskArea(const PaneView& view, const BrushMask& mask) {
    QRectF box;
    const Eigen::Vector3i d = mask.geometry.dims();
    for (int corner = 0; corner < 8; ++corner) {
        const Eigen::Vector3d ijk((corner & 1) ? d[0] : -1, (corner & 2) ? d[1] : -1,
                                  (corner & 4) ? d[2] : -1);
        const QPointF w = view.paneToWidget(mask.geometry.toPatient(VoxelIndex{ijk}));
        box = box.united(QRectF(w, QSizeF(1, 1)));
    }
    return box.toAlignedRect().intersected(QRect(QPoint(0, 0), view.paneSize()));
}

}  // namespace

void paintBrushMask(QPainter& painter, const PaneView& view, const BrushMask& mask,
                    const QColor& colour) {
    const QRect area = maskArea(view, mask);
    if (area.isEmpty()) {
        return;
    }
    const PixelToPatient pixels = view.pixelMapping();
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

void paintHandles(QPainter& painter, const PaneView& view, const Roi& roi) {
    const RoiPlane plane = view.panePlane();
    const double half = 0.5 * view.sliceStepMm() + 1e-6;
    painter.setPen(QPen(Qt::black, 1.0));
    painter.setBrush(kSelectedColour);
    for (const Eigen::Vector3d& handle : roiHandles(roi)) {
        if (std::abs(plane.distance(handle)) <= half) {
            const QPointF w = view.paneToWidget(PatientPoint{handle});
            painter.drawRect(QRectF(w.x() - kHandleHalfPx, w.y() - kHandleHalfPx, 2 * kHandleHalfPx,
                                    2 * kHandleHalfPx));
        }
    }
    painter.setBrush(Qt::NoBrush);
}

}  // namespace crosscheck::viewer::shapes
