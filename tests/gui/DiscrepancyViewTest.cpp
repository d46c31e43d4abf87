// The CT-versus-sCT findings on screen: on the phantom whose sCT misses the calcified
// tumour, the findings panel lists it first, a click on it moves every pane to it, its
// outline is drawn in every pane, and the sCT pane carries the red miss banner.
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/model/Study.h"
#include "core/roi/StudyMeasurement.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/analysis/DiscrepancyBanner.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/analysis/FindingsPanel.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/MeasurementTable.h"
#include "viewer/state/ViewState.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::SlicePane;
namespace cc = crosscheck;

class DiscrepancyViewTest : public QObject {
    Q_OBJECT
private slots:
    void theMissedTumourIsListedOutlinedAndBannered();
    void measureThisFindingAddsAxialAndSagittalRois();
};

namespace {

int countPixels(const QImage& image, const QRect& area,
                const std::function<bool(const QColor&)>& match) {
    int n = 0;
    const QRect box = area.intersected(image.rect());
    for (int y = box.top(); y <= box.bottom(); ++y) {
        for (int x = box.left(); x <= box.right(); ++x) {
            n += match(image.pixelColor(x, y)) ? 1 : 0;
        }
    }
    return n;
}

bool isOutline(const QColor& c) {
    return c.red() > 200 && c.green() < 90 && c.blue() > 150;
}
bool isBanner(const QColor& c) {
    return c.red() > 170 && c.green() < 60 && c.blue() < 60;
}

/// The small phantom (seed 11) open in `window`, aligned by its ground truth and compared;
/// the caller checks that the comparison has a result.
cc::PhantomGroundTruth openAndCompare(MainWindow& window, const QTemporaryDir& dir) {
    const cc::PhantomGroundTruth truth = cc::testing::writeSmallPhantom(dir.path(), 11);
    if (!cc::testing::openStudy(window, dir.path(), QSize(1400, 900))) {
        return truth;
    }
    cc::testing::alignWithGroundTruth(window, truth);
    QSignalSpy analysed(&window, &MainWindow::analysisFinished);
    window.analyzeDiscrepancies();
    analysed.wait(120000);
    return truth;
}

}  // namespace

void DiscrepancyViewTest::theMissedTumourIsListedOutlinedAndBannered() {
    QTemporaryDir dir;
    MainWindow window;
    const cc::PhantomGroundTruth truth = openAndCompare(window, dir);
    QVERIFY(window.discrepancyLayer()->hasResult());
    QCOMPARE(window.discrepancyLayer()->missedDenseCount(), 1);

    // The first row is the missed tumour; clicking it puts the cursor on its centroid.
    QTableWidget* table = window.findingsPanel()->table();
    QVERIFY(table->rowCount() >= 1);
    QVERIFY(table->item(0, 1)->text().contains(QStringLiteral("dense on CT")));
    const QRect firstRow = table->visualItemRect(table->item(0, 1));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, firstRow.center());
    window.viewState()->flush();
    const Eigen::Vector3d centroid =
        window.discrepancyLayer()->result()->regions.front().centroidMm;
    QVERIFY((window.viewState()->cursor().mm - centroid).norm() < 1e-9);
    QVERIFY((centroid - truth.tumor.centerCtMm).norm() < 3.0);

    for (SlicePane* pane : window.paneGrid()->panes()) {
        QSignalSpy painted(pane, &crosscheck::viewer::VtkRenderWidget::framePainted);
        pane->update();
        QVERIFY(painted.wait(20000));
        const QImage image = pane->grabFramebuffer();
        const qreal ratio = image.devicePixelRatio();
        const QPointF c = pane->referenceToWidget(cc::PatientPoint{centroid}) * ratio;
        const QRect around(QPoint(int(c.x()) - 80, int(c.y()) - 80), QSize(160, 160));
        const int outline = countPixels(image, around, isOutline);
        QVERIFY2(outline > 20, qPrintable(QStringLiteral("%1: %2 outline pixels")
                                              .arg(QLatin1String(cc::toString(pane->series().role)))
                                              .arg(outline)));
        const int banner =
            countPixels(image, QRect(0, 0, image.width(), int(160 * ratio)), isBanner);
        if (pane->series().role == cc::SeriesRole::sCT) {
            QVERIFY2(banner > 2000,
                     qPrintable(QStringLiteral("sCT banner pixels: %1").arg(banner)));
        } else if (pane->series().role !=
                   cc::SeriesRole::CT) {  // the CT's difference map is red by design
            QVERIFY2(banner < 200,
                     qPrintable(QStringLiteral("banner pixels on a non-sCT pane: %1").arg(banner)));
        }
    }

    // Raising "dense from" above the tumour's HU turns the miss into a large difference:
    // the sCT pane must still say that CT and sCT disagree there, and name the setting.
    cc::DiscrepancyThresholds raised = window.discrepancyLayer()->thresholds();
    raised.denseHu = 700.0;
    window.discrepancyLayer()->setThresholds(raised);
    QCOMPARE(window.discrepancyLayer()->missedDenseCount(), 0);
    const cc::viewer::DiscrepancyBanner banner = cc::viewer::discrepancyBanner(
        window.discrepancyLayer()->result()->regions, window.discrepancyLayer()->thresholds());
    QCOMPARE(banner.severity, cc::viewer::DiscrepancyBanner::Severity::Disagrees);
    QVERIFY2(banner.text.contains(QStringLiteral("sCT DISAGREES with CT")) &&
                 banner.text.contains(QStringLiteral("dense from 700 HU (default 200)")),
             qPrintable(banner.text));
    SlicePane* sct = nullptr;
    for (SlicePane* pane : window.paneGrid()->panes()) {
        if (pane->series().role == cc::SeriesRole::sCT) {
            sct = pane;
        }
    }
    QVERIFY(sct);
    QSignalSpy painted(sct, &crosscheck::viewer::VtkRenderWidget::framePainted);
    sct->update();
    QVERIFY(painted.wait(20000));
    const QImage image = sct->grabFramebuffer();
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        image.save(docs + QStringLiteral("/sct-disagrees-banner.png"));
    }
    const int amber =
        countPixels(image, QRect(0, 0, image.width(), int(160 * image.devicePixelRatio())),
                    [](const QColor& c) {
                        return c.red() > 150 && c.green() > 70 && c.green() < 140 && c.blue() < 60;
                    });
    QVERIFY2(amber > 2000, qPrintable(QStringLiteral("amber banner pixels: %1").arg(amber)));
}

void DiscrepancyViewTest::measureThisFindingAddsAxialAndSagittalRois() {
    QTemporaryDir dir;
    MainWindow window;
    const cc::PhantomGroundTruth truth = openAndCompare(window, dir);
    QVERIFY(window.discrepancyLayer()->hasResult());

    QPushButton* measure = window.findingsPanel()->measureButton();
    QVERIFY(!measure->isEnabled());  // nothing selected yet
    QTableWidget* table = window.findingsPanel()->table();
    table->selectRow(0);
    QVERIFY(measure->isEnabled());
    QTest::mouseClick(measure, Qt::LeftButton);

    const auto& annotations = window.annotationLayer()->history().annotations();
    QCOMPARE(int(annotations.size()), 2);
    const cc::DiscrepancyRegion& tumour = window.discrepancyLayer()->result()->regions.front();
    const QString prefix = QStringLiteral("Finding %1 ").arg(tumour.rank);
    QCOMPARE(QString::fromStdString(annotations[0].label), prefix + QStringLiteral("axial"));
    QCOMPARE(QString::fromStdString(annotations[1].label), prefix + QStringLiteral("sagittal"));
    for (const cc::Annotation& a : annotations) {
        QCOMPARE(a.roi.shape, cc::RoiShape::Ellipse);
        // Through the region's centroid, around the tumour.
        QVERIFY((a.roi.centerMm - truth.tumor.centerCtMm).norm() < 5.0);
    }
    // Measured in every series like a drawn ROI: per ROI a row per series and the CT - sCT
    // row (the table refreshes when the event loop is back).
    QTRY_COMPARE(window.measurementTable()->table()->rowCount(),
                 2 * (int(window.study()->series.size()) + 1));
    // The table's axial size of the CT row is core's measurement of the same ROI (what
    // `crosscheck-cli measure` prints).
    QTableWidget* rows = window.measurementTable()->table();
    int axialColumn = -1;
    for (int c = 0; c < rows->columnCount(); ++c) {
        if (rows->horizontalHeaderItem(c)->text() == QStringLiteral("Axial mm")) {
            axialColumn = c;
        }
    }
    QVERIFY(axialColumn >= 0);
    const auto expected = cc::measureInStudy(annotations[0].roi, *window.study());
    QString coreCt;
    for (const cc::SeriesMeasurement& row : expected) {
        if (row.role == cc::SeriesRole::CT && row.measurement.visibleAxialMm) {
            coreCt = QStringLiteral("%1 x %2")
                         .arg((*row.measurement.visibleAxialMm)[0], 0, 'f', 1)
                         .arg((*row.measurement.visibleAxialMm)[1], 0, 'f', 1);
        }
    }
    QVERIFY(!coreCt.isEmpty());
    bool found = false;
    for (int r = 0; r < rows->rowCount(); ++r) {
        if (rows->item(r, 1) && rows->item(r, 1)->text() == QStringLiteral("CT") &&
            rows->item(r, axialColumn) && !rows->item(r, axialColumn)->text().isEmpty()) {
            QCOMPARE(rows->item(r, axialColumn)->text(), coreCt);
            found = true;
            break;
        }
    }
    QVERIFY(found);
    // The CT - sCT row gives the study's difference in the axial plane: the whole CT size,
    // since the sCT shows nothing there ([0, 0]).
    const auto delta = cc::compareCtSct(expected);
    QVERIFY(delta && delta->deltaAxialMm);
    const QString coreDelta = QStringLiteral("%1 x %2")
                                  .arg((*delta->deltaAxialMm)[0], 0, 'f', 1)
                                  .arg((*delta->deltaAxialMm)[1], 0, 'f', 1);
    QCOMPARE(coreDelta, coreCt);
    bool deltaShown = false;
    for (int r = 0; r < rows->rowCount(); ++r) {
        if (rows->item(r, 1) && rows->item(r, 1)->text() == QStringLiteral("CT - sCT") &&
            rows->item(r, axialColumn) && rows->item(r, axialColumn)->text() == coreDelta) {
            deltaShown = true;
        }
    }
    QVERIFY(deltaShown);
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        window.grab().save(docs + QStringLiteral("/finding-measured.png"));
    }
    // Each ROI is one undo step.
    QVERIFY(window.annotationLayer()->history().undo());
    QCOMPARE(int(annotations.size()), 1);
    QVERIFY(window.annotationLayer()->history().undo());
    QVERIFY(annotations.empty());
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    DiscrepancyViewTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "DiscrepancyViewTest.moc"
