#include "viewer/report/BlandAltmanPlot.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "viewer/report/PdfCanvas.h"
#include "viewer/report/ReportPdfText.h"

namespace crosscheck::viewer {

namespace {

/// A round step (1, 2 or 5 times a power of ten) that cuts `range` into about four parts.
double niceStep(double range) {
    const double raw = std::max(range, 1e-9) / 4.0;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0}) {
        if (m * power >= raw) {
            return m * power;
        }
    }
    return 10.0 * power;
}

struct Axis {
    double low = 0.0;
    double high = 1.0;
    double step = 1.0;
};

Axis axisFor(double low, double high) {
    if (!(high > low)) {
        low -= 1.0;
        high += 1.0;
    }
    const double pad = 0.08 * (high - low);
    Axis a;
    a.step = niceStep(high - low + 2 * pad);
    a.low = std::floor((low - pad) / a.step) * a.step;
    a.high = std::ceil((high + pad) / a.step) * a.step;
    return a;
}

QString tickText(double v, double step) {
    return QString::number(v, 'f', step >= 1.0 ? 0 : (step >= 0.1 ? 1 : 2));
}

}  // namespace

void drawBlandAltman(PdfCanvas& canvas, const QRectF& boxMm, const BlandAltmanData& data) {
    const QFont titleFont = PdfCanvas::font(8.5, true);
    const QFont small = PdfCanvas::font(6.5);
    const double titleMm = canvas.lineMm(titleFont);
    canvas.textIn(QRectF(boxMm.left(), boxMm.top(), boxMm.width(), titleMm), data.title, titleFont,
                  Qt::AlignHCenter | Qt::AlignVCenter);
    // The plot area, leaving room for tick labels on the left and the axis text below.
    const QRectF area(boxMm.left() + 10.0, boxMm.top() + titleMm + 1.5, boxMm.width() - 12.0,
                      boxMm.height() - titleMm - 10.0);
    const std::size_t n = std::min(data.ct.size(), data.sct.size());
    if (n == 0) {
        canvas.box(area, Qt::transparent, QColor(150, 150, 150), 0.2);
        canvas.textIn(area, QStringLiteral("no pairs"), small, Qt::AlignCenter);
        return;
    }
    std::vector<double> means(n), diffs(n);
    for (std::size_t i = 0; i < n; ++i) {
        means[i] = 0.5 * (data.ct[i] + data.sct[i]);
        diffs[i] = data.ct[i] - data.sct[i];
    }
    const auto [xMin, xMax] = std::minmax_element(means.begin(), means.end());
    double yLow = std::min({*std::min_element(diffs.begin(), diffs.end()), data.loaLow, 0.0});
    double yHigh = std::max({*std::max_element(diffs.begin(), diffs.end()), data.loaHigh, 0.0});
    if (!std::isfinite(yLow) || !std::isfinite(yHigh)) {
        yLow = std::min(yLow, 0.0);
        yHigh = std::max(yHigh, 0.0);
    }
    const Axis x = axisFor(*xMin, *xMax);
    const Axis y = axisFor(yLow, yHigh);
    const auto px = [&](double v) {
        return area.left() + (v - x.low) / (x.high - x.low) * area.width();
    };
    const auto py = [&](double v) {
        return area.bottom() - (v - y.low) / (y.high - y.low) * area.height();
    };
    const QColor grid(225, 225, 225), axisColour(110, 110, 110);
    for (double v = y.low; v <= y.high + 1e-9 * y.step; v += y.step) {
        canvas.line({area.left(), py(v)}, {area.right(), py(v)}, grid, 0.15);
        canvas.textIn(QRectF(boxMm.left(), py(v) - 2.0, 9.0, 4.0), tickText(v, y.step), small,
                      Qt::AlignRight | Qt::AlignVCenter, axisColour);
    }
    for (double v = x.low; v <= x.high + 1e-9 * x.step; v += x.step) {
        canvas.line({px(v), area.top()}, {px(v), area.bottom()}, grid, 0.15);
        canvas.textIn(QRectF(px(v) - 6.0, area.bottom() + 0.5, 12.0, 3.0), tickText(v, x.step),
                      small, Qt::AlignHCenter | Qt::AlignTop, axisColour);
    }
    canvas.box(area, Qt::transparent, axisColour, 0.2);
    canvas.textIn(QRectF(area.left(), area.bottom() + 3.5, area.width(), 3.5),
                  QStringLiteral("mean of CT and sCT (%1); y: CT - sCT").arg(data.unit), small,
                  Qt::AlignHCenter | Qt::AlignTop, axisColour);
    // Bias and limits of agreement, labelled at the right end inside the plot.
    QPainter& painter = canvas.painter();
    const auto level = [&](double v, const QColor& colour, bool dashed, const QString& label) {
        if (!std::isfinite(v)) {
            return;
        }
        painter.save();
        const QRectF line = canvas.toDevice(QRectF(area.left(), py(v), area.width(), 0.0));
        QPen pen(colour, canvas.toDevice(QRectF(0, 0, 0.3, 0)).width());
        pen.setStyle(dashed ? Qt::DashLine : Qt::SolidLine);
        painter.setPen(pen);
        painter.drawLine(line.topLeft(), line.topRight());
        painter.restore();
        canvas.textIn(QRectF(area.left() + 1.0, py(v) - 3.0, area.width() - 2.0, 2.8),
                      label + QStringLiteral(" ") + formatReportValue(v), small,
                      Qt::AlignRight | Qt::AlignBottom, colour);
    };
    const QColor biasColour(20, 70, 160), loaColour(176, 0, 32);
    level(data.bias, biasColour, false, QStringLiteral("bias"));
    level(data.loaHigh, loaColour, true, QStringLiteral("+1.96 SD"));
    level(data.loaLow, loaColour, true, QStringLiteral("-1.96 SD"));
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(30, 30, 30));
    const double r = canvas.toDevice(QRectF(0, 0, 0.7, 0)).width();
    for (std::size_t i = 0; i < n; ++i) {
        const QRectF p = canvas.toDevice(QRectF(px(means[i]), py(diffs[i]), 0, 0));
        painter.drawEllipse(p.topLeft(), r, r);
    }
    painter.restore();
}

}  // namespace crosscheck::viewer
