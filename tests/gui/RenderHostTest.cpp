// The render host: VTK draws each pane off screen, the frame is read back and painted into
// an ordinary raster window. Checks that what reaches the screen is that frame, upright and
// at the right scale: on the phantom CT, in every orientation, the grey at the pixels of a
// grid over the pane is the grey the window gives the CT value at the point under them;
// the same image mirrored does not match (so a frame read back upside down would fail);
// the window on the X screen holds exactly the pane's frame; and a resized pane renders at
// its new size.
#include <QGuiApplication>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <set>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/state/ViewState.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::SlicePane;
namespace cc = crosscheck;

class RenderHostTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyPixelShowsTheValueUnderIt();
    void theScreenShowsThePanesFrame();
    void aResizedPaneRendersAtItsNewSize();

private:
    SlicePane* openCtPane(MainWindow& window);
    /// The cursor on the tumour, and the pane's frame of it painted.
    bool showTumour(MainWindow& window, SlicePane* pane);

    QTemporaryDir m_dir;
    cc::PhantomGroundTruth m_truth;
};

namespace {

using crosscheck::testing::expectedGrey;
using crosscheck::testing::waitForFrame;

/// The share of a 24 x 24 grid over the pane's inner part where `image` has the grey the
/// pane's window gives the value under that pixel (within 24 grey levels: the display
/// interpolates between voxels, the value is the nearest voxel's). Points off the series,
/// points on the crosshair and points whose value the window saturates (air, bone: they
/// would match a wrong picture as easily) are left out.
double shareMatching(const SlicePane& pane, const QImage& image) {
    const QPointF cross = pane.referenceToWidget(pane.paneCursor());
    const qreal ratio = image.devicePixelRatio();
    int compared = 0;
    int matching = 0;
    for (int gy = 0; gy < 24; ++gy) {
        for (int gx = 0; gx < 24; ++gx) {
            const QPointF pixel(pane.width() * (0.1 + 0.8 * gx / 23.0),
                                pane.height() * (0.1 + 0.8 * gy / 23.0));
            if (std::abs(pixel.x() - cross.x()) < 4 || std::abs(pixel.y() - cross.y()) < 4) {
                continue;
            }
            const auto value = pane.valueAtReference(pane.widgetToPane(pixel));
            const int expected = value ? expectedGrey(*value, pane.currentWindow()) : 0;
            if (expected == 0 || expected == 255) {
                continue;
            }
            ++compared;
            const int grey =
                qGray(image.pixel(qRound(pixel.x() * ratio), qRound(pixel.y() * ratio)));
            if (std::abs(grey - expected) <= 24) {
                ++matching;
            }
        }
    }
    return compared < 50 ? 0.0 : static_cast<double>(matching) / compared;
}

}  // namespace

void RenderHostTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_truth = cc::testing::writeSmallPhantom(m_dir.path(), 11);
}

SlicePane* RenderHostTest::openCtPane(MainWindow& window) {
    if (!cc::testing::openStudy(window, m_dir.path(), QSize(1200, 900))) {
        return nullptr;
    }
    cc::testing::alignWithGroundTruth(window, m_truth);
    for (SlicePane* pane : window.paneGrid()->panes()) {
        if (pane->hasSeries() && pane->series().role == cc::SeriesRole::CT) {
            return pane;
        }
    }
    return nullptr;
}

bool RenderHostTest::showTumour(MainWindow& window, SlicePane* pane) {
    window.viewState()->setCursor(cc::PatientPoint{m_truth.tumor.centerCtMm});
    window.viewState()->flush();
    return waitForFrame(pane);
}

void RenderHostTest::everyPixelShowsTheValueUnderIt() {
    MainWindow window;
    SlicePane* ct = openCtPane(window);
    QVERIFY(ct);
    // Soft-tissue window: fat, muscle, fluid and bone all get different greys.
    window.viewState()->setWindow(cc::viewer::WindowGroup::Hounsfield, cc::WindowLevel{400, 40});
    // Off-centre, so that mirroring the pane moves anatomy instead of keeping it in place.
    const cc::PatientPoint cursor{m_truth.tumor.centerCtMm + Eigen::Vector3d(8.0, 10.0, 12.0)};
    window.viewState()->setCursor(cursor);
    for (const auto orientation : {cc::ViewOrientation::Axial, cc::ViewOrientation::Coronal,
                                   cc::ViewOrientation::Sagittal}) {
        ct->setOrientation(orientation);
        window.viewState()->flush();
        QVERIFY(waitForFrame(ct));
        const QImage image = ct->grabFramebuffer();
        const double upright = shareMatching(*ct, image);
        const double flipped = shareMatching(*ct, image.mirrored(false, true));
        const QString what = QStringLiteral("%1: %2 of the grid matches, %3 when mirrored")
                                 .arg(QLatin1String(cc::toString(orientation)))
                                 .arg(upright)
                                 .arg(flipped);
        qInfo("%s", qPrintable(what));
        QVERIFY2(upright >= 0.9, qPrintable(what));
        QVERIFY2(flipped < upright - 0.2, qPrintable(what));
    }
}

void RenderHostTest::theScreenShowsThePanesFrame() {
    MainWindow window;
    SlicePane* ct = openCtPane(window);
    QVERIFY(ct);
    QVERIFY(showTumour(window, ct));
    // The frame went to the X server with the paint that emitted the signal; X handles one
    // client's requests in order, so the grab below sees it.
    const QPoint topLeft = ct->mapTo(&window, QPoint(0, 0));
    const QImage screen =
        window.screen()
            ->grabWindow(window.winId(), topLeft.x(), topLeft.y(), ct->width(), ct->height())
            .toImage()
            .convertToFormat(QImage::Format_RGB32);
    const QImage frame = ct->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
    QCOMPARE(screen.size(), frame.size());
    qint64 differing = 0;
    for (int y = 0; y < frame.height(); ++y) {
        for (int x = 0; x < frame.width(); ++x) {
            differing += (screen.pixel(x, y) & 0xffffff) != (frame.pixel(x, y) & 0xffffff);
        }
    }
    QVERIFY2(differing == 0, qPrintable(QStringLiteral("%1 pixels differ").arg(differing)));
    // And it is an image, not a blank pane.
    std::set<int> greys;
    for (int y = 0; y < frame.height(); y += 7) {
        for (int x = 0; x < frame.width(); x += 7) {
            greys.insert(qGray(frame.pixel(x, y)));
        }
    }
    QVERIFY(greys.size() > 50);
}

void RenderHostTest::aResizedPaneRendersAtItsNewSize() {
    MainWindow window;
    SlicePane* ct = openCtPane(window);
    QVERIFY(ct);
    QVERIFY(showTumour(window, ct));
    const QSize before = ct->size();
    window.resize(900, 700);
    QTRY_VERIFY(ct->size() != before);
    QVERIFY(waitForFrame(ct));
    const QImage image = ct->grabFramebuffer();
    QCOMPARE(image.size(), ct->size() * image.devicePixelRatio());
    QVERIFY(shareMatching(*ct, image) >= 0.9);
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    RenderHostTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "RenderHostTest.moc"
