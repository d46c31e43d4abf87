// The 3D pane on a synthetic CT: a bone ball off the centre of an air box. The ball is
// rendered where VTK's own projection puts its centre, each standard view turns the camera
// as named (and puts the ball, which lies to the patient's left and up, on the side the
// view name says), and a click on the ball moves the shared cursor onto its surface.
#include <vtkRenderer.h>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <memory>

#include "core/geometry/VolumeGeometry.h"
#include "core/volume/Volume.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/state/ViewState.h"
#include "viewer/volume/VolumePane.h"

namespace cc = crosscheck;
using cc::viewer::StandardView;
using cc::viewer::VolumePane;

class VolumePaneTest : public QObject {
    Q_OBJECT
private slots:
    void theBallIsRenderedWhereVtkProjectsIt();
    void standardViewsTurnTheCameraAsNamed();
    void aClickOnTheBallPutsTheCursorOnItsSurface();
};

namespace {

/// 2 mm voxels, 64^3, origin at -63 mm: the box spans -63..63 mm on every axis.
constexpr double kSpacing = 2.0;
constexpr int kSize = 64;
const Eigen::Vector3d kBallCentre(20.0, -10.0, 24.0);  // left, anterior, superior
constexpr double kBallRadius = 16.0;

std::shared_ptr<cc::Volume> ballVolume() {
    Eigen::Matrix4d indexToPatient = Eigen::Matrix4d::Identity();
    indexToPatient.topLeftCorner<3, 3>() *= kSpacing;
    indexToPatient.topRightCorner<3, 1>() = Eigen::Vector3d::Constant(-63.0);
    auto volume = std::make_shared<cc::Volume>(
        cc::VolumeGeometry(Eigen::Vector3i::Constant(kSize), indexToPatient), cc::VoxelType::Int16);
    auto* v = volume->voxels<std::int16_t>();
    std::size_t n = 0;
    for (int k = 0; k < kSize; ++k) {
        for (int j = 0; j < kSize; ++j) {
            for (int i = 0; i < kSize; ++i, ++n) {
                const Eigen::Vector3d p = (indexToPatient * Eigen::Vector4d(i, j, k, 1)).head<3>();
                v[n] = (p - kBallCentre).norm() <= kBallRadius ? 900 : -1000;
            }
        }
    }
    return volume;
}

struct Fixture {
    cc::viewer::ViewState state;
    VolumePane pane{&state};
    Fixture() {
        cc::viewer::PaneSeries series;
        series.volume = ballVolume();
        series.role = cc::SeriesRole::CT;
        series.referenceToSeries = Eigen::Matrix4d::Identity();
        pane.resize(500, 400);
        pane.show();
        pane.setSeries(series);
    }
    /// A full-quality frame of the pane as shown.
    QImage frame() {
        QSignalSpy painted(&pane, &cc::viewer::VtkRenderWidget::framePainted);
        pane.update();
        painted.wait(20000);
        return pane.grabFramebuffer();
    }
};

/// Where VTK's renderer puts a world point, in widget pixels (y down).
QPointF vtkProjection(VolumePane& pane, const Eigen::Vector3d& p) {
    vtkRenderer* renderer = pane.renderer();
    renderer->SetWorldPoint(p.x(), p.y(), p.z(), 1.0);
    renderer->WorldToDisplay();
    double display[3];
    renderer->GetDisplayPoint(display);
    const double ratio = pane.devicePixelRatioF();
    return {display[0] / ratio, pane.height() - display[1] / ratio};
}

bool isBone(const QColor& c) {
    return c.red() > 80 && c.red() >= c.blue();
}

}  // namespace

void VolumePaneTest::theBallIsRenderedWhereVtkProjectsIt() {
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.pane));
    const QImage image = f.frame();
    QVERIFY(f.pane.isFullQuality());
    const QPointF atBall = vtkProjection(f.pane, kBallCentre);
    const QPointF mine = f.pane.referenceToWidget(cc::PatientPoint{kBallCentre});
    QVERIFY2((atBall - mine).manhattanLength() < 2.0,
             qPrintable(QStringLiteral("VTK %1,%2 pane %3,%4")
                            .arg(atBall.x())
                            .arg(atBall.y())
                            .arg(mine.x())
                            .arg(mine.y())));
    const qreal ratio = image.devicePixelRatio();
    const QColor ball = image.pixelColor((atBall * ratio).toPoint());
    QVERIFY2(isBone(ball), qPrintable(ball.name()));
    // Far from the ball there is only air: black.
    const QPointF away = vtkProjection(f.pane, Eigen::Vector3d(-40.0, 0.0, -40.0));
    QCOMPARE(image.pixelColor((away * ratio).toPoint()), QColor(Qt::black));
}

void VolumePaneTest::standardViewsTurnTheCameraAsNamed() {
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.pane));
    struct Expected {
        StandardView view;
        Eigen::Vector3d towardsViewer;
        /// The ball's side on screen: +1 right / below, -1 left / above of the centre.
        int ballRight;
        int ballBelow;
    };
    // LPS: the ball is at +x (left), -y (anterior), +z (superior).
    const Expected expected[] = {
        {StandardView::Anterior, {0, -1, 0}, +1, -1},  // the patient's left on screen right
        {StandardView::Posterior, {0, 1, 0}, -1, -1},
        {StandardView::Left, {1, 0, 0}, -1, -1},       // anterior on screen left
        {StandardView::Right, {-1, 0, 0}, +1, -1},     // anterior on screen right
        {StandardView::Superior, {0, 0, 1}, -1, -1},   // anterior up: seen from above, left is left
        {StandardView::Inferior, {0, 0, -1}, +1, -1},  // as axial slices: left on screen right
    };
    for (const Expected& e : expected) {
        f.pane.showStandardView(e.view);
        const QImage image = f.frame();
        const auto name = cc::viewer::toString(e.view);
        QVERIFY2((f.pane.camera().towardsViewer - e.towardsViewer).norm() < 1e-9, name);
        const QPointF ball = vtkProjection(f.pane, kBallCentre);
        const QPointF centre(f.pane.width() / 2.0, f.pane.height() / 2.0);
        QVERIFY2((ball.x() - centre.x()) * e.ballRight > 5.0, name);
        QVERIFY2((ball.y() - centre.y()) * e.ballBelow > 5.0, name);
        QVERIFY2(isBone(image.pixelColor((ball * image.devicePixelRatio()).toPoint())), name);
    }
}

void VolumePaneTest::aClickOnTheBallPutsTheCursorOnItsSurface() {
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.pane));
    f.pane.showStandardView(StandardView::Anterior);
    f.frame();
    // A click a little off the ball's centre: the ray meets the front of the ball.
    const Eigen::Vector3d aim = kBallCentre + Eigen::Vector3d(5.0, 0.0, -4.0);
    const QPointF pixel = f.pane.referenceToWidget(cc::PatientPoint{aim});
    QTest::mouseClick(&f.pane, Qt::LeftButton, {}, pixel.toPoint());
    f.state.flush();
    const Eigen::Vector3d cursor = f.state.cursor().mm;
    // The front surface of the ball along the viewing ray (anterior is -y).
    const Eigen::Vector3d clicked =
        f.pane.rayAt(pixel.toPoint()).first;  // on the ray, in front of the ball
    const Eigen::Vector2d offset(clicked.x() - kBallCentre.x(), clicked.z() - kBallCentre.z());
    const double depth = std::sqrt(kBallRadius * kBallRadius - offset.squaredNorm());
    const Eigen::Vector3d surface(clicked.x(), kBallCentre.y() - depth, clicked.z());
    QVERIFY2((cursor - surface).norm() < 2.0,
             qPrintable(QStringLiteral("cursor %1 %2 %3, surface %4 %5 %6")
                            .arg(cursor.x())
                            .arg(cursor.y())
                            .arg(cursor.z())
                            .arg(surface.x())
                            .arg(surface.y())
                            .arg(surface.z())));
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    VolumePaneTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "VolumePaneTest.moc"
