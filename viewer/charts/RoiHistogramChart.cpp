#include "viewer/charts/RoiHistogramChart.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "core/model/Study.h"
#include "core/roi/RoiMeasurement.h"
#include "core/roi/StudyMeasurement.h"
#include "viewer/charts/ChartStyle.h"

namespace crosscheck::viewer {

struct RoiHistogramChart::Panel {
    SeriesRole role = SeriesRole::Other;
    QChartView* view = nullptr;
    QChart* chart = nullptr;
    QLineSeries* outline = nullptr;
    QAreaSeries* bars = nullptr;
    QLineSeries* meanLine = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    std::optional<Histogram> histogram;
};

namespace {

/// Round-width bins covering all values: the width is 1, 2 or 5 x 10^k for about sqrt(n)
/// bins (8..40), the lower edge a multiple of it, so CT integers never straddle a bin edge
/// when the width is whole.
Histogram roundBins(const std::vector<double>& values) {
    const auto [minIt, maxIt] = std::minmax_element(values.begin(), values.end());
    const double lo = *minIt;
    const double hi = *maxIt;
    const int target = std::clamp(static_cast<int>(std::lround(std::sqrt(values.size()))), 8, 40);
    const double width = niceInterval(hi - lo, target);
    const double lower = std::floor(lo / width) * width;
    // floor + 1 keeps the maximum strictly inside the last bin.
    const int bins = static_cast<int>(std::floor((hi - lower) / width)) + 1;
    return makeHistogram(values, bins, lower, lower + bins * width);
}

/// Panels are rebuilt when a series comes or goes or its role (hence colour) changes.
std::string panelKey(const LoadedSeries& s) {
    return s.info.seriesInstanceUid + '|' + toString(s.info.role);
}

QString number(double value) {
    return QString::number(value, 'g', 4);
}

}  // namespace

RoiHistogramChart::RoiHistogramChart(QWidget* parent)
    : QWidget(parent), m_caption(new QLabel(this)), m_grid(new QGridLayout) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_caption->setWordWrap(true);
    m_caption->setContentsMargins(6, 2, 6, 0);
    layout->addWidget(m_caption);
    layout->addLayout(m_grid, 1);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(2);
}

RoiHistogramChart::~RoiHistogramChart() = default;

int RoiHistogramChart::panelCount() const {
    return static_cast<int>(m_panels.size());
}

void RoiHistogramChart::rebuildPanels(const Study& study) {
    for (Panel& panel : m_panels) {
        delete panel.view;  // owns its chart, which owns series and axes
    }
    m_panels.clear();
    m_panelSeries.clear();
    for (const LoadedSeries* series : chartOrder(study)) {
        const LoadedSeries& s = *series;
        Panel panel;
        panel.role = s.info.role;
        panel.chart = new QChart;
        panel.chart->setMargins(QMargins(2, 2, 2, 2));
        panel.chart->setTitleFont(chartTitleFont(9));
        panel.chart->legend()->hide();
        panel.view = new QChartView(panel.chart, this);
        panel.view->setMinimumSize(220, 200);
        panel.bars = new QAreaSeries(panel.chart);
        panel.outline = new QLineSeries(panel.bars);
        panel.bars->setUpperSeries(panel.outline);
        QColor fill = chartColor(s.info.role);
        panel.bars->setPen(QPen(fill, 1.0));
        fill.setAlpha(150);
        panel.bars->setBrush(fill);
        panel.meanLine = new QLineSeries(panel.chart);
        panel.meanLine->setPen(QPen(QColor(210, 20, 20), 2.0, Qt::DashLine));
        panel.chart->addSeries(panel.bars);
        panel.chart->addSeries(panel.meanLine);
        panel.x = new QValueAxis(panel.chart);
        panel.y = new QValueAxis(panel.chart);
        panel.x->setLabelFormat(QStringLiteral("%g"));
        panel.x->setTickType(QValueAxis::TicksDynamic);
        panel.x->setTickAnchor(0.0);
        panel.y->setLabelFormat(QStringLiteral("%.0f"));
        panel.y->setTitleText(tr("voxels"));
        for (QValueAxis* axis : {panel.x, panel.y}) {
            axis->setTitleFont(chartTitleFont(8));
            QFont labels = axis->labelsFont();
            labels.setPointSize(8);
            axis->setLabelsFont(labels);
        }
        panel.chart->addAxis(panel.x, Qt::AlignBottom);
        panel.chart->addAxis(panel.y, Qt::AlignLeft);
        for (QAbstractSeries* series : {static_cast<QAbstractSeries*>(panel.bars),
                                        static_cast<QAbstractSeries*>(panel.meanLine)}) {
            series->attachAxis(panel.x);
            series->attachAxis(panel.y);
        }
        const int index = static_cast<int>(m_panels.size());
        m_grid->addWidget(panel.view, index / 2, index % 2);
        m_panels.push_back(panel);
        m_panelSeries.push_back(panelKey(s));
    }
}

void RoiHistogramChart::clear() {
    m_caption->clear();
    for (Panel& panel : m_panels) {
        panel.outline->clear();
        panel.meanLine->clear();
        panel.histogram.reset();
        panel.chart->setTitle(QString());
    }
}

void RoiHistogramChart::showHistograms(const Roi& roi, const QString& label, const Study& study) {
    std::vector<std::string> keys;
    for (const LoadedSeries* s : chartOrder(study)) {
        keys.push_back(panelKey(*s));
    }
    if (keys != m_panelSeries) {
        rebuildPanels(study);
    }
    m_caption->setText(
        tr("<b>%1</b>: voxels of each series inside the ROI (whole voxels whose centres it "
           "takes); <span style='color:#d21414'>dashed red line</span> = mean.")
            .arg(label.toHtmlEscaped()));
    std::size_t index = 0;
    for (const LoadedSeries* series : chartOrder(study)) {
        const LoadedSeries& s = *series;
        Panel& panel = m_panels[index++];
        const QString name = chartRoleLabel(s.info.role);
        const QString unit = QString::fromLatin1(measurementUnit(s.info.role));
        const auto values = valuesInSeries(roi, s, study.transforms);
        panel.histogram.reset();
        if (!values || values->empty()) {
            panel.outline->clear();
            panel.meanLine->clear();
            panel.chart->setTitle(values ? tr("%1: no voxel inside %2").arg(name, label)
                                         : tr("%1: no known transform").arg(name));
            panel.x->setTitleText(unit);
            continue;
        }
        const ValueSummary summary = summarizeValues(*values);
        const Histogram h = roundBins(*values);
        // A step outline: up at each bin's left edge, across at its count, down at the end.
        QList<QPointF> steps;
        steps.reserve(static_cast<int>(2 * h.counts.size() + 2));
        steps.append(QPointF(h.lower, 0.0));
        int peak = 0;
        for (std::size_t b = 0; b < h.counts.size(); ++b) {
            const double left = h.lower + static_cast<double>(b) * h.binWidth;
            steps.append(QPointF(left, h.counts[b]));
            steps.append(QPointF(left + h.binWidth, h.counts[b]));
            peak = std::max(peak, h.counts[b]);
        }
        steps.append(QPointF(h.upper, 0.0));
        panel.outline->replace(steps);
        panel.meanLine->replace({QPointF(summary.mean, 0.0), QPointF(summary.mean, peak * 1.1)});
        panel.x->setRange(h.lower, h.upper);
        // Ticks on round values, never closer than a bin, so labels do not collide.
        panel.x->setTickInterval(std::max(h.binWidth, niceInterval(h.upper - h.lower, 4)));
        // Two lines (titles take HTML): one line is elided in a narrow dock.
        panel.x->setTitleText(
            tr("%1<br>%2 bins of %3").arg(unit).arg(h.counts.size()).arg(number(h.binWidth)));
        panel.y->setRange(0.0, std::max(1.0, peak * 1.1));
        panel.y->applyNiceNumbers();
        panel.chart->setTitle(tr("%1<br>n %2, mean %3 %4")
                                  .arg(name)
                                  .arg(summary.count)
                                  .arg(summary.mean, 0, 'f', 1)
                                  .arg(unit));
        panel.histogram = h;
    }
}

const RoiHistogramChart::Panel* RoiHistogramChart::findPanel(SeriesRole role) const {
    for (const Panel& panel : m_panels) {
        if (panel.role == role) {
            return &panel;
        }
    }
    return nullptr;
}

QChart* RoiHistogramChart::chart(SeriesRole role) const {
    const Panel* panel = findPanel(role);
    return panel ? panel->chart : nullptr;
}

std::vector<int> RoiHistogramChart::plottedCounts(SeriesRole role) const {
    std::vector<int> counts;
    const Panel* panel = findPanel(role);
    if (!panel) {
        return counts;
    }
    // Points 1, 3, 5, ... are the bins' left-edge tops (see showHistograms).
    const QList<QPointF> points = panel->outline->points();
    for (int i = 1; i + 1 < points.size(); i += 2) {
        counts.push_back(static_cast<int>(std::lround(points[i].y())));
    }
    return counts;
}

std::optional<double> RoiHistogramChart::plottedMean(SeriesRole role) const {
    const Panel* panel = findPanel(role);
    if (!panel || panel->meanLine->count() == 0) {
        return std::nullopt;
    }
    return panel->meanLine->at(0).x();
}

std::optional<Histogram> RoiHistogramChart::histogram(SeriesRole role) const {
    const Panel* panel = findPanel(role);
    return panel ? panel->histogram : std::nullopt;
}

}  // namespace crosscheck::viewer
