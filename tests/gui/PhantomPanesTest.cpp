// The four panes on the phantom study: with the cursor at the tumour centre every pane
// slices through it, the CT shows it bright and the sCT does not, a click moves the
// cursor in every linked pane, and a series of another frame without a transform is
// flagged in red and does not follow.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <cmath>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/model/Study.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/state/ViewState.h"
#include "viewer/tasks/BackgroundTask.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::SlicePane;
namespace cc = crosscheck;

class PhantomPanesTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void panesSliceThroughTheTumourAndShowTheMiss();
    void aClickMovesTheCursorInEveryLinkedPane();
    void anUnregisteredFrameIsFlaggedAndDoesNotFollow();
    void openingAnotherStudyWhileOneLoadsShowsOnlyTheLast();
    void openingAStudyComparesCtAndSctWithoutBeingAsked();
    void theProbeReadsTheNewSliceUnderAStillMouse();
    void keysGoToThePaneUnderTheMouse();

private:
    void openStudy(MainWindow& window);
    SlicePane* paneWithRole(MainWindow& window, cc::SeriesRole role);

    QTemporaryDir m_dir;
    cc::PhantomGroundTruth m_truth;
};

using crosscheck::testing::greyAt;
using crosscheck::testing::waitForFrame;

void PhantomPanesTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_truth = cc::testing::writeSmallPhantom(m_dir.path(), 7);
}

void PhantomPanesTest::openStudy(MainWindow& window) {
    QVERIFY(cc::testing::openStudy(window, m_dir.path(), QSize(1200, 900)));
    QCOMPARE(window.study()->series.size(), std::size_t{4});
}

SlicePane* PhantomPanesTest::paneWithRole(MainWindow& window, cc::SeriesRole role) {
    for (SlicePane* pane : window.paneGrid()->panes()) {
        if (pane->hasSeries() && pane->series().role == role) {
            return pane;
        }
    }
    return nullptr;
}

void PhantomPanesTest::panesSliceThroughTheTumourAndShowTheMiss() {
    MainWindow window;
    openStudy(window);
    cc::testing::alignWithGroundTruth(window, m_truth);
    const cc::PatientPoint tumour{m_truth.tumor.centerCtMm};
    window.viewState()->setCursor(tumour);
    window.viewState()->flush();

    for (SlicePane* pane : window.paneGrid()->panes()) {
        QVERIFY(pane->isSynchronized());
        QVERIFY((pane->paneCursor().mm - tumour.mm).norm() < 1e-9);
        QVERIFY(waitForFrame(pane));
    }
    SlicePane* ct = paneWithRole(window, cc::SeriesRole::CT);
    SlicePane* sct = paneWithRole(window, cc::SeriesRole::sCT);
    QVERIFY(ct && sct);
    // The slice under the crosshair is the tumour's: dense on CT, soft tissue on sCT.
    QVERIFY(*ct->valueAtReference(tumour) > 250.0);
    QVERIFY(*sct->valueAtReference(tumour) < 100.0);
    // Both panes in the shared bone window: the tumour is bright on CT and not on sCT.
    QCOMPARE(ct->currentWindow().width, sct->currentWindow().width);
    const int ctGrey = greyAt(ct, ct->referenceToWidget(tumour));
    const int sctGrey = greyAt(sct, sct->referenceToWidget(tumour));
    QVERIFY2(ctGrey > sctGrey + 40,
             qPrintable(QStringLiteral("CT grey %1, sCT grey %2").arg(ctGrey).arg(sctGrey)));
}

void PhantomPanesTest::aClickMovesTheCursorInEveryLinkedPane() {
    MainWindow window;
    openStudy(window);
    cc::testing::alignWithGroundTruth(window, m_truth);
    SlicePane* ct = paneWithRole(window, cc::SeriesRole::CT);
    QVERIFY(waitForFrame(ct));
    const cc::PatientPoint before = window.viewState()->cursor();
    const QPoint click(ct->width() / 2 + 40, ct->height() / 2 - 30);
    QTest::mouseClick(ct, Qt::LeftButton, {}, click);
    window.viewState()->flush();
    const cc::PatientPoint after = window.viewState()->cursor();
    QVERIFY((after.mm - before.mm).norm() > 1.0);
    // The clicked point is under the mouse in the CT pane...
    const QPointF shown = ct->referenceToWidget(after);
    QVERIFY(qAbs(shown.x() - click.x()) < 1.0 && qAbs(shown.y() - click.y()) < 1.0);
    // ... and every other pane now slices through it.
    for (SlicePane* pane : window.paneGrid()->panes()) {
        QVERIFY((pane->paneCursor().mm - after.mm).norm() < 1e-9);
    }
}

void PhantomPanesTest::anUnregisteredFrameIsFlaggedAndDoesNotFollow() {
    MainWindow window;
    openStudy(window);
    SlicePane* t1 = paneWithRole(window, cc::SeriesRole::T1w);
    SlicePane* ct = paneWithRole(window, cc::SeriesRole::CT);
    QVERIFY(t1 && ct);
    QVERIFY(ct->isSynchronized());
    QVERIFY(!t1->isSynchronized());
    const cc::PatientPoint t1Before = t1->paneCursor();
    window.viewState()->setCursor(
        cc::PatientPoint{m_truth.tumor.centerCtMm + Eigen::Vector3d(5, 5, 5)});
    window.viewState()->flush();
    QVERIFY((t1->paneCursor().mm - t1Before.mm).norm() < 1e-9);
    QVERIFY(!t1->valueAtReference(window.viewState()->cursor()).has_value());
    // The red badge at the top centre of the unsynchronized pane.
    QVERIFY(waitForFrame(t1));
    const QImage image = t1->grabFramebuffer();
    int red = 0;
    for (int y = 0; y < 100 * image.devicePixelRatio(); ++y) {
        for (int x = image.width() / 3; x < 2 * image.width() / 3; ++x) {
            const QColor c = image.pixelColor(x, y);
            red += (c.red() > 150 && c.green() < 80 && c.blue() < 80) ? 1 : 0;
        }
    }
    QVERIFY2(red > 200, qPrintable(QStringLiteral("red badge pixels: %1").arg(red)));
}

void PhantomPanesTest::openingAnotherStudyWhileOneLoadsShowsOnlyTheLast() {
    QTemporaryDir secondDir;
    QVERIFY(secondDir.isValid());
    const cc::PhantomGroundTruth second = cc::testing::writeSmallPhantom(secondDir.path(), 8);
    QVERIFY(second.ctFrameUid != m_truth.ctFrameUid);
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy shown(&window, &MainWindow::studyShown);
    window.openPaths({m_dir.path()});
    // The first load has finished on its worker, its result queued to the window, when the
    // second replaces it: that result must not be shown.
    QVERIFY(window.currentTask());
    window.currentTask()->waitForWork();
    window.openPaths({secondDir.path()});
    QVERIFY(shown.wait(60000));
    // The first load's task was deleted while the loop ran: nothing of it can arrive now.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    QCOMPARE(shown.count(), 1);
    QCOMPARE(window.study()->referenceFrameUid, second.ctFrameUid);
}

void PhantomPanesTest::openingAStudyComparesCtAndSctWithoutBeingAsked() {
    MainWindow window;
    window.setCompareOnOpen(true);  // as the application does
    window.resize(1200, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy settled(&window, &MainWindow::openingSettled);
    window.openPaths({m_dir.path()});
    QVERIFY(settled.wait(120000));
    // The sCT's (MR) frame was registered and CT and sCT compared without a keypress.
    SlicePane* sct = paneWithRole(window, cc::SeriesRole::sCT);
    QVERIFY(sct && sct->isSynchronized());
    const auto* layer = window.discrepancyLayer();
    QVERIFY(layer->hasResult());
    QVERIFY(!layer->result()->regions.empty());
    const cc::DiscrepancyRegion& first = layer->result()->regions.front();
    QCOMPARE(first.kind, cc::DiscrepancyKind::CtDenseSctNot);
    // It is the phantom's tumour, and the panes open on it.
    QVERIFY((first.centroidMm - m_truth.tumor.centerCtMm).norm() < 3.0);
    QVERIFY((window.viewState()->cursor().mm - first.centroidMm).norm() < 1e-6);

    // A hand correction of the sCT's registration clears the comparison made through the
    // old transform, and the miss is found again through the new one without a keypress.
    QSignalSpy analysed(&window, &MainWindow::analysisFinished);
    Eigen::Matrix4d shift = Eigen::Matrix4d::Identity();
    shift(0, 3) = 0.5;
    window.nudgeSeries(sct->series().seriesInstanceUid, shift);
    QVERIFY(!layer->hasResult());
    QVERIFY(analysed.wait(60000));
    QVERIFY(layer->hasResult());
    QCOMPARE(layer->missedDenseCount(), 1);
}

void PhantomPanesTest::theProbeReadsTheNewSliceUnderAStillMouse() {
    MainWindow window;
    openStudy(window);
    cc::testing::alignWithGroundTruth(window, m_truth);
    SlicePane* ct = paneWithRole(window, cc::SeriesRole::CT);
    QVERIFY(ct);
    ct->setOrientation(cc::ViewOrientation::Axial);
    window.viewState()->setCursor(cc::PatientPoint{m_truth.tumor.centerCtMm});
    window.viewState()->flush();
    const QPoint mouse = ct->rect().center() + QPoint(15, 10);
    QTest::mouseMove(ct, mouse);
    QTRY_VERIFY(window.viewState()->probe().has_value());
    const double before = window.viewState()->probe()->mm.z();
    // Three wheel notches with the mouse held still: three slices on.
    QWheelEvent wheel(mouse, ct->mapToGlobal(mouse), QPoint(), QPoint(0, 360), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(ct, &wheel);
    window.viewState()->flush();
    const double cursorZ = window.viewState()->cursor().mm.z();
    QVERIFY(std::abs(cursorZ - before) > 1.0);
    QVERIFY(window.viewState()->probe().has_value());
    QCOMPARE(window.viewState()->probe()->mm.z(), cursorZ);
}

void PhantomPanesTest::keysGoToThePaneUnderTheMouse() {
    MainWindow window;
    openStudy(window);
    window.activateWindow();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    SlicePane* ct = paneWithRole(window, cc::SeriesRole::CT);
    SlicePane* t1 = paneWithRole(window, cc::SeriesRole::T1w);
    QVERIFY(ct && t1);
    ct->setFocus();
    QTRY_VERIFY(ct->hasFocus());
    QCOMPARE(t1->orientation(), cc::ViewOrientation::Sagittal);
    // The mouse moves onto the T1w pane, no click: A there makes that pane axial.
    QTest::mouseMove(ct, ct->rect().center());
    QTest::mouseMove(t1, t1->rect().center());
    QTRY_VERIFY(t1->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_A);
    QCOMPARE(t1->orientation(), cc::ViewOrientation::Axial);
    QCOMPARE(ct->orientation(), cc::ViewOrientation::Sagittal);
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        t1->grabFramebuffer().save(docs + QStringLiteral("/pane-focus.png"));
    }
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    PhantomPanesTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "PhantomPanesTest.moc"
