// The 3D pane on the phantom, in the 2x2-3d layout: the missed calcified tumour is drawn in
// the findings' colour where the ground truth puts it, from each of the six standard views
// (bone in front of it does not hide it), and bone, not that colour, where the ground truth
// puts a vertebral body; each view turns VTK's camera as named (direction of projection and
// view-up in LPS); a click on a vertebral body puts the cursor on the body's front surface,
// known twice over: from the phantom's own anatomy model (SpineModel, mapped into the CT by
// the ground-truth transform) and by marching the CT itself along the click's ray; the 2D
// panes follow; two linked 3D panes (CT and sCT) turn together.
// CROSSCHECK_DOC_IMAGES=DIR saves the window's panes as DIR/3d-pane.png for the user guide.
#include <vtkCamera.h>
#include <vtkRenderer.h>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/model/Study.h"
#include "core/phantom/CanalModel.h"
#include "core/phantom/SpineModel.h"
#include "core/volume/Volume.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/state/ViewState.h"
#include "viewer/volume/VolumePane.h"
#include "viewer/volume/VolumeScene.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::StandardView;
using crosscheck::viewer::VolumePane;
namespace cc = crosscheck;

class VolumePhantomTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theMissedTumourShowsFromEveryStandardView();
    void standardViewsTurnTheCameraAsNamed();
    void aClickOnAVertebralBodyMovesTheCursorToItsSurface();
    void linkedCtAndSctPanesTurnTogether();
    void theVKeyTurnsAnyPaneTo3dAndBack();

private:
    VolumePane* volumePane() const { return m_window->paneGrid()->volumePanes()[3]; }
    /// The vertebral level nearest the middle whose body is at least 30 mm from the tumour
    /// (so the tumour's surface, drawn over the bone, is not in front of it).
    const cc::PhantomLevelTruth* levelAwayFromTumour() const;

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

/// True when a rendered colour is the findings' colour of `kind` under some shading: the
/// same hue, i.e. the same proportions of red, green and blue (each channel over the
/// brightest within 0.15 of the colour's own), and not dark.
bool isFindingColour(const QColor& c, cc::DiscrepancyKind kind) {
    const Eigen::Vector3d expected = cc::viewer::VolumeScene::findingColour(kind);
    const Eigen::Vector3d rgb(c.redF(), c.greenF(), c.blueF());
    const double brightest = rgb.maxCoeff();
    if (brightest < 0.3) {
        return false;
    }
    return ((rgb / brightest) - expected / expected.maxCoeff()).cwiseAbs().maxCoeff() < 0.15;
}

bool isMissedColour(const QColor& c) {
    return isFindingColour(c, cc::DiscrepancyKind::CtDenseSctNot);
}

QString describe(const QColor& c, const QPointF& at) {
    return QStringLiteral("%1 at %2,%3").arg(c.name()).arg(at.x()).arg(at.y());
}

QString describe(const Eigen::Vector3d& p) {
    return QStringLiteral("(%1, %2, %3)").arg(p.x()).arg(p.y()).arg(p.z());
}

/// A point inside a vertebral body, 6 mm to the left of and above its centre: away from
/// the lines of the cursor planes through the middle of the spine (x = 0).
Eigen::Vector3d besideCursorPlanes(const cc::PhantomLevelTruth& level) {
    return level.centerCtMm + Eigen::Vector3d(6.0, 0.0, 4.0);
}

Eigen::Vector3d fromVtk(const double v[3]) {
    return {v[0], v[1], v[2]};
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

const cc::PhantomLevelTruth* VolumePhantomTest::levelAwayFromTumour() const {
    const cc::PhantomLevelTruth* level = nullptr;
    for (const auto& l : m_truth.levels) {
        if (std::abs(l.centerCtMm.z() - m_truth.tumor.centerCtMm.z()) > 30.0 &&
            (level == nullptr || std::abs(l.level) < std::abs(level->level))) {
            level = &l;
        }
    }
    return level;
}

void VolumePhantomTest::theMissedTumourShowsFromEveryStandardView() {
    VolumePane* pane = volumePane();
    const Eigen::Vector3d tumour = m_truth.tumor.centerCtMm;
    const cc::PhantomLevelTruth* level = levelAwayFromTumour();
    QVERIFY(level != nullptr);
    // The colours are read from the pane as shown, overlay included: with the cursor
    // outside the series on every axis, no cursor-plane line crosses the pixels read.
    auto* state = m_window->viewState();
    const cc::PatientPoint cursor = state->cursor();
    state->setCursor(cc::PatientPoint{tumour - Eigen::Vector3d::Constant(1000.0)});
    state->flush();
    for (StandardView view :
         {StandardView::Anterior, StandardView::Posterior, StandardView::Left, StandardView::Right,
          StandardView::Superior, StandardView::Inferior}) {
        const QString name = QString::fromLatin1(cc::viewer::toString(view));
        pane->showStandardView(view);
        const QImage image = fullFrame(pane);
        QVERIFY2(pane->isFullQuality(), qPrintable(name));
        const qreal ratio = image.devicePixelRatio();
        const QPointF at = vtkProjection(pane, tumour) * ratio;
        QVERIFY2(image.rect().contains(at.toPoint()), qPrintable(name));
        const QColor colour = image.pixelColor(at.toPoint());
        QVERIFY2(isMissedColour(colour),
                 qPrintable(name + QStringLiteral(" view, tumour: ") + describe(colour, at)));
        // Where the ground truth puts a vertebral body away from the tumour the pane shows
        // bone, not the findings' colour (from above and below, the bodies of the other
        // levels lie behind the tumour, so only the side views say something here).
        if (view != StandardView::Superior && view != StandardView::Inferior) {
            const QPointF body = vtkProjection(pane, besideCursorPlanes(*level)) * ratio;
            const QColor bone = image.pixelColor(body.toPoint());
            QVERIFY2(!isMissedColour(bone) && bone.red() > 80 && bone.red() >= bone.blue(),
                     qPrintable(name + QStringLiteral(" view, body: ") + describe(bone, body)));
        }
    }
    state->setCursor(cursor);
    state->flush();
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        // For the user guide: from the front and a little from the left and above, the
        // tumour in the canal behind the vertebral bodies.
        pane->showStandardView(StandardView::Anterior);
        pane->rotateBy(-50.0, 30.0);
        state->setCursor(cc::PatientPoint{tumour});
        state->flush();
        QTRY_VERIFY_WITH_TIMEOUT(pane->isFullQuality(), 20000);
        for (auto* shown : m_window->paneGrid()->visibleRenderWidgets()) {
            QSignalSpy painted(shown, &cc::viewer::VtkRenderWidget::framePainted);
            shown->update();
            painted.wait(20000);
        }
        QVERIFY(m_window->paneGrid()->grabComposed().save(docs + QStringLiteral("/3d-pane.png")));
    }
}

void VolumePhantomTest::standardViewsTurnTheCameraAsNamed() {
    VolumePane* pane = volumePane();
    struct Expected {
        StandardView view;
        /// VTK's direction of projection (from the camera into the scene) and view-up, LPS:
        /// +x the patient's left, +y posterior, +z superior.
        Eigen::Vector3d projection;
        Eigen::Vector3d viewUp;
        /// The patient direction that appears to the right on the screen.
        Eigen::Vector3d screenRight;
        /// The orientation letters drawn at the pane's right and top edges.
        const char* rightLetter;
        const char* topLetter;
    };
    const Expected expected[] = {
        // From the front: looking posterior, head up, the patient's left on screen right.
        {StandardView::Anterior, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, "L", "S"},
        // From behind: looking anterior, head up, the patient's left on screen left.
        {StandardView::Posterior, {0, -1, 0}, {0, 0, 1}, {-1, 0, 0}, "R", "S"},
        // From the patient's left: looking to the right, head up, anterior on screen left
        // (as a sagittal slice).
        {StandardView::Left, {-1, 0, 0}, {0, 0, 1}, {0, 1, 0}, "P", "S"},
        {StandardView::Right, {1, 0, 0}, {0, 0, 1}, {0, -1, 0}, "A", "S"},
        // From above: looking to the feet, anterior up, the patient's left on screen left.
        {StandardView::Superior, {0, 0, -1}, {0, -1, 0}, {-1, 0, 0}, "R", "A"},
        // From below: looking to the head, anterior up, the patient's left on screen right
        // (as an axial slice).
        {StandardView::Inferior, {0, 0, 1}, {0, -1, 0}, {1, 0, 0}, "L", "A"},
    };
    const Eigen::Vector3d tumour = m_truth.tumor.centerCtMm;
    for (const Expected& e : expected) {
        const QString name = QString::fromLatin1(cc::viewer::toString(e.view));
        pane->showStandardView(e.view);
        fullFrame(pane);
        vtkCamera* camera = pane->renderer()->GetActiveCamera();
        QVERIFY(camera->GetParallelProjection());
        const Eigen::Vector3d projection = fromVtk(camera->GetDirectionOfProjection());
        const Eigen::Vector3d up = fromVtk(camera->GetViewUp());
        QVERIFY2((projection - e.projection).norm() < 1e-6,
                 qPrintable(name + QStringLiteral(" projection ") + describe(projection)));
        QVERIFY2((up - e.viewUp).norm() < 1e-6,
                 qPrintable(name + QStringLiteral(" view-up ") + describe(up)));
        // On the screen: 30 mm along the expected right lands 30 mm right of where the
        // tumour is, 30 mm up lands above it (widget pixels, y down).
        const double pixelsPerMm =
            pane->height() / (2.0 * pane->renderer()->GetActiveCamera()->GetParallelScale());
        const QPointF at = vtkProjection(pane, tumour);
        const QPointF right = vtkProjection(pane, tumour + 30.0 * e.screenRight) - at;
        const QPointF above = vtkProjection(pane, tumour + 30.0 * e.viewUp) - at;
        QVERIFY2(std::abs(right.x() - 30.0 * pixelsPerMm) < 1.0 && std::abs(right.y()) < 1.0,
                 qPrintable(name));
        QVERIFY2(std::abs(above.y() + 30.0 * pixelsPerMm) < 1.0 && std::abs(above.x()) < 1.0,
                 qPrintable(name));
        // The letters and the scale bar say the same.
        const cc::viewer::PaneOverlay edges = pane->edgeOverlay();
        QCOMPARE(edges.right, QLatin1String(e.rightLetter));
        QCOMPARE(edges.top, QLatin1String(e.topLetter));
        QVERIFY(std::abs(edges.pixelsPerMm - pixelsPerMm) < 1e-6 * pixelsPerMm);
    }
}

void VolumePhantomTest::aClickOnAVertebralBodyMovesTheCursorToItsSurface() {
    VolumePane* pane = volumePane();
    pane->showStandardView(StandardView::Anterior);
    fullFrame(pane);
    const cc::PhantomLevelTruth* level = levelAwayFromTumour();
    QVERIFY(level != nullptr);
    // A click on the body, as seen from the front.
    const QPoint pixel = vtkProjection(pane, besideCursorPlanes(*level)).toPoint();
    const QColor clicked = fullFrame(pane).pixelColor(pixel * pane->devicePixelRatioF());
    QVERIFY2(clicked.red() > 80, qPrintable(describe(clicked, pixel)));  // rendered bone there
    QTest::mouseClick(pane, Qt::LeftButton, {}, pixel);
    m_window->viewState()->flush();
    const Eigen::Vector3d cursor = m_window->viewState()->cursor().mm;
    const auto [origin, direction] = pane->rayAt(QPointF(pixel));

    // The answer from the phantom's anatomy: the first point along the click's ray that
    // the phantom's spine model calls bone. The model lives in MR patient coordinates; the
    // level's ground-truth CT -> MR map carries the ray there (0.05 mm steps).
    const cc::SpineModel spine;
    const cc::CanalModel canal(spine);
    std::optional<Eigen::Vector3d> anatomy;
    for (double t = 0.0; t < 2000.0 && !anatomy; t += 0.05) {
        const Eigen::Vector3d ct = origin + t * direction;
        const Eigen::Vector3d mr = (level->ctToMr * ct.homogeneous()).head<3>();
        const auto tissue = spine.classify(mr, canal);
        if (tissue && (*tissue == cc::Tissue::Cortical || *tissue == cc::Tissue::Cancellous)) {
            anatomy = ct;
        }
    }
    QVERIFY(anatomy.has_value());
    QVERIFY2((cursor - *anatomy).norm() < 2.0,
             qPrintable(QStringLiteral("cursor ") + describe(cursor) +
                        QStringLiteral(", body surface ") + describe(*anatomy)));
    // It is the body's front: in front of its centre, at its height.
    QVERIFY(cursor.y() < level->centerCtMm.y() - 5.0);
    QVERIFY(std::abs(cursor.z() - level->centerCtMm.z()) < 5.0);

    // And the CT itself agrees: marched here along the same ray (nearest voxel, 0.1 mm
    // steps), the first point at least as dense as the pick's threshold.
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
             qPrintable(QStringLiteral("cursor ") + describe(cursor) +
                        QStringLiteral(", CT surface ") + describe(*surface)));
    // The 2D panes follow: each (synchronized) slices through the picked point.
    const auto slices = m_window->paneGrid()->visiblePanes();
    QCOMPARE(int(slices.size()), 3);
    for (auto* slice : slices) {
        QVERIFY(slice->series().referenceToSeries.has_value());
        QVERIFY2((slice->paneCursor().mm - cursor).norm() < 1e-9,
                 qPrintable(slice->series().description));
    }
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

void VolumePhantomTest::theVKeyTurnsAnyPaneTo3dAndBack() {
    auto* grid = m_window->paneGrid();
    auto* state = m_window->viewState();
    // In the preset: V on the sCT pane, then the study taken again (as after a transform
    // change): the user's 3D pane stays.
    QCOMPARE(grid->layoutName(), QStringLiteral("2x2-3d"));
    QCOMPARE(state->paneAssignment(1).kind, cc::viewer::PaneKind::Slice);
    QTest::keyClick(grid->panes()[1], Qt::Key_V);
    state->flush();
    QCOMPARE(state->paneAssignment(1).kind, cc::viewer::PaneKind::Volume3d);
    grid->setStudy(m_window->study());
    state->flush();
    QCOMPARE(state->paneAssignment(1).kind, cc::viewer::PaneKind::Volume3d);
    QVERIFY(grid->setLayoutName(QStringLiteral("2x2")));
    state->flush();
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(state->paneAssignment(i).kind, cc::viewer::PaneKind::Slice);
    }
    // V in the second pane (the T1w in 2x2): that position renders its series in 3D.
    cc::viewer::SlicePane* slice = grid->panes()[1];
    const QString uid = state->paneAssignment(1).seriesInstanceUid;
    QTest::keyClick(slice, Qt::Key_V);
    state->flush();
    QCOMPARE(state->paneAssignment(1).kind, cc::viewer::PaneKind::Volume3d);
    VolumePane* rendered = grid->volumePanes()[1];
    QVERIFY(rendered->isVisible());
    QVERIFY(!slice->isVisible());
    QCOMPARE(rendered->series().seriesInstanceUid, uid);
    QCOMPARE(state->paneAssignment(0).kind, cc::viewer::PaneKind::Slice);
    // V in the 3D pane: slices again, the same series.
    QTest::keyClick(rendered, Qt::Key_V);
    state->flush();
    QCOMPARE(state->paneAssignment(1).kind, cc::viewer::PaneKind::Slice);
    QVERIFY(slice->isVisible());
    QVERIFY(!rendered->isVisible());
    QCOMPARE(slice->series().seriesInstanceUid, uid);
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    VolumePhantomTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "VolumePhantomTest.moc"
