// The ROI tools driven by QTest mouse and key events on the phantom's axial CT pane:
// rectangle, polygon, freehand, bidirectional, point, brush and eraser draw what was
// dragged (in mm); moving and resizing by handles are one undo step each; a planar ROI
// copies to the next slice.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <cmath>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/model/Study.h"
#include "core/roi/RoiEditing.h"
#include "core/roi/StudyMeasurement.h"
#include "core/volume/Volume.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/state/ViewState.h"

using crosscheck::app::MainWindow;
using crosscheck::viewer::AnnotationLayer;
using crosscheck::viewer::SlicePane;
using Tool = AnnotationLayer::Tool;
namespace cc = crosscheck;

class RoiEditingToolsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void aRectangleFillsTheDraggedBox();
    void aPolygonClosesOnEnterAndAFreehandTraceOnRelease();
    void aBidirectionalHasAPerpendicularShortAxis();
    void aPointIsWhereTheClickWas();
    void aBrushStrokePaintsOneSliceAndTheEraserClearsIt();
    void movingAndResizingAreOneUndoStepEach();
    void anRoiCopiesToTheNextSlice();
    void everyKindIsDrawnInThePane();
    void anRoiSavedInTheMrFrameIsDrawnThroughTheTransform();
    void ctrlWheelZoomsAboutTheMouse();
    void aBrushOnAnMrPaneLivesOnTheMrGridInTheReferenceFrame();

private:
    QPoint at(const Eigen::Vector3d& offsetMm) const {
        return m_ct->referenceToWidget(cc::PatientPoint{m_centre + offsetMm}).toPoint();
    }
    void drag(const std::vector<Eigen::Vector3d>& offsetsMm) {
        QTest::mousePress(m_ct, Qt::LeftButton, {}, at(offsetsMm.front()));
        for (std::size_t n = 1; n < offsetsMm.size(); ++n) {
            QTest::mouseMove(m_ct, at(offsetsMm[n]));
        }
        QTest::mouseRelease(m_ct, Qt::LeftButton, {}, at(offsetsMm.back()));
    }
    const cc::Annotation& last() const {
        return m_window->annotationLayer()->history().annotations().back();
    }
    AnnotationLayer* layer() const { return m_window->annotationLayer(); }
    /// The size of one screen pixel, mm: the tolerance of anything placed by the mouse.
    double pixelMm() const {
        return (m_ct->widgetToPane(QPointF(1, 0)).mm - m_ct->widgetToPane(QPointF(0, 0)).mm).norm();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    SlicePane* m_ct = nullptr;
    Eigen::Vector3d m_centre = Eigen::Vector3d::Zero();
    cc::PhantomGroundTruth m_truth;
};

void RoiEditingToolsTest::initTestCase() {
    m_truth = cc::testing::writeSmallPhantom(m_dir.path(), 9);
    const cc::PhantomGroundTruth& truth = m_truth;
    m_window = std::make_unique<MainWindow>();
    QVERIFY(cc::testing::openStudy(*m_window, m_dir.path(), QSize(1400, 1000)));
    cc::testing::alignWithGroundTruth(*m_window, truth);
    m_centre = truth.tumor.centerCtMm;
    m_ct = m_window->paneGrid()->panes().front();
    QCOMPARE(m_ct->series().role, cc::SeriesRole::CT);
    m_ct->setOrientation(cc::ViewOrientation::Axial);
    cc::viewer::ZoomPan zoom;
    zoom.zoom = 3.0;
    m_window->viewState()->setZoomPan(cc::ViewOrientation::Axial, zoom);
    m_window->viewState()->setCursor(cc::PatientPoint{m_centre});
    m_window->viewState()->flush();
    QVERIFY2(pixelMm() < 0.3, qPrintable(QString::number(pixelMm())));
    QVERIFY(m_ct->rect().contains(at({-12, -12, 0})) && m_ct->rect().contains(at({12, 12, 0})));
}

void RoiEditingToolsTest::init() {
    // Each test starts on the tumour's slice with no annotations.
    layer()->reset(layer()->referenceFrameUid());
    layer()->setTool(Tool::Navigate);
    m_window->viewState()->setCursor(cc::PatientPoint{m_centre});
    m_window->viewState()->flush();
}

void RoiEditingToolsTest::aRectangleFillsTheDraggedBox() {
    layer()->setTool(Tool::Rectangle);
    drag({{-4, 3, 0}, {0, 0, 0}, {4, -3, 0}});
    QCOMPARE(layer()->history().annotations().size(), std::size_t{1});
    const cc::Roi& roi = last().roi;
    QCOMPARE(roi.shape, cc::RoiShape::Rectangle);
    QVERIFY(std::abs(roi.sizeMm[0] - 8.0) <= 2 * pixelMm());
    QVERIFY(std::abs(roi.sizeMm[1] - 6.0) <= 2 * pixelMm());
    QVERIFY((roi.centerMm - m_centre).norm() <= 2 * pixelMm());
}

void RoiEditingToolsTest::aPolygonClosesOnEnterAndAFreehandTraceOnRelease() {
    layer()->setTool(Tool::Polygon);
    for (const Eigen::Vector3d& corner : {Eigen::Vector3d(-5, -5, 0), Eigen::Vector3d(5, -5, 0),
                                          Eigen::Vector3d(5, 5, 0), Eigen::Vector3d(-5, 5, 0)}) {
        QTest::mouseClick(m_ct, Qt::LeftButton, {}, at(corner));
    }
    QVERIFY(m_ct->isDrawingPolygon());
    QVERIFY(layer()->history().annotations().empty());
    QTest::keyClick(m_ct, Qt::Key_Return);
    QCOMPARE(layer()->history().annotations().size(), std::size_t{1});
    QCOMPARE(last().roi.shape, cc::RoiShape::Polygon);
    QCOMPARE(last().roi.pointsMm.size(), std::size_t{4});
    QVERIFY((last().roi.pointsMm[2] - (m_centre + Eigen::Vector3d(5, 5, 0))).norm() <=
            2 * pixelMm());

    // A freehand circle of 6 mm radius traced in 36 steps.
    layer()->setTool(Tool::Freehand);
    std::vector<Eigen::Vector3d> trace;
    for (int n = 0; n <= 36; ++n) {
        const double a = 2.0 * M_PI * n / 36.0;
        trace.emplace_back(6.0 * std::cos(a), 6.0 * std::sin(a), 0.0);
    }
    drag(trace);
    QCOMPARE(layer()->history().annotations().size(), std::size_t{2});
    QCOMPARE(last().roi.shape, cc::RoiShape::Polygon);
    QVERIFY(last().roi.pointsMm.size() >= 30);
    for (const Eigen::Vector3d& p : last().roi.pointsMm) {
        QVERIFY(std::abs((p - m_centre).norm() - 6.0) <= 2 * pixelMm());
    }
}

void RoiEditingToolsTest::aBidirectionalHasAPerpendicularShortAxis() {
    layer()->setTool(Tool::Bidirectional);
    drag({{-6, 0, 0}, {0, 0, 0}, {6, 0, 0}});
    const cc::Roi& roi = last().roi;
    QCOMPARE(roi.shape, cc::RoiShape::Bidirectional);
    const Eigen::Vector3d longAxis = roi.pointsMm[1] - roi.pointsMm[0];
    const Eigen::Vector3d shortAxis = roi.pointsMm[3] - roi.pointsMm[2];
    QVERIFY(std::abs(longAxis.norm() - 12.0) <= 2 * pixelMm());
    QVERIFY(std::abs(shortAxis.norm() - 6.0) <= 2 * pixelMm());
    QVERIFY(std::abs(longAxis.normalized().dot(shortAxis.normalized())) < 1e-9);
}

void RoiEditingToolsTest::aPointIsWhereTheClickWas() {
    layer()->setTool(Tool::Point);
    QTest::mouseClick(m_ct, Qt::LeftButton, {}, at({2, -1, 0}));
    QCOMPARE(last().roi.shape, cc::RoiShape::Point);
    QVERIFY((last().roi.centerMm - (m_centre + Eigen::Vector3d(2, -1, 0))).norm() <= 2 * pixelMm());
}

void RoiEditingToolsTest::aBrushStrokePaintsOneSliceAndTheEraserClearsIt() {
    layer()->setTool(Tool::Brush);
    layer()->setBrushRadiusMm(3.0);
    drag({{-5, 0, 0}, {0, 0, 0}, {5, 0, 0}});
    QCOMPARE(layer()->history().annotations().size(), std::size_t{1});
    const cc::Roi painted = last().roi;
    QCOMPARE(painted.shape, cc::RoiShape::Brush);
    // The CT voxels of the tumour's slice whose centres lie within 3 mm of the stroke (the
    // segment between where the mouse went down and came up), counted here independently.
    // The brush stamps discs every 1.5 mm along the stroke, which may miss a voxel centre
    // lying between 2.9 and 3 mm from the segment.
    const cc::Volume& ct = *m_ct->series().volume;
    const Eigen::Vector3d a = m_ct->widgetToPane(at({-5, 0, 0})).mm;
    const Eigen::Vector3d b = m_ct->widgetToPane(at({5, 0, 0})).mm;
    const int slice =
        static_cast<int>(std::lround(ct.geometry().toIndex(cc::PatientPoint{m_centre}).ijk.z()));
    int within = 0, painted3 = 0;
    const Eigen::Vector3i dims = ct.geometry().dims();
    for (int j = 0; j < dims[1]; ++j) {
        for (int i = 0; i < dims[0]; ++i) {
            const Eigen::Vector3d p =
                ct.geometry().toPatient(cc::VoxelIndex{Eigen::Vector3d(i, j, slice)}).mm;
            const double t = std::clamp((p - a).dot(b - a) / (b - a).squaredNorm(), 0.0, 1.0);
            const Eigen::Vector3d q(p.x(), p.y(), a.z());
            within += (q - (a + t * (b - a))).norm() <= 3.0;
            painted3 += painted.mask->labelAt(p) != 0;
        }
    }
    QVERIFY2(within > 10 && std::abs(painted3 - within) <= 2 &&
                 painted3 == static_cast<int>(painted.mask->labelledCount()),
             qPrintable(QStringLiteral("%1 painted, %2 within 3 mm, %3 in the mask")
                            .arg(painted3)
                            .arg(within)
                            .arg(painted.mask->labelledCount())));
    const Eigen::Vector3d spacing = ct.geometry().spacingMm();
    // One slice only: nothing a slice above or below.
    QVERIFY(painted.mask->labelAt(m_centre) == 1);
    QVERIFY(painted.mask->labelAt(m_centre + Eigen::Vector3d(0, 0, spacing[2])) == 0);
    QVERIFY(painted.mask->labelAt(m_centre - Eigen::Vector3d(0, 0, spacing[2])) == 0);

    layer()->setTool(Tool::Eraser);
    drag({{0, 0, 0}, {0.5, 0, 0}});
    QCOMPARE(layer()->history().annotations().size(), std::size_t{1});
    QVERIFY(last().roi.mask->labelAt(m_centre) == 0);
    QVERIFY(last().roi.mask->labelledCount() < painted.mask->labelledCount());
    QVERIFY(layer()->history().undo());
    QVERIFY(last().roi == painted);
    // The brush stroke that created the ROI was one step too.
    QVERIFY(layer()->history().undo());
    QVERIFY(layer()->history().annotations().empty());

    // While a stroke is under way the ROI is already there (the table follows it live).
    layer()->setTool(Tool::Brush);
    QTest::mousePress(m_ct, Qt::LeftButton, {}, at({0, 0, 0}));
    QTest::mouseMove(m_ct, at({3, 0, 0}));
    QCOMPARE(layer()->history().annotations().size(), std::size_t{1});
    const std::size_t midStroke = last().roi.mask->labelledCount();
    QTest::mouseMove(m_ct, at({8, 0, 0}));
    QVERIFY(last().roi.mask->labelledCount() > midStroke);
    QTest::mouseRelease(m_ct, Qt::LeftButton, {}, at({8, 0, 0}));
}

void RoiEditingToolsTest::movingAndResizingAreOneUndoStepEach() {
    layer()->setTool(Tool::Ellipse);
    drag({{-4, -3, 0}, {4, 3, 0}});
    const cc::Roi drawn = last().roi;
    layer()->setTool(Tool::Navigate);
    // Grab the ellipse on its outline at +u and drag it 5 mm to the patient's left (+x).
    drag({{0, 0, 0}, {1, 0, 0}, {3, 0, 0}, {5, 0, 0}});
    const cc::Roi moved = last().roi;
    QVERIFY(std::abs((moved.centerMm - drawn.centerMm).x() - 5.0) <= 2 * pixelMm());
    QCOMPARE(moved.radiiMm, drawn.radiiMm);
    // The handle at +u of the moved ellipse, dragged 2 mm further out.
    const Eigen::Vector3d handle = cc::roiHandles(moved)[0] - m_centre;
    drag({handle, handle + Eigen::Vector3d(1, 0, 0), handle + Eigen::Vector3d(2, 0, 0)});
    QVERIFY(std::abs(last().roi.radiiMm[0] - (moved.radiiMm[0] + 2.0)) <= 2 * pixelMm());
    QCOMPARE(last().roi.centerMm, moved.centerMm);

    QVERIFY(layer()->history().undo());
    QVERIFY(last().roi == moved);
    QVERIFY(layer()->history().undo());
    QVERIFY(last().roi == drawn);
    QVERIFY(layer()->history().undo());
    QVERIFY(layer()->history().annotations().empty());
}

void RoiEditingToolsTest::anRoiCopiesToTheNextSlice() {
    layer()->setTool(Tool::Ellipse);
    drag({{-4, -3, 0}, {4, 3, 0}});
    const cc::Roi drawn = last().roi;
    const double before = m_window->viewState()->cursor().mm.z();
    QVERIFY(m_ct->copySelectedRoiToNextSlice(+1));
    m_window->viewState()->flush();
    QCOMPARE(layer()->history().annotations().size(), std::size_t{2});
    const double step = last().roi.centerMm.z() - drawn.centerMm.z();
    // One CT slice along the pane's normal (towards the viewer: axial panes are seen from
    // the feet), the cursor with it.
    QVERIFY(std::abs(step + m_ct->series().volume->geometry().spacingMm()[2]) < 1e-6);
    QVERIFY(std::abs(m_window->viewState()->cursor().mm.z() - (before + step)) < 1e-6);
    QCOMPARE(last().roi.radiiMm, drawn.radiiMm);
    QCOMPARE(layer()->selectedId(), last().id);
    // A new ROI after a history reset that kept "ROI 7" (an opened session) numbers on.
    cc::Annotation kept;
    kept.label = "ROI 7";
    kept.roi = drawn;
    layer()->history().reset({kept});
    layer()->setTool(Tool::Point);
    QTest::mouseClick(m_ct, Qt::LeftButton, {}, at({1, 1, 0}));
    QCOMPARE(last().label, std::string("ROI 8"));
}

void RoiEditingToolsTest::everyKindIsDrawnInThePane() {
    layer()->setTool(Tool::Ellipse);
    drag({{-4, -3, 0}, {4, 3, 0}});
    layer()->setTool(Tool::Rectangle);
    drag({{-14, -14, 0}, {-8, -9, 0}});
    layer()->setTool(Tool::Polygon);
    for (const Eigen::Vector3d& p :
         {Eigen::Vector3d(8, -14, 0), Eigen::Vector3d(14, -12, 0), Eigen::Vector3d(12, -7, 0)}) {
        QTest::mouseClick(m_ct, Qt::LeftButton, {}, at(p));
    }
    QTest::keyClick(m_ct, Qt::Key_Return);
    layer()->setTool(Tool::Ruler);
    drag({{-14, 8, 0}, {-6, 14, 0}});
    layer()->setTool(Tool::Bidirectional);
    drag({{6, 8, 0}, {14, 12, 0}});
    layer()->setTool(Tool::Point);
    QTest::mouseClick(m_ct, Qt::LeftButton, {}, at({0, 12, 0}));
    layer()->setTool(Tool::Brush);
    drag({{-14, 0, 0}, {-9, 2, 0}});
    layer()->setTool(Tool::Navigate);
    QTest::mouseClick(m_ct, Qt::LeftButton, {}, at({4, 0, 0}));  // selects the ellipse
    QCOMPARE(layer()->history().annotations().size(), std::size_t{7});
    QCOMPARE(layer()->selectedId(), layer()->history().annotations().front().id);

    QSignalSpy painted(m_ct, &crosscheck::viewer::VtkRenderWidget::framePainted);
    m_ct->update();
    QVERIFY(painted.wait(20000));
    const QImage image = m_ct->grabFramebuffer();
    // The selected ellipse's handle at +u is drawn in the selection colour.
    const QPoint handle =
        at(cc::roiHandles(layer()->history().annotations().front().roi)[0] - m_centre);
    QCOMPARE(QColor(image.pixel(handle)), QColor(255, 220, 60));
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        m_window->paneGrid()->setLayoutName(QStringLiteral("1x1"));
        m_window->viewState()->flush();
        QSignalSpy big(m_ct, &crosscheck::viewer::VtkRenderWidget::framePainted);
        m_ct->update();
        QVERIFY(big.wait(20000));
        m_ct->grabFramebuffer().save(docs + QStringLiteral("/roi-tools-ct.png"));
    }
}

void RoiEditingToolsTest::anRoiSavedInTheMrFrameIsDrawnThroughTheTransform() {
    // An 8 mm circle around the tumour, stored in the MR frame (as a session or ROI.json
    // may hold it): the CT pane draws it where the same circle in CT coordinates lies.
    const cc::Roi inCt = cc::Roi::ellipse(m_truth.ctFrameUid, m_centre, Eigen::Vector3d::UnitX(),
                                          Eigen::Vector3d::UnitY(), {8, 8});
    cc::Annotation annotation;
    annotation.label = "MR ROI";
    annotation.roi = inCt.transformed(m_truth.ctToMr, m_truth.mrFrameUid);
    QVERIFY(annotation.roi.frameOfReferenceUid != layer()->referenceFrameUid());
    layer()->history().add(annotation);

    QSignalSpy painted(m_ct, &crosscheck::viewer::VtkRenderWidget::framePainted);
    m_ct->update();
    QVERIFY(painted.wait(20000));
    const QImage image = m_ct->grabFramebuffer();
    auto roiColourNear = [&](const QPoint& p) {
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                const QColor c = image.pixelColor(p + QPoint(dx, dy));
                if (std::abs(c.red() - 60) < 40 && std::abs(c.green() - 200) < 40 &&
                    c.blue() > 215) {
                    return true;
                }
            }
        }
        return false;
    };
    QVERIFY(roiColourNear(at({8, 0, 0})));
    QVERIFY(roiColourNear(at({0, -8, 0})));
    QVERIFY(!roiColourNear(at({4, 0, 0})));
}

void RoiEditingToolsTest::ctrlWheelZoomsAboutTheMouse() {
    const cc::viewer::ZoomPan before = m_window->viewState()->zoomPan(cc::ViewOrientation::Axial);
    const QPointF mouse = at({10, 5, 0});
    const Eigen::Vector3d under = m_ct->widgetToPane(mouse).mm;
    QWheelEvent wheel(mouse, m_ct->mapToGlobal(mouse), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_ct, &wheel);
    m_window->viewState()->flush();
    const cc::viewer::ZoomPan after = m_window->viewState()->zoomPan(cc::ViewOrientation::Axial);
    QVERIFY(std::abs(after.zoom / before.zoom - 1.15) < 1e-9);
    // The anatomy under the mouse is still under it.
    QVERIFY2((m_ct->widgetToPane(mouse).mm - under).norm() < 1e-6,
             qPrintable(QString::number((m_ct->widgetToPane(mouse).mm - under).norm())));
    m_window->viewState()->setZoomPan(cc::ViewOrientation::Axial, before);
    m_window->viewState()->flush();
}

void RoiEditingToolsTest::aBrushOnAnMrPaneLivesOnTheMrGridInTheReferenceFrame() {
    SlicePane* t2 = nullptr;
    for (SlicePane* pane : m_window->paneGrid()->panes()) {
        if (pane->hasSeries() && pane->series().role == cc::SeriesRole::T2w) {
            t2 = pane;
        }
    }
    QVERIFY(t2 && t2->isSynchronized());
    t2->setOrientation(cc::ViewOrientation::Sagittal);
    m_window->viewState()->flush();
    layer()->setTool(Tool::Brush);
    layer()->setBrushRadiusMm(4.0);
    const QPoint from = t2->referenceToWidget(cc::PatientPoint{m_centre}).toPoint();
    QTest::mousePress(t2, Qt::LeftButton, {}, from);
    QTest::mouseMove(t2, from + QPoint(5, 0));
    QTest::mouseRelease(t2, Qt::LeftButton, {}, from + QPoint(5, 0));
    QCOMPARE(layer()->history().annotations().size(), std::size_t{1});
    const cc::Roi& roi = last().roi;
    QCOMPARE(roi.shape, cc::RoiShape::Brush);
    // The annotation is in the reference (CT) frame, on the T2w's own voxel size.
    QCOMPARE(roi.frameOfReferenceUid, m_truth.ctFrameUid);
    const Eigen::Vector3d t2Spacing = t2->series().volume->geometry().spacingMm();
    const Eigen::Vector3d maskSpacing = roi.mask->geometry.spacingMm();
    QVERIFY2((maskSpacing - t2Spacing).norm() < 1e-6, qPrintable(QStringLiteral("%1 %2 %3")
                                                                     .arg(maskSpacing.x())
                                                                     .arg(maskSpacing.y())
                                                                     .arg(maskSpacing.z())));
    QVERIFY(roi.mask->labelAt(m_centre) != 0);
    // Measured in every series, the CT through the reference frame directly.
    const auto rows = cc::measureInStudy(roi, *m_window->study());
    for (const auto& row : rows) {
        QVERIFY2(row.measurement.hasNumbers, cc::toString(row.role));
    }
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    RoiEditingToolsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "RoiEditingToolsTest.moc"
