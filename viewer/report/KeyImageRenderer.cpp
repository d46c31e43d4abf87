#include "viewer/report/KeyImageRenderer.h"

#include <QFont>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/geometry/OrientationLabel.h"
#include "core/geometry/ViewPlane.h"
#include "core/roi/RoiDrawing.h"
#include "core/roi/RoiMeasurement.h"
#include "core/volume/Volume.h"

namespace crosscheck::viewer {

namespace {

const QColor kOutlineColour(255, 190, 0);

/// Where a view-frame point falls in the image (pixel units, 0,0 = top left corner).
struct PlaneProjector {
    const KeyImagePlane& plane;
    double pixelMm;
    int sizePx;

    QPointF operator()(const Eigen::Vector3d& p) const {
        const Eigen::Vector3d d = p - plane.centerMm;
        return {0.5 * sizePx + d.dot(plane.right) / pixelMm,
                0.5 * sizePx - d.dot(plane.up) / pixelMm};
    }
};

/// Text with a dark halo, readable on any grey.
void haloText(QPainter& painter, const QPointF& at, const QString& text) {
    QPainterPath path;
    path.addText(at, painter.font(), text);
    painter.setPen(QPen(Qt::black, std::max(2.0, painter.font().pixelSize() / 6.0)));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(path);
    painter.fillPath(path, Qt::white);
}

void drawOutline(QPainter& painter, const Roi& roi, const KeyImagePlane& plane,
                 const PlaneProjector& project) {
    const RoiPlane pane{plane.centerMm, plane.right, plane.up};
    const RoiDrawing drawing = roiDrawingOnPlane(roi, pane, std::max(0.5, 0.5 * project.pixelMm));
    painter.setPen(QPen(kOutlineColour, std::max(2.0, project.sizePx / 220.0), Qt::SolidLine,
                        Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    for (const auto& line : drawing.closedLines) {
        QPolygonF polygon;
        for (const auto& p : line) {
            polygon << project(p);
        }
        painter.drawPolygon(polygon);
    }
    for (const auto& line : drawing.openLines) {
        QPolygonF polyline;
        for (const auto& p : line) {
            polyline << project(p);
        }
        painter.drawPolyline(polyline);
    }
    const double r = project.sizePx / 60.0;
    for (const auto& m : drawing.markers) {
        const QPointF c = project(m);
        painter.drawLine(c - QPointF(r, 0), c + QPointF(r, 0));
        painter.drawLine(c - QPointF(0, r), c + QPointF(0, r));
    }
}

/// A brush mask's boundary on the plane: mask pixels with an unlabelled 4-neighbour.
void drawMaskOutline(QImage& image, const BrushMask& mask, const KeyImagePlane& plane,
                     double pixelMm) {
    const int n = image.width();
    std::vector<std::uint8_t> inside(static_cast<std::size_t>(n) * n, 0);
    const Eigen::Vector3d origin = plane.centerMm + (0.5 - 0.5 * n) * pixelMm * plane.right +
                                   (0.5 * n - 0.5) * pixelMm * plane.up;
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            const Eigen::Vector3d p = origin + x * pixelMm * plane.right - y * pixelMm * plane.up;
            inside[static_cast<std::size_t>(y) * n + x] = mask.labelAt(p) != 0;
        }
    }
    auto at = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < n && y < n && inside[static_cast<std::size_t>(y) * n + x];
    };
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            if (at(x, y) && !(at(x - 1, y) && at(x + 1, y) && at(x, y - 1) && at(x, y + 1))) {
                image.setPixel(x, y, kOutlineColour.rgb());
            }
        }
    }
}

void drawOrientationLetters(QPainter& painter, const KeyImagePlane& plane, int n, double scale) {
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(std::max(10, static_cast<int>(scale * n / 22)));
    font.setBold(true);
    painter.setFont(font);
    const QFontMetrics metrics(font);
    const int margin = std::max(3, n / 80);
    auto letters = [](const Eigen::Vector3d& d) {
        return QString::fromStdString(orientationLabel(d));
    };
    const QString left = letters(-plane.right), right = letters(plane.right);
    const QString top = letters(plane.up), bottom = letters(-plane.up);
    const double midY = 0.5 * n + 0.5 * metrics.capHeight();
    haloText(painter, QPointF(margin, midY), left);
    haloText(painter, QPointF(n - margin - metrics.horizontalAdvance(right), midY), right);
    haloText(painter,
             QPointF(0.5 * (n - metrics.horizontalAdvance(top)), margin + metrics.capHeight()),
             top);
    haloText(painter,
             QPointF(0.5 * (n - metrics.horizontalAdvance(bottom)), n - margin - metrics.descent()),
             bottom);
}

/// A bar of a round length (about a quarter of the field) in the bottom right corner.
void drawScaleBar(QPainter& painter, double fieldOfViewMm, int n, double scale) {
    double lengthMm = 5.0;
    for (double candidate : {5.0, 10.0, 20.0, 25.0, 50.0, 100.0}) {
        if (candidate <= 0.3 * fieldOfViewMm) {
            lengthMm = candidate;
        }
    }
    const double lengthPx = lengthMm / fieldOfViewMm * n;
    const double margin = std::max(4.0, n / 40.0);
    const double y = n - margin;
    const QPointF a(n - margin - lengthPx, y), b(n - margin, y);
    const double tick = std::max(3.0, n / 80.0);
    for (const auto& [colour, width] :
         {std::pair{QColor(Qt::black), 4.0}, std::pair{QColor(Qt::white), 2.0}}) {
        painter.setPen(
            QPen(colour, std::max(width, width * n / 400.0), Qt::SolidLine, Qt::FlatCap));
        painter.drawLine(a, b);
        painter.drawLine(a, a - QPointF(0, tick));
        painter.drawLine(b, b - QPointF(0, tick));
    }
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(std::max(9, static_cast<int>(scale * n / 28)));
    painter.setFont(font);
    const QString label = QStringLiteral("%1 mm").arg(lengthMm, 0, 'g', 3);
    const QFontMetrics metrics(font);
    haloText(painter,
             QPointF(b.x() - metrics.horizontalAdvance(label), y - tick - metrics.descent() - 2),
             label);
}

}  // namespace

KeyImagePlane axialKeyImagePlane(const Eigen::Vector3d& centerMm, double fieldOfViewMm) {
    const ViewPlane axial = ViewPlane::standard(ViewOrientation::Axial);
    return {centerMm, axial.right, axial.up, fieldOfViewMm};
}

KeyImagePlane keyImagePlaneForRoi(const Roi& roi, double fieldOfViewMm) {
    const Eigen::Vector3d centre = roiAnchorMm(roi);
    if (!(roi.hasArea() || roi.isLinear())) {
        return axialKeyImagePlane(centre, fieldOfViewMm);
    }
    const Eigen::Vector3d n = roi.plane().normal();
    Eigen::Index dominant = 0;
    n.cwiseAbs().maxCoeff(&dominant);
    const ViewOrientation nearest = dominant == 2   ? ViewOrientation::Axial
                                    : dominant == 1 ? ViewOrientation::Coronal
                                                    : ViewOrientation::Sagittal;
    const ViewPlane view = ViewPlane::standard(nearest);
    // The ROI's normal, pointing to the viewer as the standard view's does; the standard
    // right projected into the ROI plane keeps the image the way readers expect it.
    const Eigen::Vector3d normal = n.dot(view.normal) < 0 ? Eigen::Vector3d(-n) : n;
    const Eigen::Vector3d right = (view.right - view.right.dot(normal) * normal).normalized();
    return {centre, right, normal.cross(right), fieldOfViewMm};
}

double keyImageFieldOfViewMm(const Roi& roi) {
    return std::clamp(3.0 * measureRoiSize(roi).longAxisMm, 50.0, 200.0);
}

QImage renderKeyImage(const KeyImageSeries& series, const KeyImagePlane& plane,
                      const KeyImageWindow& window, const Roi* roi, int sizePx, bool* empty,
                      double textScale) {
    const int n = std::max(16, sizePx);
    QImage image(n, n, QImage::Format_RGB32);
    image.fill(Qt::black);
    bool any = false;
    const double pixelMm = plane.fieldOfViewMm / n;
    if (series.volume) {
        const Volume& volume = *series.volume;
        const Eigen::Matrix4d viewToIndex =
            volume.geometry().patientToIndex() * series.viewToSeries;
        const Eigen::Matrix3d linear = viewToIndex.topLeftCorner<3, 3>();
        const Eigen::Vector3d origin = plane.centerMm + (0.5 - 0.5 * n) * pixelMm * plane.right +
                                       (0.5 * n - 0.5) * pixelMm * plane.up;
        const Eigen::Vector3d index0 = linear * origin + viewToIndex.topRightCorner<3, 1>();
        const Eigen::Vector3d stepX = linear * (pixelMm * plane.right);
        const Eigen::Vector3d stepY = linear * (-pixelMm * plane.up);
        const double low = window.window.level - 0.5 * window.window.width;
        const double scale = 255.0 / std::max(1e-9, window.window.width);
        for (int y = 0; y < n; ++y) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
            const Eigen::Vector3d rowStart = index0 + y * stepY;
            for (int x = 0; x < n; ++x) {
                const auto value = volume.sampleLinear(VoxelIndex{rowStart + x * stepX});
                if (!value) {
                    continue;
                }
                any = true;
                const int grey = static_cast<int>(std::clamp((*value - low) * scale, 0.0, 255.0));
                line[x] = qRgb(grey, grey, grey);
            }
        }
    }
    if (roi && roi->shape == RoiShape::Brush && roi->mask && roi->mask->isValid()) {
        drawMaskOutline(image, *roi->mask, plane, pixelMm);
    }
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    if (roi && roi->shape != RoiShape::Brush) {
        drawOutline(painter, *roi, plane, PlaneProjector{plane, pixelMm, n});
    }
    drawOrientationLetters(painter, plane, n, textScale);
    drawScaleBar(painter, plane.fieldOfViewMm, n, textScale);
    painter.end();
    if (empty) {
        *empty = !any;
    }
    return image;
}

void drawKeyImageLabels(QImage& image, const Eigen::Vector3d& right, const Eigen::Vector3d& up,
                        double fieldOfViewMm, double textScale) {
    const int n = image.width();
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    drawOrientationLetters(
        painter, KeyImagePlane{Eigen::Vector3d::Zero(), right, up, fieldOfViewMm}, n, textScale);
    drawScaleBar(painter, fieldOfViewMm, n, textScale);
}

QImage placeholderKeyImage(const QString& reason, int sizePx) {
    const int n = std::max(16, sizePx);
    QImage image(n, n, QImage::Format_RGB32);
    image.fill(QColor(225, 225, 225));
    QPainter painter(&image);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(std::max(10, n / 20));
    painter.setFont(font);
    painter.setPen(QColor(80, 80, 80));
    painter.drawText(QRect(n / 10, 0, n - n / 5, n), Qt::AlignCenter | Qt::TextWordWrap, reason);
    return image;
}

}  // namespace crosscheck::viewer
