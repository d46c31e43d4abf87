// A pane draws a series either as its own slices (when the pane's plane is parallel to
// them) or resampled through the plane (oblique, tilted or rotated by registration). Both
// must show the same anatomy at the same place: on the phantom CT, under transforms that
// keep the slices parallel (identity, a quarter turn) and one that does not (a rotation
// about a skew axis), in every orientation, the tumour is bright exactly where it projects.
#include <Eigen/Geometry>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/geometry/FrameTransform.h"
#include "core/volume/Volume.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/state/ViewState.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::SlicePane;
namespace cc = crosscheck;

class SlicePathsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void bothPathsShowTheTumourWhereItProjects();

private:
    QTemporaryDir m_dir;
    cc::PhantomGroundTruth m_truth;
};

namespace {

using crosscheck::testing::expectedGrey;
using crosscheck::testing::greyAt;
using crosscheck::testing::waitForFrame;

/// A rigid reference-to-series transform: `rotation` about `centre`, then `shift` (mm).
Eigen::Matrix4d rigidAbout(const Eigen::Matrix3d& rotation, const Eigen::Vector3d& centre,
                           const Eigen::Vector3d& shift) {
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m.topLeftCorner<3, 3>() = rotation;
    m.topRightCorner<3, 1>() = centre - rotation * centre + shift;
    return m;
}

}  // namespace

void SlicePathsTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_truth = cc::testing::writeSmallPhantom(m_dir.path(), 7);
}

void SlicePathsTest::bothPathsShowTheTumourWhereItProjects() {
    MainWindow window;
    QVERIFY(cc::testing::openStudy(window, m_dir.path(), QSize(1200, 900)));
    cc::testing::alignWithGroundTruth(window, m_truth);
    SlicePane* ct = nullptr;
    for (SlicePane* pane : window.paneGrid()->panes()) {
        if (pane->hasSeries() && pane->series().role == cc::SeriesRole::CT) {
            ct = pane;
        }
    }
    QVERIFY(ct);
    const cc::viewer::PaneSeries original = ct->series();
    const Eigen::Vector3d tumour = m_truth.tumor.centerCtMm;
    const Eigen::Vector3d centre = original.volume->geometry().center().mm;
    // A narrow window: the tumour (several hundred HU) far brighter than soft tissue.
    const cc::WindowLevel window600{600.0, 200.0};
    window.viewState()->setWindow(cc::viewer::WindowGroup::Hounsfield, window600);

    struct Case {
        const char* name;
        Eigen::Matrix4d referenceToSeries;
        bool native;
    };
    const Eigen::Vector3d skewAxis = Eigen::Vector3d(1.0, 1.0, 1.0).normalized();
    const std::vector<Case> cases = {
        {"identity", Eigen::Matrix4d::Identity(), true},
        {"quarter turn about z, shifted",
         rigidAbout(Eigen::AngleAxisd(M_PI / 2, Eigen::Vector3d::UnitZ()).toRotationMatrix(),
                    centre, Eigen::Vector3d(12.0, -7.0, 9.0)),
         true},
        {"15 degrees about a skew axis, shifted",
         rigidAbout(Eigen::AngleAxisd(15.0 * M_PI / 180.0, skewAxis).toRotationMatrix(), centre,
                    Eigen::Vector3d(12.0, -7.0, 9.0)),
         false},
    };
    for (const Case& c : cases) {
        cc::viewer::PaneSeries series = original;
        series.referenceToSeries = c.referenceToSeries;
        ct->setSeries(series);
        // The reference point the transform carries onto the tumour.
        const cc::PatientPoint cursor{cc::applyAffine(c.referenceToSeries.inverse(), tumour)};
        if (!c.referenceToSeries.isIdentity()) {
            // Guard: a pane that ignored the transform would show no tumour there.
            const double elsewhere = original.volume->sampleNearest(cursor).value_or(-1000.0);
            QVERIFY(expectedGrey(elsewhere, window600) < 150);
        }
        for (const auto orientation : {cc::ViewOrientation::Axial, cc::ViewOrientation::Coronal,
                                       cc::ViewOrientation::Sagittal}) {
            const QString where = QStringLiteral("%1, %2").arg(
                QLatin1String(c.name), QLatin1String(cc::toString(orientation)));
            ct->setOrientation(orientation);
            window.viewState()->setCursor(cursor);
            window.viewState()->flush();
            QVERIFY(waitForFrame(ct));
            QVERIFY2(ct->showsNativeSlice() == c.native, qPrintable(where));
            const double value = *ct->valueAtReference(cursor);
            QVERIFY2(value > 250.0, qPrintable(where));
            const int grey = greyAt(ct, ct->referenceToWidget(cursor));
            const int expected = expectedGrey(value, ct->currentWindow());
            QVERIFY(expected > 200);
            QVERIFY2(
                std::abs(grey - expected) <= 30,
                qPrintable(
                    QStringLiteral("%1: grey %2, expected %3").arg(where).arg(grey).arg(expected)));
        }
    }
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    SlicePathsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "SlicePathsTest.moc"
