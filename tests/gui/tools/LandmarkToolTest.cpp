// The Landmark tool on real SlicePanes (ToolPaneFixture): a click on the reference-frame
// pane places a fixed landmark at the point clicked; a click on a pane of another frame
// (MR, reference -> MR a known translation) places a moving landmark in the MR frame's
// own coordinates. A pane without a series leaves the click to navigation.
#include <QTest>

#include "tests/gui/tools/ToolPaneFixture.h"
#include "viewer/render/SurfaceFormat.h"

using crosscheck::testing::ToolPaneFixture;
using Tool = crosscheck::viewer::AnnotationLayer::Tool;
namespace cc = crosscheck;

class LandmarkToolTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_fixture.ready()); }
    void aClickPlacesAFixedThenAMovingLandmark();

private:
    ToolPaneFixture m_fixture;
};

void LandmarkToolTest::aClickPlacesAFixedThenAMovingLandmark() {
    Eigen::Matrix4d referenceToMr = Eigen::Matrix4d::Identity();
    referenceToMr.topRightCorner<3, 1>() << 10.0, -5.0, 3.0;
    cc::viewer::SlicePane mr(&m_fixture.state());
    mr.setAnnotationLayer(&m_fixture.layer());
    mr.setLandmarkSet(&m_fixture.landmarks());
    mr.setSeries(ToolPaneFixture::series("MR", referenceToMr));
    mr.resize(ToolPaneFixture::kSidePx, ToolPaneFixture::kSidePx);
    mr.show();
    QVERIFY(QTest::qWaitForWindowExposed(&mr));

    m_fixture.layer().setTool(Tool::Landmark);
    m_fixture.click(3, 4);
    QCOMPARE(m_fixture.landmarks().fixedPoints().size(), std::size_t{1});
    QVERIFY((m_fixture.landmarks().fixedPoints()[0].mm - Eigen::Vector3d(3, 4, 0)).norm() < 1e-6);
    // Same pixel on the MR pane: the same reference point, given in the MR frame.
    QTest::mouseClick(&mr, Qt::LeftButton, {}, ToolPaneFixture::at(3, 4));
    QCOMPARE(m_fixture.landmarks().movingFrameUid(), std::string("MR"));
    QCOMPARE(m_fixture.landmarks().movingPoints().size(), std::size_t{1});
    QVERIFY((m_fixture.landmarks().movingPoints()[0].mm - Eigen::Vector3d(13, -1, 3)).norm() <
            1e-6);
    // No ROI, no cursor move: the clicks were the tool's.
    QVERIFY(m_fixture.annotations().empty());
    QVERIFY(m_fixture.state().cursor().mm.isZero());

    // Without a series the tool declines and the click is navigation's (nothing to do).
    cc::viewer::SlicePane empty(&m_fixture.state());
    empty.setAnnotationLayer(&m_fixture.layer());
    empty.setLandmarkSet(&m_fixture.landmarks());
    empty.resize(100, 100);
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    QTest::mouseClick(&empty, Qt::LeftButton, {}, QPoint(50, 50));
    QCOMPARE(m_fixture.landmarks().fixedPoints().size(), std::size_t{1});
    QCOMPARE(m_fixture.landmarks().movingPoints().size(), std::size_t{1});
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    LandmarkToolTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "LandmarkToolTest.moc"
