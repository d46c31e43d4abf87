// The "Profile and histogram" dock on the phantom: a ruler through the tumour gives a CT
// profile that peaks in the tumour and an sCT profile that stays soft tissue there, MR
// left out until the CT -> MR transform is known; an ellipse around the tumour gives
// histograms whose counts and mean markers are the measurement's. Numbers are checked
// against core (measureInStudy, the ground truth), not against constants of the chart.
#include <QAbstractSeries>
#include <QChart>
#include <QDockWidget>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>
#include <numeric>

#include "app/gui/MainWindow.h"
#include "core/model/Study.h"
#include "core/roi/StudyMeasurement.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/charts/LineProfileChart.h"
#include "viewer/charts/RoiChartsPanel.h"
#include "viewer/charts/RoiHistogramChart.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/MeasurementTable.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::LineProfileChart;
using crosscheck::viewer::RoiChartsPanel;
namespace cc = crosscheck;

class RoiChartsTest : public QObject {
    Q_OBJECT
private slots:
    void aRulerThroughTheTumourShowsCtDenseAndSctNot();
};

namespace {

/// Values of the points with x in [from, to].
std::vector<double> valuesBetween(const QList<QPointF>& points, double from, double to) {
    std::vector<double> out;
    for (const QPointF& p : points) {
        if (p.x() >= from && p.x() <= to) {
            out.push_back(p.y());
        }
    }
    return out;
}

const cc::SeriesMeasurement* rowFor(const std::vector<cc::SeriesMeasurement>& rows,
                                    cc::SeriesRole role) {
    for (const auto& row : rows) {
        if (row.role == role) {
            return &row;
        }
    }
    return nullptr;
}

/// For the user guide: CROSSCHECK_DOC_IMAGES=DIR saves the dock as this test sees it.
void saveDock(QDockWidget* dock, const QString& name) {
    const QString dir = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (dir.isEmpty()) {
        return;
    }
    // Qt Charts lays out its legend and axes on posted layout requests.
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QVERIFY(dock->grab().save(dir + QLatin1Char('/') + name));
}

}  // namespace

void RoiChartsTest::aRulerThroughTheTumourShowsCtDenseAndSctNot() {
    QTemporaryDir dir;
    const cc::PhantomGroundTruth truth = cc::testing::writeSmallPhantom(dir.path(), 5);
    MainWindow window;
    QVERIFY(cc::testing::openStudy(window, dir.path(), QSize(1500, 1000)));
    auto* dock = window.chartsDock();
    QVERIFY(dock);
    dock->show();
    window.resizeDocks({dock}, {620}, Qt::Horizontal);
    RoiChartsPanel* panel = window.chartsPanel();
    cc::viewer::AnnotationLayer* layer = window.annotationLayer();

    // A ruler along x (patient left-right) through the tumour centre, twice the tumour's
    // largest diameter long, in the reference (CT) frame.
    const Eigen::Vector3d centre = truth.tumor.centerCtMm;
    const double half = truth.tumor.diametersMm.maxCoeff();
    const Eigen::Vector3d a = centre - Eigen::Vector3d(half, 0, 0);
    const Eigen::Vector3d b = centre + Eigen::Vector3d(half, 0, 0);
    QCOMPARE(layer->referenceFrameUid(), truth.ctFrameUid);
    QSignalSpy updated(panel, &RoiChartsPanel::updated);
    const std::string rulerId = layer->addRoi(cc::Roi::ruler(layer->referenceFrameUid(), a, b));
    layer->select(rulerId);
    QVERIFY(updated.wait(20000));
    QCOMPARE(panel->showing(), RoiChartsPanel::Showing::Profile);
    LineProfileChart* profile = panel->profileChart();

    // Before the CT -> MR transform is known, only the CT can be sampled; the rest is
    // named as left out.
    QVERIFY(!truth.sameFrame);  // the phantom's MR has its own frame by default
    QVERIFY(profile->plottedPoints(cc::SeriesRole::T1w).isEmpty());
    QVERIFY(!profile->plottedPoints(cc::SeriesRole::CT).isEmpty());
    QVERIFY2(profile->note().contains(QStringLiteral("T1w")), qPrintable(profile->note()));
    QVERIFY(profile->note().contains(QStringLiteral("no known transform")));
    updated.clear();
    cc::testing::alignWithGroundTruth(window, truth);
    QVERIFY(updated.wait(20000));
    QVERIFY2(profile->note().isEmpty(), qPrintable(profile->note()));

    const double length = (b - a).norm();
    const double step = LineProfileChart::kStepMm;
    const QList<QPointF> ct = profile->plottedPoints(cc::SeriesRole::CT);
    const QList<QPointF> sct = profile->plottedPoints(cc::SeriesRole::sCT);
    QVERIFY(!ct.isEmpty() && !sct.isEmpty());
    QVERIFY(std::abs(ct.front().x()) <= step);
    QVERIFY(std::abs(ct.back().x() - length) <= step);
    QVERIFY(std::abs(profile->distanceAxis()->max() - length) <= step);
    QVERIFY(std::abs(profile->distanceAxis()->min()) <= step);

    // The tumour spans the ruler's middle, half its left-right diameter either side.
    const double radiusLr = std::abs(truth.tumor.diametersMm.z()) / 2.0;
    const auto ctInside = valuesBetween(ct, half - radiusLr, half + radiusLr);
    const auto sctInside = valuesBetween(sct, half - radiusLr, half + radiusLr);
    QVERIFY(!ctInside.empty() && !sctInside.empty());
    const double ctPeak = *std::max_element(ctInside.begin(), ctInside.end());
    const double sctPeak = *std::max_element(sctInside.begin(), sctInside.end());
    QVERIFY2(ctPeak >= 300.0, qPrintable(QString::number(ctPeak)));
    QVERIFY2(sctPeak < 100.0, qPrintable(QString::number(sctPeak)));
    // The plotted CT is core's profile, sample for sample.
    const auto study = window.study();
    const auto coreCt =
        cc::profileInSeries(cc::Roi::ruler(truth.ctFrameUid, a, b),
                            *study->find(cc::SeriesRole::CT), study->transforms, step);
    QVERIFY(coreCt);
    QCOMPARE(static_cast<std::size_t>(ct.size()), coreCt->size());
    QCOMPARE(ct[ct.size() / 2].y(), *(*coreCt)[coreCt->size() / 2].value);
    // MR is normalized to its own profile: it spans exactly 0..1.
    for (cc::SeriesRole mr : {cc::SeriesRole::T1w, cc::SeriesRole::T2w}) {
        const auto points = profile->plottedPoints(mr);
        QVERIFY(!points.isEmpty());
        const auto [lo, hi] = std::minmax_element(points.begin(), points.end(),
                                                  [](auto& p, auto& q) { return p.y() < q.y(); });
        QCOMPARE(lo->y(), 0.0);
        QCOMPARE(hi->y(), 1.0);
    }
    saveDock(dock, QStringLiteral("roi-profile.png"));

    // The reference line follows the measurement table's visible-extent threshold.
    auto thresholdLines = [profile](const QString& name) {
        int found = 0;
        for (QAbstractSeries* series : profile->chart()->series()) {
            found += series->name() == name;
        }
        return found;
    };
    QCOMPARE(thresholdLines(QStringLiteral("200 HU threshold")), 1);
    cc::MeasureOptions options = window.measurementTable()->measureOptions();
    options.visibleThresholdHu = 350.0;
    updated.clear();
    window.measurementTable()->setMeasureOptions(options);
    QVERIFY(updated.wait(20000));
    QCOMPARE(thresholdLines(QStringLiteral("350 HU threshold")), 1);
    QCOMPARE(thresholdLines(QStringLiteral("200 HU threshold")), 0);

    // Two edits in one event-loop turn (a drag) cost one recompute, for the last state.
    updated.clear();
    cc::Annotation moved = *layer->history().find(rulerId);
    const std::uint64_t drag = layer->history().beginMerge();
    moved.roi.pointsMm[1] = b + Eigen::Vector3d(2, 0, 0);
    layer->history().modify(moved, drag);
    moved.roi.pointsMm[1] = b + Eigen::Vector3d(4, 0, 0);
    layer->history().modify(moved, drag);
    QVERIFY(updated.wait(20000));
    QCoreApplication::processEvents();
    QCOMPARE(updated.count(), 1);
    QVERIFY(std::abs(profile->distanceAxis()->max() - (length + 4.0)) <= step);

    // An ellipse around the tumour on the axial plane: one histogram per series.
    const Eigen::Vector2d radii(radiusLr + 1.0, std::abs(truth.tumor.diametersMm.y()) / 2 + 1.0);
    const cc::Roi ellipse = cc::Roi::ellipse(truth.ctFrameUid, centre, Eigen::Vector3d::UnitX(),
                                             Eigen::Vector3d::UnitY(), radii);
    updated.clear();
    layer->select(layer->addRoi(ellipse));
    QVERIFY(updated.wait(20000));
    QCOMPARE(panel->showing(), RoiChartsPanel::Showing::Histograms);
    const cc::viewer::RoiHistogramChart* histograms = panel->histogramChart();
    QCOMPARE(histograms->panelCount(), static_cast<int>(study->series.size()));
    const auto rows = cc::measureInStudy(ellipse, *study);
    for (cc::SeriesRole role : {cc::SeriesRole::CT, cc::SeriesRole::sCT, cc::SeriesRole::T1w}) {
        const cc::SeriesMeasurement* row = rowFor(rows, role);
        QVERIFY(row && row->measurement.hasNumbers);
        const std::vector<int> counts = histograms->plottedCounts(role);
        QCOMPARE(std::accumulate(counts.begin(), counts.end(), 0), row->measurement.values.count);
        const auto mean = histograms->plottedMean(role);
        QVERIFY(mean);
        QVERIFY2(
            std::abs(*mean - row->measurement.values.mean) < 1e-9,
            qPrintable(QStringLiteral("%1 vs %2").arg(*mean).arg(row->measurement.values.mean)));
    }
    // The table shows the same count for the CT row of this ROI.
    QTableWidget* table = window.measurementTable()->table();
    const QString label = QString::fromStdString(layer->history().annotations().back().label);
    const std::vector<int> ctCounts = histograms->plottedCounts(cc::SeriesRole::CT);
    const int ctTotal = std::accumulate(ctCounts.begin(), ctCounts.end(), 0);
    QTRY_VERIFY([&] {
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, 0) && table->item(r, 0)->text() == label && table->item(r, 1) &&
                table->item(r, 1)->text() == QStringLiteral("CT") && table->item(r, 10)) {
                return table->item(r, 10)->text().toInt() == ctTotal;
            }
        }
        return false;
    }());
    saveDock(dock, QStringLiteral("roi-histogram.png"));
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    RoiChartsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "RoiChartsTest.moc"
