// The ROI shape tools on a real SlicePane (ToolPaneFixture: patient (x, y) mm on the
// axial slice z = 0 is pixel (255 + 5x, 255 + 5y)): ellipse, rectangle, ruler,
// bidirectional, point, freehand and polygon each make the ROI dragged or clicked, in
// patient mm, as one undo step; slips under 1 mm make nothing; Escape drops a gesture.
#include <QMouseEvent>
#include <QTest>
#include <cmath>

#include "tests/gui/tools/ToolPaneFixture.h"
#include "viewer/render/SurfaceFormat.h"

using crosscheck::testing::ToolPaneFixture;
using Tool = crosscheck::viewer::AnnotationLayer::Tool;
namespace cc = crosscheck;

namespace {

constexpr double kTol = 1e-6;  // positions are whole pixels of exactly 0.2 mm

bool near(const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
    return (a - b).norm() <= kTol;
}

}  // namespace

class ShapeToolsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_fixture.ready()); }
    void init();
    void anEllipseFillsTheDraggedBox();
    void aRectangleIsTheDraggedBox();
    void aRulerJoinsPressAndRelease();
    void aBidirectionalGetsAPerpendicularShortAxisOfHalfItsLength();
    void aPointIsWhereTheButtonWentDown();
    void aFreehandTraceBecomesAPolygon();
    void aPolygonClosesOnItsFirstVertexOnEnterOrOnADoubleClick();
    void escapeDropsTheGestureInProgress();

private:
    const cc::Roi& lastRoi() const { return m_fixture.annotations().back().roi; }

    ToolPaneFixture m_fixture;
};

void ShapeToolsTest::init() {
    m_fixture.layer().reset(ToolPaneFixture::kFrame);
    m_fixture.layer().setTool(Tool::Navigate);
}

void ShapeToolsTest::anEllipseFillsTheDraggedBox() {
    m_fixture.layer().setTool(Tool::Ellipse);
    m_fixture.drag({{-4, 3}, {0, 1}, {4, -3}});
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
    const cc::Roi& roi = lastRoi();
    QCOMPARE(roi.shape, cc::RoiShape::Ellipse);
    QCOMPARE(roi.frameOfReferenceUid, ToolPaneFixture::kFrame);
    // The box's middle, its half sides along the screen's right (+x) and up (-y).
    QVERIFY(near(roi.centerMm, {0, 0, 0}));
    QVERIFY(near(roi.axisU, {1, 0, 0}));
    QVERIFY(near(roi.axisV, {0, -1, 0}));
    QVERIFY(std::abs(roi.radiiMm[0] - 4.0) <= kTol && std::abs(roi.radiiMm[1] - 3.0) <= kTol);
    QCOMPARE(m_fixture.undoSteps(), 1);
    QVERIFY(m_fixture.layer().history().undo());
    QVERIFY(m_fixture.annotations().empty());

    // Narrower than 1 mm: a slip of the mouse, no ROI.
    m_fixture.drag({{0, 0}, {6, 0.8}});
    QVERIFY(m_fixture.annotations().empty());
}

void ShapeToolsTest::aRectangleIsTheDraggedBox() {
    m_fixture.layer().setTool(Tool::Rectangle);
    m_fixture.drag({{2, 1}, {5, 4}, {10, 7}});
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
    const cc::Roi& roi = lastRoi();
    QCOMPARE(roi.shape, cc::RoiShape::Rectangle);
    QVERIFY(near(roi.centerMm, {6, 4, 0}));
    QVERIFY(std::abs(roi.sizeMm[0] - 8.0) <= kTol && std::abs(roi.sizeMm[1] - 6.0) <= kTol);
    QVERIFY(near(roi.axisU, {1, 0, 0}));
    QCOMPARE(m_fixture.undoSteps(), 1);
}

void ShapeToolsTest::aRulerJoinsPressAndRelease() {
    m_fixture.layer().setTool(Tool::Ruler);
    m_fixture.drag({{-3, -4}, {0, 0}, {3, 4}});
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
    const cc::Roi& roi = lastRoi();
    QCOMPARE(roi.shape, cc::RoiShape::Ruler);
    QCOMPARE(roi.pointsMm.size(), std::size_t{2});
    QVERIFY(near(roi.pointsMm[0], {-3, -4, 0}));
    QVERIFY(near(roi.pointsMm[1], {3, 4, 0}));
    QVERIFY(std::abs((roi.pointsMm[1] - roi.pointsMm[0]).norm() - 10.0) <= kTol);
    QCOMPARE(m_fixture.undoSteps(), 1);

    m_fixture.drag({{0, 0}, {0.6, 0.6}});  // 0.85 mm
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
}

void ShapeToolsTest::aBidirectionalGetsAPerpendicularShortAxisOfHalfItsLength() {
    m_fixture.layer().setTool(Tool::Bidirectional);
    m_fixture.drag({{-6, 0}, {6, 0}});
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
    const cc::Roi& roi = lastRoi();
    QCOMPARE(roi.shape, cc::RoiShape::Bidirectional);
    QCOMPARE(roi.pointsMm.size(), std::size_t{4});
    QVERIFY(near(roi.pointsMm[0], {-6, 0, 0}));
    QVERIFY(near(roi.pointsMm[1], {6, 0, 0}));
    // across = normal x long axis; axial normal = right x up = (1,0,0) x (0,-1,0) = (0,0,-1),
    // so across = (0,0,-1) x (1,0,0) = (0,-1,0): the short axis runs from +3 to -3 in y.
    QVERIFY(near(roi.pointsMm[2], {0, 3, 0}));
    QVERIFY(near(roi.pointsMm[3], {0, -3, 0}));
    QCOMPARE(m_fixture.undoSteps(), 1);
}

void ShapeToolsTest::aPointIsWhereTheButtonWentDown() {
    m_fixture.layer().setTool(Tool::Point);
    m_fixture.drag({{7, -2}, {7.4, -2}});
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
    QCOMPARE(lastRoi().shape, cc::RoiShape::Point);
    QVERIFY(near(lastRoi().centerMm, {7, -2, 0}));
    QCOMPARE(m_fixture.undoSteps(), 1);
}

void ShapeToolsTest::aFreehandTraceBecomesAPolygon() {
    m_fixture.layer().setTool(Tool::Freehand);
    // A 0.2 mm (one pixel) step is under the 2-pixel spacing and leaves no vertex.
    m_fixture.drag({{0, 0}, {0.2, 0}, {4, 0}, {4, 4}, {0, 4}});
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
    const cc::Roi& roi = lastRoi();
    QCOMPARE(roi.shape, cc::RoiShape::Polygon);
    QCOMPARE(roi.pointsMm.size(), std::size_t{4});
    const Eigen::Vector3d expected[] = {{0, 0, 0}, {4, 0, 0}, {4, 4, 0}, {0, 4, 0}};
    for (std::size_t n = 0; n < 4; ++n) {
        QVERIFY2(near(roi.pointsMm[n], expected[n]), qPrintable(QString::number(n)));
    }
    QCOMPARE(m_fixture.undoSteps(), 1);

    // Two vertices make no polygon.
    m_fixture.drag({{10, 10}, {14, 10}});
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
}

void ShapeToolsTest::aPolygonClosesOnItsFirstVertexOnEnterOrOnADoubleClick() {
    m_fixture.layer().setTool(Tool::Polygon);
    cc::viewer::SlicePane* pane = m_fixture.pane();
    // Closed by a click within 8 pixels (1.6 mm) of the first vertex.
    for (const auto& [x, y] : {std::pair{0.0, 0.0}, {6.0, 0.0}, {6.0, 6.0}}) {
        m_fixture.click(x, y);
    }
    QVERIFY(pane->isDrawingPolygon());
    QVERIFY(m_fixture.annotations().empty());
    m_fixture.click(1.0, 0.4);
    QVERIFY(!pane->isDrawingPolygon());
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
    QCOMPARE(lastRoi().shape, cc::RoiShape::Polygon);
    QCOMPARE(lastRoi().pointsMm.size(), std::size_t{3});
    QVERIFY(near(lastRoi().pointsMm[2], {6, 6, 0}));

    // Closed by Enter.
    for (const auto& [x, y] : {std::pair{10.0, 10.0}, {14.0, 10.0}, {14.0, 14.0}, {10.0, 14.0}}) {
        m_fixture.click(x, y);
    }
    QTest::keyClick(pane, Qt::Key_Return);
    QCOMPARE(m_fixture.annotations().size(), std::size_t{2});
    QCOMPARE(lastRoi().pointsMm.size(), std::size_t{4});
    QVERIFY(near(lastRoi().pointsMm[3], {10, 14, 0}));

    // Closed by a double click: its first click adds the vertex, the double click event
    // (sent alone, as the platform's sequence varies) closes the polygon.
    m_fixture.click(-10, -10);
    m_fixture.click(-4, -10);
    m_fixture.click(-4, -4);
    const QPointF last = ToolPaneFixture::at(-4, -4);
    QMouseEvent doubleClick(QEvent::MouseButtonDblClick, last, pane->mapToGlobal(last),
                            Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(pane, &doubleClick);
    QVERIFY(!pane->isDrawingPolygon());
    QCOMPARE(m_fixture.annotations().size(), std::size_t{3});
    QVERIFY(near(lastRoi().pointsMm[2], {-4, -4, 0}));
    QCOMPARE(m_fixture.undoSteps(), 3);  // one step per polygon
}

void ShapeToolsTest::escapeDropsTheGestureInProgress() {
    m_fixture.layer().setTool(Tool::Polygon);
    m_fixture.click(0, 0);
    m_fixture.click(5, 0);
    QVERIFY(m_fixture.pane()->isDrawingPolygon());
    QTest::keyClick(m_fixture.pane(), Qt::Key_Escape);
    QVERIFY(!m_fixture.pane()->isDrawingPolygon());
    // Choosing another tool drops a polygon half clicked in, too.
    m_fixture.click(0, 0);
    m_fixture.layer().setTool(Tool::Ellipse);
    QVERIFY(!m_fixture.pane()->isDrawingPolygon());

    m_fixture.press(0, 0);
    m_fixture.moveTo(5, 5);
    QTest::keyClick(m_fixture.pane(), Qt::Key_Escape);
    m_fixture.release(5, 5);
    QVERIFY(m_fixture.annotations().empty());
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    ShapeToolsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "ShapeToolsTest.moc"
