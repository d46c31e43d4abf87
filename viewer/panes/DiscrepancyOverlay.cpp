#include "viewer/panes/DiscrepancyOverlay.h"

#include <QCoreApplication>
#include <QPainter>
#include <algorithm>
#include <array>
#include <limits>

#include "core/volume/Volume.h"
#include "viewer/analysis/DiscrepancyBanner.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/analysis/SliceRaster.h"
#include "viewer/panes/PaneOverlay.h"
#include "viewer/tools/PaneView.h"

namespace crosscheck::viewer {

namespace {
constexpr double kLegendFullHu = 500.0;
const QRgb kOutlineColour = qRgb(255, 40, 200);
}  // namespace

bool DiscrepancyOverlay::showsResult(const PaneView& view) const {
    return m_layer && m_layer->hasResult() && view.hasSeries() &&
           view.series().referenceToSeries.has_value();
}

QRect DiscrepancyOverlay::regionsFootprint(const PaneView& view) const {
    // Nearest-voxel sampling: a region whose voxels all lie off the plane has no outline
    // on this slice.
    const PixelToPatient pixels = view.pixelMapping();
    const Eigen::Vector3d normal = pixels.stepX.cross(pixels.stepY).normalized();
    // Half a voxel's diagonal on every patient axis: enough whatever the grid's orientation.
    const Eigen::Vector3d halfVoxel =
        Eigen::Vector3d::Constant(0.5 * m_layer->labels()->geometry().spacingMm().norm());
    QRectF box;
    for (const auto& region : m_layer->result()->regions) {
        // The box of the voxels themselves, not of their centres: zoomed in, a voxel
        // spans many pixels, and its outline lies on its edge.
        const Eigen::Vector3d lo = region.bboxMinMm - halfVoxel;
        const Eigen::Vector3d hi = region.bboxMaxMm + halfVoxel;
        double nearest = std::numeric_limits<double>::max();
        double farthest = std::numeric_limits<double>::lowest();
        std::array<QPointF, 8> corners;
        for (int corner = 0; corner < 8; ++corner) {
            const Eigen::Vector3d p((corner & 1) ? hi.x() : lo.x(), (corner & 2) ? hi.y() : lo.y(),
                                    (corner & 4) ? hi.z() : lo.z());
            const double distance = (p - pixels.origin).dot(normal);
            nearest = std::min(nearest, distance);
            farthest = std::max(farthest, distance);
            corners[static_cast<std::size_t>(corner)] = view.paneToWidget(PatientPoint{p});
        }
        if (nearest > 0.0 || farthest < 0.0) {
            continue;
        }
        for (const QPointF& w : corners) {
            box = box.united(QRectF(w, QSizeF(1, 1)));
        }
    }
    return box.toAlignedRect();
}

void DiscrepancyOverlay::makeRasters(const PaneView& view) {
    const auto& result = *m_layer->result();
    const PixelToPatient pixels = view.pixelMapping();
    const Eigen::Matrix4d identity = Eigen::Matrix4d::Identity();
    m_difference = QImage();
    if (view.series().role == SeriesRole::CT && m_layer->showDifference()) {
        m_difference =
            differenceImage(result.difference->difference(), identity, pixels, view.paneSize(),
                            m_layer->differenceOpacity(), 50.0, kLegendFullHu);
    }
    m_outlines = labelOutlineImage(*m_layer->labels(), identity, pixels, view.paneSize(),
                                   regionsFootprint(view), kOutlineColour);
    m_valid = true;
}

void DiscrepancyOverlay::prepare(const PaneView& view) {
    if (showsResult(view) && !m_valid) {
        makeRasters(view);
    }
}

void DiscrepancyOverlay::paintRasters(QPainter& painter, const PaneView& view) {
    if (!showsResult(view)) {
        return;
    }
    prepare(view);
    const QRect all(QPoint(0, 0), view.paneSize());
    if (!m_difference.isNull()) {
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
        painter.drawImage(all, m_difference);
        painter.restore();
    }
    if (!m_outlines.image.isNull()) {
        painter.drawImage(m_outlines.topLeft, m_outlines.image);
    }
}

void DiscrepancyOverlay::paintLegend(QPainter& painter, const PaneView& view) const {
    if (!showsResult(view) || view.series().role != SeriesRole::CT || !m_layer->showDifference()) {
        return;
    }
    // A vertical colour bar, +500 HU (CT denser) at the top to -500 HU (sCT denser).
    // In the upper right quarter, clear of the right orientation letter at mid-height.
    const int width = view.paneSize().width();
    const int barTop = overlayTopLetterBottom(painter.font()) + 16;
    const int barHeight = std::clamp(view.paneSize().height() / 2 - barTop - 40, 40, 160);
    const QRect bar(width - 28, barTop, 12, barHeight);
    for (int y = 0; y < bar.height(); ++y) {
        const double hu = kLegendFullHu * (1.0 - 2.0 * y / std::max(1, bar.height() - 1));
        painter.setPen(QColor::fromRgb(differenceColour(hu, kLegendFullHu)));
        painter.drawLine(bar.left(), bar.top() + y, bar.right(), bar.top() + y);
    }
    painter.setPen(Qt::white);
    QFont font = painter.font();
    font.setPixelSize(11);
    painter.setFont(font);
    const QFontMetrics fm(font);
    const QString top = QStringLiteral("+%1").arg(kLegendFullHu, 0, 'f', 0);
    const QString bottom = QStringLiteral("-%1").arg(kLegendFullHu, 0, 'f', 0);
    painter.drawText(bar.right() - fm.horizontalAdvance(top), bar.top() - 4, top);
    painter.drawText(bar.right() - fm.horizontalAdvance(bottom), bar.bottom() + fm.ascent() + 2,
                     bottom);
    const QString caption =
        QCoreApplication::translate("crosscheck::viewer::SlicePane", "CT - sCT, HU");
    painter.drawText(width - 6 - fm.horizontalAdvance(caption), bar.bottom() + 2 * fm.height() + 2,
                     caption);
}

void DiscrepancyOverlay::paintBanner(QPainter& painter, const PaneView& view) const {
    // Also on an sCT pane that is not synchronized: the warning concerns the series.
    if (!m_layer || !m_layer->hasResult() || view.series().role != SeriesRole::sCT) {
        return;
    }
    const DiscrepancyBanner banner =
        discrepancyBanner(m_layer->result()->regions, m_layer->thresholds());
    if (banner.severity == DiscrepancyBanner::Severity::None) {
        return;
    }
    const QColor fill = banner.severity == DiscrepancyBanner::Severity::Misses
                            ? QColor(200, 20, 20, 230)
                            : QColor(190, 110, 0, 230);
    QFont font = painter.font();
    font.setPixelSize(14);
    font.setBold(true);
    painter.setFont(font);
    const QFontMetrics fm(font);
    // As tall as the wrapped text needs: a narrow pane (1x4) wraps it over three lines.
    const int width = view.paneSize().width();
    const int textWidth = std::max(1, width - 20);
    const QRect needed =
        fm.boundingRect(QRect(0, 0, textWidth, 10 * fm.height()), Qt::TextWordWrap, banner.text);
    // Below the top orientation letter, which it would otherwise cover.
    const QRect box(4, overlayTopLetterBottom(font) + 4, width - 8, needed.height() + 10);
    painter.fillRect(box, fill);
    painter.setPen(Qt::white);
    painter.drawText(box.adjusted(6, 5, -6, -5), Qt::AlignCenter | Qt::TextWordWrap, banner.text);
}

}  // namespace crosscheck::viewer
