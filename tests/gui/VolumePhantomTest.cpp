// The 3D pane on the phantom, in the 2x2-3d layout: the missed calcified tumour is drawn in
// the findings' colour where the ground truth puts it, from each of the six standard views
// (bone in front of it does not hide it), each view turns the camera as named; a click on
// a vertebral body puts the cursor on the body's front surface (found here independently,
// by marching the CT along the click's ray), so the 2D panes follow; two linked 3D panes
// (CT and sCT) turn together. CROSSCHECK_DOC_IMAGES=DIR saves the window's panes as
// DIR/pane-3d.png for the user guide.
#include <vtkRenderer.h>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/model/Study.h"
#include "core/volume/Volume.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/state/ViewState.h"
#include "viewer/volume/VolumePane.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::StandardView;
using crosscheck::viewer::VolumePane;
namespace cc = crosscheck;

class VolumePhantomTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theMissedTumourShowsFromEveryStandardView();
    void aClickOnAVertebralBodyMovesTheCursorToItsSurface();
    void linkedCtAndSctPanesTurnTogether();

private:
    VolumePane* volumePane() const { return m_window->paneGrid()->volumePanes()[3]; }

    QTemporaryDir m_dir;
    cc::PhantomGroundTruth m_truth;
    std::unique_ptr<MainWindow> m_window;
};

namespace {

/// A frame of the pane at full quality, painted.
QImage fullFrame(VolumePane* pane) {
    QSignalSpy painted(pane, &cc::viewer::VtkRenderWidget::framePainted);
    pane->update();
    painted.wait(20000);
    return pane->grabFramebuffer();
}

/// Where VTK's renderer puts a reference-frame point, in widget pixels (y down).
QPointF vtkProjection(VolumePane* pane, const Eigen::Vector3d& p) {
    vtkRenderer* renderer = pane->renderer();
    renderer->SetWorldPoint(p.x(), p.y(), p.z(), 1.0);
    renderer->WorldToDisplay();
    double display[3];
    renderer->GetDisplayPoint(display);
    const double ratio = pane->devicePixelRatioF();
    return {display[0] / ratio, pane->height() - display[1] / ratio};
}

/// The colour of "dense on CT, not on sCT" (magenta), shaded.
bool isMissedColour(const QColor& c) {
    return c.red() > 180 && c.green() < 120 && c.blue() > 130;
}

}  // namespace

void VolumePhantomTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_truth = cc::testing::writeSmallPhantom(m_dir.path(), 11);
    m_window = std::make_unique<MainWindow>();
    QVERIFY(cc::testing::openStudy(*m_window, m_dir.path(), QSize(1400, 900)));
    cc::testing::alignWithGroundTruth(*m_window, m_truth);
    QSignalSpy analysed(m_window.get(), &MainWindow::analysisFinished);
    m_window->analyzeDiscrepancies();
    QVERIFY(analysed.wait(120000));
    QCOMPARE(m_window->discrepancyLayer()->missedDenseCount(), 1);
    QVERIFY(m_window->paneGrid()->setLayoutName(QStringLiteral("2x2-3d")));
    m_window->viewState()->flush();
    QVERIFY(volumePane()->isVisible());
    QCOMPARE(volumePane()->series().role, cc::SeriesRole::CT);
}

void VolumePhantomTest::theMissedTumourShowsFromEveryStandardView() {
    VolumePane* pane = volumePane();
    const Eigen::Vector3d tumour = m_truth.tumor.centerCtMm;
    struct Named {
        StandardView view;
        Eigen::Vector3d towardsViewer;  // LPS: anterior -y, left +x, superior +z
    };
    const Named views[] = {
        {StandardView::Anterior, {0, -1, 0}}, {StandardView::Posterior, {0, 1, 0}},
        {StandardView::Left, {1, 0, 0}},      {StandardView::Right, {-1, 0, 0}},
        {StandardView::Superior, {0, 0, 1}},  {StandardView::Inferior, {0, 0, -1}}};
    for (const Named& named : views) {
        const char* name = cc::viewer::toString(named.view);
        pane->showStandardView(named.view);
        const QImage image = fullFrame(pane);
        QVERIFY2(pane->isFullQuality(), name);
        QVERIFY2((pane->camera().towardsViewer - named.towardsViewer).norm() < 1e-9, name);
        const QPointF at = vtkProjection(pane, tumour) * image.devicePixelRatio();
        const QColor colour = image.pixelColor(at.toPoint());
        QVERIFY2(isMissedColour(colour), qPrintable(QStringLiteral("%1 view: %2 at %3,%4")
                                                        .arg(QLatin1String(name), colour.name())
                                                        .arg(at.x())
                                                        .arg(at.y())));
    }
    pane->showStandardView(StandardView::Anterior);
    fullFrame(pane);
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        m_window->viewState()->setCursor(cc::PatientPoint{tumour});
        m_window->viewState()->flush();
        for (auto* shown : m_window->paneGrid()->visibleRenderWidgets()) {
            QSignalSpy painted(shown, &cc::viewer::VtkRenderWidget::framePainted);
            shown->update();
            painted.wait(20000);
        }
        QVERIFY(m_window->paneGrid()->grabComposed().save(docs + QStringLiteral("/pane-3d.png")));
    }
}

void VolumePhantomTest::aClickOnAVertebralBodyMovesTheCursorToItsSurface() {
    VolumePane* pane = volumePane();
    pane->showStandardView(StandardView::Anterior);
    fullFrame(pane);
    // A level away from the tumour (its surface is drawn over the bone there).
    const cc::PhantomLevelTruth* level = nullptr;
    for (const auto& l : m_truth.levels) {
        if (std::abs(l.centerCtMm.z() - m_truth.tumor.centerCtMm.z()) > 30.0 &&
            (level == nullptr || std::abs(l.level) < std::abs(level->level))) {
            level = &l;
        }
    }
    QVERIFY(level != nullptr);
    const QPointF pixel = vtkProjection(pane, level->centerCtMm);
    QTest::mouseClick(pane, Qt::LeftButton, {}, pixel.toPoint());
    m_window->viewState()->flush();
    const Eigen::Vector3d cursor = m_window->viewState()->cursor().mm;

    // The body's front surface along the same ray, marched here through the CT itself
    // (nearest voxel, 0.1 mm steps): the first point of at least the pick's density.
    const auto [origin, direction] = pane->rayAt(QPointF(pixel.toPoint()));
    const cc::Volume& ct = *m_window->study()->find(cc::SeriesRole::CT)->volume;
    std::optional<Eigen::Vector3d> surface;
    for (double t = 0.0; t < 2000.0 && !surface; t += 0.1) {
        const Eigen::Vector3d p = origin + t * direction;
        const auto value = ct.sampleNearest(cc::PatientPoint{p});
        if (value && *value >= VolumePane::pickThreshold()) {
            surface = p;
        }
    }
    QVERIFY(surface.has_value());
    QVERIFY2((cursor - *surface).norm() < 2.0,
             qPrintable(QStringLiteral("cursor %1 %2 %3, surface %4 %5 %6")
                            .arg(cursor.x())
                            .arg(cursor.y())
                            .arg(cursor.z())
                            .arg(surface->x())
                            .arg(surface->y())
                            .arg(surface->z())));
    // It is the body's front: in front of its centre, at its height.
    QVERIFY(cursor.y() < level->centerCtMm.y());
    QVERIFY(std::abs(cursor.z() - level->centerCtMm.z()) < 5.0);
}

void VolumePhantomTest::linkedCtAndSctPanesTurnTogether() {
    auto* state = m_window->viewState();
    const cc::LoadedSeries* sct = m_window->study()->find(cc::SeriesRole::sCT);
    QVERIFY(sct != nullptr);
    cc::viewer::PaneAssignment assignment;
    assignment.seriesInstanceUid = QString::fromStdString(sct->info.seriesInstanceUid);
    assignment.kind = cc::viewer::PaneKind::Volume3d;
    state->setPaneAssignment(2, assignment);
    state->flush();
    VolumePane* sctPane = m_window->paneGrid()->volumePanes()[2];
    QVERIFY(sctPane->isVisible());
    QCOMPARE(sctPane->series().role, cc::SeriesRole::sCT);
    volumePane()->rotateBy(60.0, -20.0);
    state->flush();
    QVERIFY((sctPane->camera().towardsViewer - volumePane()->camera().towardsViewer).norm() <
            1e-12);
    QVERIFY((volumePane()->camera().towardsViewer - Eigen::Vector3d(0, -1, 0)).norm() > 0.1);
    // Unlinked, the sCT pane keeps its camera.
    state->setLinkCamera3d(false);
    const Eigen::Vector3d kept = sctPane->camera().towardsViewer;
    volumePane()->rotateBy(-40.0, 0.0);
    state->flush();
    QVERIFY((sctPane->camera().towardsViewer - kept).norm() < 1e-12);
    state->setLinkCamera3d(true);
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    VolumePhantomTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "VolumePhantomTest.moc"
