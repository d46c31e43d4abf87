#include "viewer/charts/LineProfileChart.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/model/Study.h"
#include "core/roi/StudyMeasurement.h"
#include "viewer/charts/ChartStyle.h"

namespace crosscheck::viewer {

namespace {

const char* const kRoleProperty = "crosscheckRole";

/// The pieces of a profile that lie inside the volume, as (distance, value) runs.
std::vector<QList<QPointF>> pieces(const std::vector<ProfileSample>& profile, double offset,
                                   double scale) {
    std::vector<QList<QPointF>> out(1);
    for (const ProfileSample& s : profile) {
        if (s.value) {
            out.back().append(QPointF(s.distanceMm, (*s.value - offset) * scale));
        } else if (!out.back().isEmpty()) {
            out.emplace_back();
        }
    }
    if (out.back().isEmpty()) {
        out.pop_back();
    }
    return out;
}

}  // namespace

LineProfileChart::LineProfileChart(QWidget* parent)
    : QWidget(parent),
      m_chart(new QChart),
      m_view(new QChartView(m_chart, this)),
      m_distance(new QValueAxis(m_chart)),
      m_hu(new QValueAxis(m_chart)),
      m_normalized(new QValueAxis(m_chart)),
      m_note(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_note);
    m_note->setWordWrap(true);
    m_note->setContentsMargins(6, 0, 6, 4);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumSize(360, 260);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setTitleFont(chartTitleFont(10));
    m_chart->legend()->setAlignment(Qt::AlignBottom);

    m_distance->setTitleText(tr("distance along the line (mm)"));
    m_distance->setLabelFormat(QStringLiteral("%g"));
    m_distance->setTickType(QValueAxis::TicksDynamic);
    m_distance->setTickAnchor(0.0);
    m_hu->setTitleText(tr("CT, sCT (HU)"));
    m_hu->setLabelFormat(QStringLiteral("%.0f"));
    m_hu->setTickType(QValueAxis::TicksDynamic);
    m_hu->setTickAnchor(0.0);
    m_normalized->setTitleText(tr("MR, 0..1 = own profile min..max"));
    m_normalized->setLabelFormat(QStringLiteral("%.1f"));
    m_normalized->setRange(0.0, 1.0);
    m_normalized->setTickCount(6);
    // One grid (the HU axis'); a second, offset grid would only add clutter.
    m_normalized->setGridLineVisible(false);
    for (QValueAxis* axis : {m_distance, m_hu, m_normalized}) {
        axis->setTitleFont(chartTitleFont(9));
    }
    m_chart->addAxis(m_distance, Qt::AlignBottom);
    m_chart->addAxis(m_hu, Qt::AlignLeft);
    m_chart->addAxis(m_normalized, Qt::AlignRight);
    clear();
}

void LineProfileChart::clear() {
    m_chart->removeAllSeries();
    m_chart->setTitle(QString());
    m_hu->setVisible(false);
    m_normalized->setVisible(false);
    m_note->clear();
    m_note->hide();
}

void LineProfileChart::showProfile(const Roi& line, const QString& label, const Study& study) {
    m_chart->removeAllSeries();
    double huMin = std::numeric_limits<double>::max();
    double huMax = std::numeric_limits<double>::lowest();
    bool anyHu = false;
    bool anyMr = false;
    double length = 0.0;
    QStringList noTransform;
    QStringList offLine;
    for (const LoadedSeries* s : chartOrder(study)) {
        const QString name = chartRoleLabel(s->info.role);
        const auto profile = profileInSeries(line, *s, study.transforms, kStepMm);
        if (!profile) {
            noTransform << name;
            continue;
        }
        if (!profile->empty()) {
            length = std::max(length, profile->back().distanceMm);
        }
        double lo = std::numeric_limits<double>::max();
        double hi = std::numeric_limits<double>::lowest();
        for (const ProfileSample& sample : *profile) {
            if (sample.value) {
                lo = std::min(lo, *sample.value);
                hi = std::max(hi, *sample.value);
            }
        }
        if (lo > hi) {
            offLine << name;
            continue;
        }
        const bool hu = isHounsfield(s->info.role);
        double offset = 0.0;
        double scale = 1.0;
        if (hu) {
            anyHu = true;
            huMin = std::min(huMin, lo);
            huMax = std::max(huMax, hi);
        } else {
            anyMr = true;
            offset = lo;
            // A flat MR profile has no shape to show: draw it at 0.
            scale = hi > lo ? 1.0 / (hi - lo) : 0.0;
        }
        bool first = true;
        for (const QList<QPointF>& piece : pieces(*profile, offset, scale)) {
            auto* series = new QLineSeries;
            series->setName(hu ? name : tr("%1 (normalized)").arg(name));
            series->setProperty(kRoleProperty, static_cast<int>(s->info.role));
            QPen pen(chartColor(s->info.role));
            pen.setWidthF(hu ? 2.5 : 1.5);
            if (s->info.role == SeriesRole::sCT) {
                pen.setStyle(Qt::DashLine);
            }
            series->setPen(pen);
            series->append(piece);
            m_chart->addSeries(series);
            series->attachAxis(m_distance);
            series->attachAxis(hu ? m_hu : m_normalized);
            if (!first) {
                for (QLegendMarker* marker : m_chart->legend()->markers(series)) {
                    marker->setVisible(false);
                }
            }
            first = false;
        }
    }

    m_chart->setTitle(tr("%1: profile, %2 mm, sampled every %3 mm")
                          .arg(label)
                          .arg(length, 0, 'f', 1)
                          .arg(kStepMm));
    m_distance->setRange(0.0, length);
    m_distance->setTickInterval(niceInterval(length, 6));
    m_hu->setVisible(anyHu);
    if (anyHu) {
        // The threshold the measurement table's visible extent uses: where the CT curve
        // crosses it and the sCT curve does not is the lesion the sCT misses.
        const double threshold = m_thresholdHu;
        huMin = std::min(huMin, threshold);
        huMax = std::max(huMax, threshold);
        auto* line = new QLineSeries;
        line->setName(tr("%1 HU threshold").arg(threshold));
        line->setPen(QPen(QColor(90, 90, 90), 1.0, Qt::DashDotLine));
        line->append(0.0, threshold);
        line->append(length, threshold);
        m_chart->addSeries(line);
        line->attachAxis(m_distance);
        line->attachAxis(m_hu);
        // Round ticks without applyNiceNumbers, which can add a whole empty interval.
        const double interval = niceInterval(huMax - huMin, 6);
        m_hu->setRange(std::floor(huMin / interval) * interval,
                       std::ceil(huMax / interval) * interval);
        m_hu->setTickInterval(interval);
    }
    m_normalized->setVisible(anyMr);
    QStringList notes;
    if (!noTransform.isEmpty()) {
        notes << tr("Left out, no known transform to the ROI's frame: %1.")
                     .arg(noTransform.join(QStringLiteral(", ")));
    }
    if (!offLine.isEmpty()) {
        notes << tr("Left out, the line lies outside the volume: %1.")
                     .arg(offLine.join(QStringLiteral(", ")));
    }
    m_note->setText(notes.join(QLatin1Char(' ')));
    m_note->setVisible(!notes.isEmpty());
}

QList<QPointF> LineProfileChart::plottedPoints(SeriesRole role) const {
    QList<QPointF> out;
    for (QAbstractSeries* series : m_chart->series()) {
        const QVariant tag = series->property(kRoleProperty);
        if (tag.isValid() && tag.toInt() == static_cast<int>(role)) {
            out.append(static_cast<QLineSeries*>(series)->points());
        }
    }
    return out;
}

QString LineProfileChart::note() const {
    return m_note->text();
}

}  // namespace crosscheck::viewer
