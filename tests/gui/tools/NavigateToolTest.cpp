// The tool registry (every id makes its tool, an unknown id is refused), the Navigate
// tool and the pane's navigation on a real SlicePane (ToolPaneFixture:
// patient (x, y) mm on the axial slice z = 0 is pixel (255 + 5x, 255 + 5y), 0.2 mm a
// pixel): a click on an ROI selects it, a drag moves it by the mm dragged, a handle drag
// reshapes it (also under a drawing tool), each one undo step; a click elsewhere clears
// the selection and moves the cursor; a left drag windows, a right drag zooms, a middle
// drag pans, under every tool; a pane that is not synchronized draws no ROIs.
#include <QTest>
#include <cmath>
#include <set>
#include <string>

#include "core/roi/RoiEditing.h"
#include "tests/gui/tools/ToolPaneFixture.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/tools/ToolRegistry.h"

using crosscheck::testing::ToolPaneFixture;
using Tool = crosscheck::viewer::AnnotationLayer::Tool;
namespace cc = crosscheck;

namespace {

constexpr double kTol = 1e-6;

bool near(const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
    return (a - b).norm() <= kTol;
}

}  // namespace

class NavigateToolTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_fixture.ready()); }
    void init();
    void everyRegisteredIdMakesItsToolAndAnUnknownIdIsRefused();
    void aDragOnAnRoiMovesItAsOneUndoStep();
    void aHandleDragReshapesTheSelectedRoiUnderAnyRoiTool();
    void aClickElsewhereClearsTheSelectionAndMovesTheCursor();
    void leftDragWindowsRightDragZoomsMiddleDragPans();
    void aPaneThatIsNotSynchronizedNavigatesInsteadOfDrawing();

private:
    std::string addRectangle() {
        const std::string id = m_fixture.layer().addRoi(
            cc::Roi::rectangle(ToolPaneFixture::kFrame, {0, 0, 0}, {1, 0, 0}, {0, -1, 0}, {8, 6}));
        m_fixture.layer().select({});
        return id;
    }

    ToolPaneFixture m_fixture;
};

void NavigateToolTest::init() {
    m_fixture.layer().reset(ToolPaneFixture::kFrame);
    m_fixture.layer().setTool(Tool::Navigate);
    m_fixture.state().setCursor(cc::PatientPoint{Eigen::Vector3d::Zero()});
    m_fixture.state().setZoomPan(cc::ViewOrientation::Axial, cc::viewer::ZoomPan{});
    m_fixture.state().flush();
}

void NavigateToolTest::everyRegisteredIdMakesItsToolAndAnUnknownIdIsRefused() {
    using cc::viewer::ToolRegistry;
    std::set<std::string> ids;
    std::set<QString> keys;
    for (const cc::viewer::ToolInfo& tool : ToolRegistry::tools()) {
        QVERIFY2(ids.insert(tool.id).second, tool.id.c_str());
        QVERIFY(!tool.name.isEmpty() && !tool.toolTip.isEmpty());
        QVERIFY(ToolRegistry::find(tool.id) == &tool);
        const auto made = ToolRegistry::create(tool.id);
        QVERIFY2(made != nullptr, tool.id.c_str());
        QVERIFY2(made->id() == tool.id, tool.id.c_str());
        // The window offers each with its own key.
        if (tool.offered) {
            QVERIFY2(!tool.key.isEmpty(), tool.id.c_str());
            QVERIFY2(keys.insert(tool.key.toString()).second, tool.id.c_str());
        }
    }
    // Every built-in tool is registered.
    for (const char* id : {Tool::Navigate, Tool::Ellipse, Tool::Rectangle, Tool::Polygon,
                           Tool::Freehand, Tool::Brush, Tool::Eraser, Tool::Ruler,
                           Tool::Bidirectional, Tool::Point, Tool::Landmark}) {
        QVERIFY2(ids.count(id) == 1, id);
    }
    QCOMPARE(ids.size(), std::size_t{11});

    // An id no tool has makes nothing, and the layer refuses it, keeping its tool.
    QVERIFY(ToolRegistry::find("no-such-tool") == nullptr);
    QVERIFY(ToolRegistry::create("no-such-tool") == nullptr);
    QVERIFY(m_fixture.layer().setTool(Tool::Ellipse));
    QCOMPARE(m_fixture.pane()->cursor().shape(), Qt::CrossCursor);
    QTest::ignoreMessage(QtWarningMsg, "No tool has the id \"no-such-tool\"");
    QVERIFY(!m_fixture.layer().setTool("no-such-tool"));
    QVERIFY(m_fixture.layer().tool() == Tool::Ellipse);
    QCOMPARE(m_fixture.pane()->cursor().shape(), Qt::CrossCursor);
    QVERIFY(m_fixture.layer().setTool(Tool::Navigate));
    QCOMPARE(m_fixture.pane()->cursor().shape(), Qt::ArrowCursor);
}

void NavigateToolTest::aDragOnAnRoiMovesItAsOneUndoStep() {
    const std::string id = addRectangle();
    const int before = m_fixture.undoSteps();
    // Inside the rectangle (it is hit by its area), dragged by (3, 2) mm in three moves.
    m_fixture.drag({{1, 1}, {2, 1.6}, {3, 2.4}, {4, 3}});
    QCOMPARE(m_fixture.layer().selectedId(), id);
    const cc::Roi& moved = m_fixture.annotations().back().roi;
    QVERIFY(near(moved.centerMm, {3, 2, 0}));
    QVERIFY(std::abs(moved.sizeMm[0] - 8.0) <= kTol && std::abs(moved.sizeMm[1] - 6.0) <= kTol);
    QCOMPARE(m_fixture.undoSteps(), before + 1);
    QVERIFY(m_fixture.layer().history().undo());
    QVERIFY(near(m_fixture.annotations().back().roi.centerMm, {0, 0, 0}));
    // Nothing moved the cursor: the press was the tool's.
    QVERIFY(near(m_fixture.state().cursor().mm, {0, 0, 0}));
}

void NavigateToolTest::aHandleDragReshapesTheSelectedRoiUnderAnyRoiTool() {
    const std::string id = m_fixture.layer().addRoi(
        cc::Roi::ellipse(ToolPaneFixture::kFrame, {0, 0, 0}, {1, 0, 0}, {0, -1, 0}, {4, 3}));
    const cc::Roi original = m_fixture.annotations().back().roi;
    // The +u end of the ellipse, at (4, 0), dragged to (7, 0) with the Ellipse tool on:
    // a reshape, not a new ellipse.
    m_fixture.layer().setTool(Tool::Ellipse);
    m_fixture.drag({{4, 0}, {5, 0}, {7, 0}});
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
    const cc::Roi& reshaped = m_fixture.annotations().back().roi;
    const cc::Roi expected = cc::withHandleMoved(original, 0, {7, 0, 0});
    QVERIFY(near(reshaped.centerMm, expected.centerMm));
    QVERIFY((reshaped.radiiMm - expected.radiiMm).norm() <= kTol);
    QVERIFY(std::abs(reshaped.radiiMm[1] - 3.0) <= kTol);
    QVERIFY(reshaped.radiiMm[0] > 4.0 + 1.0);
    QCOMPARE(m_fixture.undoSteps(), 2);  // the add and the one reshape
    QVERIFY(m_fixture.layer().history().undo());
    QVERIFY(m_fixture.annotations().back().roi == original);
    QCOMPARE(m_fixture.annotations().back().id, id);
}

void NavigateToolTest::aClickElsewhereClearsTheSelectionAndMovesTheCursor() {
    const std::string id = addRectangle();
    m_fixture.click(1, 1);
    QCOMPARE(m_fixture.layer().selectedId(), id);
    m_fixture.click(-15, 12);
    QVERIFY(m_fixture.layer().selectedId().empty());
    m_fixture.state().flush();
    QVERIFY(near(m_fixture.state().cursor().mm, {-15, 12, 0}));
}

void NavigateToolTest::leftDragWindowsRightDragZoomsMiddleDragPans() {
    // The same under a drawing tool: buttons other than the left are navigation's.
    m_fixture.layer().setTool(Tool::Rectangle);
    m_fixture.state().flush();
    cc::viewer::SlicePane* pane = m_fixture.pane();
    // Right drag 40 pixels up (y - 8 mm): zoom x exp(0.4), about the press point.
    m_fixture.drag({{0, 0}, {0, -8}}, Qt::RightButton);
    m_fixture.state().flush();
    const auto zoomed = m_fixture.state().zoomPan(cc::ViewOrientation::Axial);
    QVERIFY(std::abs(zoomed.zoom - std::exp(0.4)) <= 1e-9);
    QVERIFY(std::abs(zoomed.panRightMm) <= 1e-9 && std::abs(zoomed.panUpMm) <= 1e-9);
    // Middle drag by (10, 5) pixels: the image follows the mouse.
    m_fixture.state().setZoomPan(cc::ViewOrientation::Axial, cc::viewer::ZoomPan{});
    m_fixture.state().flush();
    m_fixture.drag({{0, 0}, {2, 1}}, Qt::MiddleButton);
    m_fixture.state().flush();
    const auto panned = m_fixture.state().zoomPan(cc::ViewOrientation::Axial);
    QVERIFY(std::abs(panned.panRightMm + 2.0) <= 1e-9 && std::abs(panned.panUpMm - 1.0) <= 1e-9);

    // Left drag, Navigate tool, on no ROI: 20 pixels right widens the window by 20/256 of
    // itself, 10 pixels down lowers the level by 10/256 of the width.
    m_fixture.layer().setTool(Tool::Navigate);
    const cc::WindowLevel before = pane->currentWindow();
    m_fixture.drag({{-10, -10}, {-6, -8}});
    m_fixture.state().flush();
    const cc::WindowLevel after = pane->currentWindow();
    const double unit = before.width / 256.0;
    QVERIFY(std::abs(after.width - (before.width + 20 * unit)) <= 1e-9);
    QVERIFY(std::abs(after.level - (before.level - 10 * unit)) <= 1e-9);
    QVERIFY(m_fixture.annotations().empty());
}

void NavigateToolTest::aPaneThatIsNotSynchronizedNavigatesInsteadOfDrawing() {
    cc::viewer::SlicePane* pane = m_fixture.pane();
    pane->setSeries(ToolPaneFixture::series("other", std::nullopt));
    m_fixture.layer().setTool(Tool::Ellipse);
    m_fixture.click(5, 5);  // the series' own centre is (0, 0, 0), its own field 81 x 81 mm
    QVERIFY(m_fixture.annotations().empty());
    QVERIFY(std::abs(pane->paneCursor().mm.z()) <= kTol);
    QVERIFY(pane->paneCursor().mm.x() > 1.0 && pane->paneCursor().mm.y() > 1.0);
    QVERIFY(m_fixture.state().cursor().mm.isZero());  // its own cursor, not the shared one
    pane->setSeries(ToolPaneFixture::series(ToolPaneFixture::kFrame, Eigen::Matrix4d::Identity()));
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    NavigateToolTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "NavigateToolTest.moc"
