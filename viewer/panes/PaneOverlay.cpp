#include "viewer/panes/PaneOverlay.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <cmath>

namespace crosscheck::viewer {

namespace {

const QColor kText(235, 235, 235);
const QColor kCrosshair(80, 220, 120);
constexpr int kMargin = 6;

/// Text with a dark shadow, readable on white bone and bright MR fat alike.
void drawShadowedText(QPainter& p, int x, int y, const QString& text) {
    const QPen pen = p.pen();
    p.setPen(QColor(0, 0, 0, 220));
    p.drawText(x + 1, y + 1, text);
    p.setPen(pen);
    p.drawText(x, y, text);
}

void drawLines(QPainter& p, const QStringList& lines, int x, int y, Qt::Alignment align,
               int width) {
    const QFontMetrics fm(p.font());
    int baseline = y + fm.ascent();
    for (const QString& line : lines) {
        const int w = fm.horizontalAdvance(line);
        const int left = align & Qt::AlignRight ? width - kMargin - w : x;
        drawShadowedText(p, left, baseline, line);
        baseline += fm.height();
    }
}

/// A scale bar of a round length (10, 20, 50 or 100 mm ...) near a fifth of the width.
void drawScaleBar(QPainter& p, double pixelsPerMm, int width, int height) {
    if (pixelsPerMm <= 0.0) {
        return;
    }
    const double target = width * 0.2 / pixelsPerMm;
    const double decade = std::pow(10.0, std::floor(std::log10(std::max(target, 1e-3))));
    double lengthMm = decade;
    for (double f : {2.0, 5.0, 10.0}) {
        if (decade * f <= target) {
            lengthMm = decade * f;
        }
    }
    const double px = lengthMm * pixelsPerMm;
    const int y = height - kMargin - 4;
    const int right = width - kMargin;
    const int left = right - static_cast<int>(std::lround(px));
    p.drawLine(left, y, right, y);
    p.drawLine(left, y - 5, left, y);
    p.drawLine(right, y - 5, right, y);
    const QString label = QStringLiteral("%1 mm").arg(lengthMm, 0, 'g', 3);
    const QFontMetrics fm(p.font());
    drawShadowedText(p, right - fm.horizontalAdvance(label), y - 8, label);
}

void drawCrosshair(QPainter& p, const QPointF& c, int width, int height) {
    constexpr double kGap = 10.0;
    p.setPen(QPen(kCrosshair, 1.0));
    p.drawLine(QPointF(0, c.y()), QPointF(c.x() - kGap, c.y()));
    p.drawLine(QPointF(c.x() + kGap, c.y()), QPointF(width, c.y()));
    p.drawLine(QPointF(c.x(), 0), QPointF(c.x(), c.y() - kGap));
    p.drawLine(QPointF(c.x(), c.y() + kGap), QPointF(c.x(), height));
}

/// Below the three lines of corner text, so a long patient name never hides it.
void drawBadge(QPainter& p, const QString& text, bool warning, int width) {
    const QFontMetrics fm(p.font());
    const int w = fm.horizontalAdvance(text) + 12;
    const QRect box((width - w) / 2, kMargin + 3 * fm.height() + 2, w, fm.height() + 4);
    p.fillRect(box, warning ? QColor(200, 30, 30, 220) : QColor(40, 90, 60, 200));
    p.setPen(Qt::white);
    p.drawText(box, Qt::AlignCenter, text);
}

QFont letterFont(const QFont& base) {
    QFont letters = base;
    letters.setBold(true);
    letters.setPixelSize(15);
    return letters;
}

void drawWatermark(QPainter& p, const QString& fullText, int width, int height) {
    QFont font = p.font();
    font.setBold(true);
    font.setPixelSize(font.pixelSize() * 13 / 10);
    p.setFont(font);
    const QFontMetrics fm(font);
    // A narrow pane gets the short form rather than a clipped label.
    const QString text = fm.horizontalAdvance(fullText) + 24 <= width
                             ? fullText
                             : QCoreApplication::translate("PaneOverlay", "SYNTHETIC (from MRI)");
    const int w = fm.horizontalAdvance(text) + 16;
    // Above the bottom orientation letter, which it would otherwise cover.
    const int bottom = overlayBottomLetterTop(p.font()) + height - 4;
    const QRect box((width - w) / 2, bottom - (fm.height() + 6), w, fm.height() + 6);
    p.fillRect(box, QColor(230, 140, 0, 170));
    p.setPen(Qt::black);
    p.drawText(box, Qt::AlignCenter, text);
}

}  // namespace

void paintPaneOverlay(QPainter& p, const PaneOverlay& overlay, int width, int height) {
    // What is drawn after the overlay (ROI labels) must not inherit its fonts and pens: the
    // watermark's bold large font made the ROI labels on synthetic panes larger than on others.
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    if (overlay.crosshair) {
        drawCrosshair(p, *overlay.crosshair, width, height);
    }
    QFont font = p.font();
    font.setPixelSize(13);
    p.setFont(font);
    p.setPen(kText);
    drawLines(p, overlay.topLeft, kMargin, kMargin, Qt::AlignLeft, width);
    drawLines(p, overlay.topRight, kMargin, kMargin, Qt::AlignRight, width);
    const QFontMetrics fm(font);
    if (!overlay.probe.isEmpty()) {
        drawShadowedText(p, kMargin, height - kMargin - fm.descent(), overlay.probe);
    }
    drawScaleBar(p, overlay.pixelsPerMm, width, height);
    const QFont letters = letterFont(font);
    p.setFont(letters);
    p.setPen(QColor(255, 210, 80));
    const QFontMetrics lm(letters);
    drawShadowedText(p, kMargin, height / 2, overlay.left);
    drawShadowedText(p, width - kMargin - lm.horizontalAdvance(overlay.right), height / 2,
                     overlay.right);
    drawShadowedText(p, (width - lm.horizontalAdvance(overlay.top)) / 2,
                     kMargin + 5 * lm.height() + 6, overlay.top);
    drawShadowedText(p, (width - lm.horizontalAdvance(overlay.bottom)) / 2,
                     height - kMargin - 2 * lm.height(), overlay.bottom);
    p.setFont(font);
    if (!overlay.badge.isEmpty()) {
        drawBadge(p, overlay.badge, overlay.badgeIsWarning, width);
    }
    if (!overlay.watermark.isEmpty()) {
        drawWatermark(p, overlay.watermark, width, height);
    }
    p.restore();
}

int overlayTopLetterBottom(const QFont& base) {
    const QFontMetrics lm(letterFont(base));
    return kMargin + 5 * lm.height() + 6 + lm.descent();
}

int overlayBottomLetterTop(const QFont& base) {
    // Relative to the pane's height (negative): the bottom letter's baseline minus its ascent.
    const QFontMetrics lm(letterFont(base));
    return -kMargin - 2 * lm.height() - lm.ascent();
}

}  // namespace crosscheck::viewer
