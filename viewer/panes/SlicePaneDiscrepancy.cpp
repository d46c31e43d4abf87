// The CT-versus-sCT analysis drawn on a pane: the difference map on the CT, the flagged
// regions outlined in every synchronized pane, and on the sCT a banner that cannot be
// missed when the sCT lacks dense tissue the CT shows.
#include <QPainter>
#include <algorithm>

#include "core/volume/Volume.h"
#include "viewer/analysis/DiscrepancyBanner.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/analysis/SliceRaster.h"
#include "viewer/panes/PaneOverlay.h"
#include "viewer/panes/SlicePane.h"

namespace crosscheck::viewer {

namespace {
constexpr double kLegendFullHu = 500.0;
const QRgb kOutlineColour = qRgb(255, 40, 200);
}  // namespace

PixelToPatient SlicePane::pixelMapping() const {
    PixelToPatient m;
    m.origin = widgetToPane(QPointF(0, 0)).mm;
    m.stepX = widgetToPane(QPointF(1, 0)).mm - m.origin;
    m.stepY = widgetToPane(QPointF(0, 1)).mm - m.origin;
    return m;
}

QRect SlicePane::regionsFootprint() const {
    QRectF box;
    for (const auto& region : m_discrepancy->result()->regions) {
        for (int corner = 0; corner < 8; ++corner) {
            const Eigen::Vector3d p((corner & 1) ? region.bboxMaxMm.x() : region.bboxMinMm.x(),
                                    (corner & 2) ? region.bboxMaxMm.y() : region.bboxMinMm.y(),
                                    (corner & 4) ? region.bboxMaxMm.z() : region.bboxMinMm.z());
            const QPointF w = referenceToWidget(PatientPoint{p});
            box = box.united(QRectF(w, QSizeF(1, 1)));
        }
    }
    return box.toAlignedRect();
}

void SlicePane::paintDiscrepancy(QPainter& painter) {
    // The analysis lives on the CT grid in the reference (CT) frame: only panes that are
    // synchronized with that frame can place it.
    if (!m_discrepancy || !m_discrepancy->hasResult() || !hasSeries() || !isSynchronized()) {
        return;
    }
    const auto& result = *m_discrepancy->result();
    if (!m_rastersValid) {
        const PixelToPatient pixels = pixelMapping();
        const Eigen::Matrix4d identity = Eigen::Matrix4d::Identity();
        m_differenceRaster = QImage();
        if (m_series.role == SeriesRole::CT && m_discrepancy->showDifference()) {
            m_differenceRaster =
                differenceImage(result.difference->difference(), identity, pixels, size(),
                                m_discrepancy->differenceOpacity(), 50.0, kLegendFullHu);
        }
        m_outlineRaster = labelOutlineImage(*m_discrepancy->labels(), identity, pixels, size(),
                                            regionsFootprint(), kOutlineColour);
        m_rastersValid = true;
    }
    if (!m_differenceRaster.isNull()) {
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
        painter.drawImage(rect(), m_differenceRaster);
        painter.restore();
    }
    painter.drawImage(0, 0, m_outlineRaster);
}

void SlicePane::setCheckerboard(std::shared_ptr<const Volume> referenceVolume,
                                const WindowLevel& window) {
    m_checker = std::move(referenceVolume);
    m_checkerWindow = window;
    m_checkerRaster = QImage();
    update();
}

void SlicePane::paintCheckerboard(QPainter& painter) {
    if (!m_checker || !hasSeries() || !isSynchronized() || m_checker == m_series.volume) {
        return;
    }
    if (m_checkerRaster.isNull() || !m_rastersValid) {
        const double low = m_checkerWindow.level - 0.5 * m_checkerWindow.width;
        m_checkerRaster = checkerboardImage(*m_checker, Eigen::Matrix4d::Identity(), pixelMapping(),
                                            size(), low, low + m_checkerWindow.width, 16.0);
    }
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.drawImage(rect(), m_checkerRaster);
    painter.restore();
}

void SlicePane::paintDifferenceLegend(QPainter& painter) const {
    if (!m_discrepancy || !m_discrepancy->hasResult() || m_series.role != SeriesRole::CT ||
        !m_discrepancy->showDifference() || !isSynchronized()) {
        return;
    }
    // A vertical colour bar, +500 HU (CT denser) at the top to -500 HU (sCT denser).
    // In the upper right quarter, clear of the right orientation letter at mid-height.
    const int barTop = overlayTopLetterBottom(painter.font()) + 16;
    const int barHeight = std::clamp(height() / 2 - barTop - 40, 40, 160);
    const QRect bar(width() - 28, barTop, 12, barHeight);
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
    const QString caption = tr("CT - sCT, HU");
    painter.drawText(width() - 6 - fm.horizontalAdvance(caption),
                     bar.bottom() + 2 * fm.height() + 2, caption);
}

void SlicePane::paintMissBanner(QPainter& painter) const {
    if (!m_discrepancy || !m_discrepancy->hasResult() || m_series.role != SeriesRole::sCT) {
        return;
    }
    const DiscrepancyBanner banner =
        discrepancyBanner(m_discrepancy->result()->regions, m_discrepancy->thresholds());
    if (banner.severity == DiscrepancyBanner::Severity::None) {
        return;
    }
    const QString& text = banner.text;
    const QColor fill = banner.severity == DiscrepancyBanner::Severity::Misses
                            ? QColor(200, 20, 20, 230)
                            : QColor(190, 110, 0, 230);
    QFont font = painter.font();
    font.setPixelSize(14);
    font.setBold(true);
    painter.setFont(font);
    const QFontMetrics fm(font);
    // As tall as the wrapped text needs: a narrow pane (1x4) wraps it over three lines.
    const int textWidth = std::max(1, width() - 20);
    const QRect needed =
        fm.boundingRect(QRect(0, 0, textWidth, 10 * fm.height()), Qt::TextWordWrap, text);
    // Below the top orientation letter, which it would otherwise cover.
    const QRect box(4, overlayTopLetterBottom(font) + 4, width() - 8, needed.height() + 10);
    painter.fillRect(box, fill);
    painter.setPen(Qt::white);
    painter.drawText(box.adjusted(6, 5, -6, -5), Qt::AlignCenter | Qt::TextWordWrap, text);
}

}  // namespace crosscheck::viewer
