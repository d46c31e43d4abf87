// The brush and the eraser on a real SlicePane (ToolPaneFixture: 1 x 1 x 2 mm voxels
// centred on whole mm, the axial slice z = 0). A stroke labels the voxels whose centres
// lie within the brush radius of its path, on the pane's slice only; the eraser clears
// them; each stroke is one undo step. The counts are lattice points, counted by hand.
#include <QTest>

#include "tests/gui/tools/ToolPaneFixture.h"
#include "viewer/render/SurfaceFormat.h"

using crosscheck::testing::ToolPaneFixture;
using Tool = crosscheck::viewer::AnnotationLayer::Tool;
namespace cc = crosscheck;

class BrushToolsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_fixture.ready()); }
    void init();
    void aClickPaintsOneDiscOnTheSlice();
    void aStrokeIsOneUndoStepAndCoversItsPath();
    void theEraserClearsTheSelectedMaskAsOneStep();
    void theEraserOnNothingDoesNothing();
    void bracketsResizeTheBrush();
    void anEditedImportedStructureKeepsWhereItCameFrom();

private:
    const cc::BrushMask& lastMask() const { return *m_fixture.annotations().back().roi.mask; }

    ToolPaneFixture m_fixture;
};

void BrushToolsTest::init() {
    m_fixture.layer().reset(ToolPaneFixture::kFrame);
    m_fixture.layer().setTool(Tool::Navigate);
    // 2.5 mm: no voxel centre lies on the rim (x^2 + y^2 is never 6.25 on whole mm).
    m_fixture.layer().setBrushRadiusMm(2.5);
}

void BrushToolsTest::aClickPaintsOneDiscOnTheSlice() {
    m_fixture.layer().setTool(Tool::Brush);
    m_fixture.click(0, 0);
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
    const cc::Roi& roi = m_fixture.annotations().back().roi;
    QCOMPARE(roi.shape, cc::RoiShape::Brush);
    QCOMPARE(roi.frameOfReferenceUid, ToolPaneFixture::kFrame);
    // x^2 + y^2 <= 6.25 on whole mm: 1 + 4 (1) + 4 (2) + 4 (4) + 8 (5) = 21 voxels.
    QCOMPARE(lastMask().labelledCount(), std::size_t{21});
    QVERIFY(lastMask().labelAt({2, 1, 0}) != 0);
    QVERIFY(lastMask().labelAt({2, 2, 0}) == 0);
    // One slice only: the neighbours at z = +-2 mm stay empty.
    QVERIFY(lastMask().labelAt({0, 0, 2}) == 0 && lastMask().labelAt({0, 0, -2}) == 0);
    QCOMPARE(m_fixture.undoSteps(), 1);
}

void BrushToolsTest::aStrokeIsOneUndoStepAndCoversItsPath() {
    m_fixture.layer().setTool(Tool::Brush);
    m_fixture.drag({{-5, 0}, {-2, 0}, {1, 0}, {5, 0}});
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
    // Within 2.5 mm of the segment from x = -5 to 5: |y| <= 2 for |x| <= 5 (55), and
    // at each end 5 (x = 6: |y| <= 2) + 3 (x = 7: |y| <= 1).
    QCOMPARE(lastMask().labelledCount(), std::size_t{71});
    QVERIFY(lastMask().labelAt({7, 1, 0}) != 0);
    QVERIFY(lastMask().labelAt({7, 2, 0}) == 0);
    QCOMPARE(m_fixture.undoSteps(), 1);
    QVERIFY(m_fixture.layer().history().undo());
    QVERIFY(m_fixture.annotations().empty());
    QVERIFY(m_fixture.layer().history().redo());
    QCOMPARE(lastMask().labelledCount(), std::size_t{71});

    // The brush adds to the selected brush ROI, in the same undo history.
    m_fixture.layer().select(m_fixture.annotations().back().id);
    m_fixture.click(0, 10);
    QCOMPARE(m_fixture.annotations().size(), std::size_t{1});
    QCOMPARE(lastMask().labelledCount(), std::size_t{71 + 21});
    QCOMPARE(m_fixture.undoSteps(), 2);
}

void BrushToolsTest::theEraserClearsTheSelectedMaskAsOneStep() {
    m_fixture.layer().setTool(Tool::Brush);
    m_fixture.drag({{-5, 0}, {5, 0}});
    QCOMPARE(lastMask().labelledCount(), std::size_t{71});
    m_fixture.layer().setTool(Tool::Eraser);
    m_fixture.drag({{0, 0}, {0, 0.4}, {0, 0}});
    // The discs at (0, 0) and (0, 0.4) clear the 21 voxels of the first (the second adds
    // none: x^2 + (y - 0.4)^2 <= 6.25 holds only for those), all inside the stroke: 50 left.
    QCOMPARE(lastMask().labelledCount(), std::size_t{50});
    QVERIFY(lastMask().labelAt({0, 0, 0}) == 0);
    QCOMPARE(m_fixture.undoSteps(), 2);
    QVERIFY(m_fixture.layer().history().undo());
    QCOMPARE(lastMask().labelledCount(), std::size_t{71});
}

void BrushToolsTest::theEraserOnNothingDoesNothing() {
    m_fixture.layer().setTool(Tool::Eraser);
    const auto window = m_fixture.pane()->currentWindow();
    m_fixture.drag({{0, 0}, {10, 0}});
    QVERIFY(m_fixture.annotations().empty());
    // The press was still the eraser's: no windowing.
    QCOMPARE(m_fixture.pane()->currentWindow().width, window.width);
}

void BrushToolsTest::bracketsResizeTheBrush() {
    // Under every tool, not only the brush's (the outline shows the new size at once).
    for (const char* tool : {Tool::Brush, Tool::Navigate, Tool::Ellipse, Tool::Polygon}) {
        m_fixture.layer().setTool(tool);
        QTest::keyClick(m_fixture.pane(), Qt::Key_BracketRight);
        QCOMPARE(m_fixture.layer().brushRadiusMm(), 2.5 * 1.25);
        QTest::keyClick(m_fixture.pane(), Qt::Key_BracketLeft);
        QCOMPARE(m_fixture.layer().brushRadiusMm(), 2.5);
    }
}

void BrushToolsTest::anEditedImportedStructureKeepsWhereItCameFrom() {
    m_fixture.layer().setTool(Tool::Brush);
    m_fixture.drag({{-5, 0}, {5, 0}});
    // Make it an imported structure, as File > Import segmentation adds them.
    const std::string id = m_fixture.annotations().back().id;
    cc::Roi imported = m_fixture.annotations().back().roi;
    cc::RoiProvenance from;
    from.format = "labels";
    from.file = "/data/seg.nii.gz";
    from.number = 3;
    imported.importedFrom = from;
    QVERIFY(m_fixture.layer().modifyRoi(id, imported, m_fixture.layer().history().beginMerge()));
    m_fixture.layer().select(id);
    m_fixture.click(0, 10);  // the brush adds a disc of 21 voxels to it
    QCOMPARE(lastMask().labelledCount(), std::size_t{71 + 21});
    QVERIFY(m_fixture.annotations().back().roi.importedFrom == from);
    m_fixture.layer().setTool(Tool::Eraser);
    m_fixture.click(0, 0);  // and the eraser takes 21 away
    QCOMPARE(lastMask().labelledCount(), std::size_t{71});
    QVERIFY(m_fixture.annotations().back().roi.importedFrom == from);
    QCOMPARE(m_fixture.annotations().back().roi.frameOfReferenceUid, ToolPaneFixture::kFrame);
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    BrushToolsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "BrushToolsTest.moc"
