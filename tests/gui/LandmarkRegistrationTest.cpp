// Registration by landmarks picked on the panes: the phantom's MRI frame, not synchronized
// at first, is registered onto the CT by four landmark pairs (one placed with a mouse
// click, three at known points), and the fitted transform agrees with the ground truth's.
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/geometry/FrameTransform.h"
#include "core/model/Study.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/registration/LandmarkSet.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/state/ViewState.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::SlicePane;
namespace cc = crosscheck;

class LandmarkRegistrationTest : public QObject {
    Q_OBJECT
private slots:
    void fourPairsRegisterTheMriFrameOntoTheCt();
};

namespace {

SlicePane* paneWithRole(MainWindow& window, cc::SeriesRole role) {
    for (SlicePane* pane : window.paneGrid()->panes()) {
        if (pane->hasSeries() && pane->series().role == role) {
            return pane;
        }
    }
    return nullptr;
}

}  // namespace

void LandmarkRegistrationTest::fourPairsRegisterTheMriFrameOntoTheCt() {
    QTemporaryDir dir;
    const cc::PhantomGroundTruth truth = cc::testing::writeSmallPhantom(dir.path(), 11);
    MainWindow window;
    QVERIFY(cc::testing::openStudy(window, dir.path(), QSize(1400, 1000)));
    SlicePane* ct = paneWithRole(window, cc::SeriesRole::CT);
    SlicePane* t1 = paneWithRole(window, cc::SeriesRole::T1w);
    QVERIFY(ct && t1);
    QVERIFY(!t1->isSynchronized());
    ct->setOrientation(cc::ViewOrientation::Axial);

    const Eigen::Vector3d c = truth.tumor.centerCtMm;
    const std::vector<Eigen::Vector3d> onCt = {c, c + Eigen::Vector3d(25, 0, 0),
                                               c + Eigen::Vector3d(0, -25, 0),
                                               c + Eigen::Vector3d(0, 0, 30)};
    auto toMr = [&](const Eigen::Vector3d& p) { return cc::applyAffine(truth.ctToMr, p); };
    window.annotationLayer()->setTool(cc::viewer::AnnotationLayer::Tool::Landmark);
    // The first fixed landmark with the mouse, on the CT slice through it.
    window.viewState()->setCursor(cc::PatientPoint{onCt[0]});
    window.viewState()->flush();
    QTest::mouseClick(ct, Qt::LeftButton, {},
                      ct->referenceToWidget(cc::PatientPoint{onCt[0]}).toPoint());
    cc::viewer::LandmarkSet* landmarks = window.landmarkSet();
    QCOMPARE(landmarks->fixedPoints().size(), std::size_t{1});
    const double pixelMm =
        (ct->widgetToPane(QPointF(1, 0)).mm - ct->widgetToPane(QPointF(0, 0)).mm).norm();
    QVERIFY((landmarks->fixedPoints()[0].mm - onCt[0]).norm() <= pixelMm);
    // The T1w pane is in its own (MR) frame: its points are MR coordinates.
    QVERIFY(t1->placeLandmarkAt(cc::PatientPoint{toMr(onCt[0])}));
    QCOMPARE(landmarks->movingFrameUid(), truth.mrFrameUid);
    for (std::size_t i = 1; i < onCt.size(); ++i) {
        QVERIFY(ct->placeLandmarkAt(cc::PatientPoint{onCt[i]}));
        if (i < 2) {
            QVERIFY(!window.registerByLandmarks());  // fewer than three pairs
        }
        QVERIFY(t1->placeLandmarkAt(cc::PatientPoint{toMr(onCt[i])}));
    }
    QCOMPARE(landmarks->pairs().size(), std::size_t{4});
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        window.viewState()->setCursor(cc::PatientPoint{c});
        window.viewState()->flush();
        QVERIFY(cc::testing::waitForFrame(ct) && cc::testing::waitForFrame(t1));
        const QImage a = ct->grabFramebuffer();
        const QImage b = t1->grabFramebuffer();
        QImage both(a.width() + b.width(), std::max(a.height(), b.height()), QImage::Format_RGB32);
        QPainter painter(&both);
        painter.drawImage(0, 0, a);
        painter.drawImage(a.width(), 0, b);
        painter.end();
        both.save(docs + QStringLiteral("/registration-landmarks.png"));
    }
    QVERIFY(window.registerByLandmarks());
    QVERIFY(landmarks->pairs().empty());

    // The MR panes follow now, and the fit maps the tumour as the ground truth does.
    QVERIFY(t1->isSynchronized());
    QVERIFY(t1->series().syncBasis.contains(QStringLiteral("landmarks")));
    const auto mrToCt = window.study()->transforms.transform(truth.mrFrameUid, truth.ctFrameUid);
    QVERIFY(mrToCt);
    for (const Eigen::Vector3d& p : {c, Eigen::Vector3d(c + Eigen::Vector3d(40, 30, -20))}) {
        const Eigen::Vector3d back = cc::applyAffine(*mrToCt, toMr(p));
        QVERIFY2((back - p).norm() < 2.0 * pixelMm,
                 qPrintable(QStringLiteral("TRE %1 mm").arg((back - p).norm())));
    }
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    LandmarkRegistrationTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "LandmarkRegistrationTest.moc"
