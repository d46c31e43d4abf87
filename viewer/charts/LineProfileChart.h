#pragma once

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include "core/vocabulary/SeriesRole.h"

class QChart;
class QChartView;
class QLabel;
class QValueAxis;

namespace crosscheck {
struct Roi;
struct Study;
}  // namespace crosscheck

namespace crosscheck::viewer {

/// The line profile of a ruler (or of the long axis of a bidirectional) in every series of
/// a study, on one chart.
///
/// x is the distance from the line's first point in mm, measured in the ROI's frame, so
/// every series shares it (core profileInSeries, trilinear, every kStepMm, the last sample
/// at the end point). CT and sCT are drawn in HU on the left axis; T1w, T2w and other MR
/// series on the right axis, each normalized to 0..1 over the minimum..maximum of its own
/// profile (MR has no absolute scale, so only the shape is comparable). Where the line
/// leaves a volume the curve is broken, not bridged. A series whose frame has no known
/// transform to the ROI's frame is left out and named in the note under the chart.
class LineProfileChart : public QWidget {
    Q_OBJECT
public:
    static constexpr double kStepMm = 0.5;

    explicit LineProfileChart(QWidget* parent = nullptr);

    /// Samples `line` (ruler or bidirectional) in every loaded series and redraws.
    void showProfile(const Roi& line, const QString& label, const Study& study);
    void clear();
    /// The CT/sCT visible-extent threshold drawn as a reference line (HU; the measurement
    /// table's setting). Applies from the next showProfile.
    void setVisibleThresholdHu(double hu) { m_thresholdHu = hu; }

    QChart* chart() const { return m_chart; }
    QChartView* view() const { return m_view; }
    QValueAxis* distanceAxis() const { return m_distance; }
    /// The points drawn for one role (x in mm; y in HU, or 0..1 for MR), all curve pieces
    /// in order; empty when the role is not drawn.
    QList<QPointF> plottedPoints(SeriesRole role) const;
    /// What is left out and why (no transform, no voxel on the line); empty when nothing is.
    QString note() const;

private:
    QChart* m_chart;
    QChartView* m_view;
    QValueAxis* m_distance;
    QValueAxis* m_hu;
    QValueAxis* m_normalized;
    QLabel* m_note;
    double m_thresholdHu = 200.0;
};

}  // namespace crosscheck::viewer
