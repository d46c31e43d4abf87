#pragma once
// A real SlicePane on a synthetic CT, set up so that widget pixels and patient mm map
// exactly: the axial pane is 510 x 510 pixels over a 100 x 100 mm field, 0.2 mm a pixel,
// patient (0, 0, 0) at pixel (255, 255); the axial plane has right = +x and up = -y
// (anterior), so patient (x, y) is at pixel (255 + 5x, 255 + 5y). The volume is 81 x 81 x
// 21 voxels of 1 x 1 x 2 mm centred on the origin, in frame "1.2.3" (the reference).
// Tools are driven with QTest mouse and key events, so every expected ROI is in whole mm.
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "core/volume/Volume.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/registration/LandmarkSet.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/state/ViewState.h"

namespace crosscheck::testing {

class ToolPaneFixture {
public:
    static constexpr int kSidePx = 510;
    static constexpr double kMmPerPixel = 0.2;
    inline static const std::string kFrame = "1.2.3";

    ToolPaneFixture() {
        m_layer.reset(kFrame);
        m_landmarks.reset(kFrame);
        m_pane = std::make_unique<viewer::SlicePane>(&m_state);
        m_pane->setAnnotationLayer(&m_layer);
        m_pane->setLandmarkSet(&m_landmarks);
        m_pane->setSeries(series(kFrame, Eigen::Matrix4d::Identity()));
        m_pane->setOrientation(ViewOrientation::Axial);
        m_state.setField(ViewOrientation::Axial, {{-50, -50}, {50, 50}});
        m_state.setCursor(PatientPoint{Eigen::Vector3d::Zero()});
        m_state.flush();
        m_pane->resize(kSidePx, kSidePx);
        m_pane->show();
    }

    bool ready() const {
        return QTest::qWaitForWindowExposed(m_pane.get()) && m_pane->width() == kSidePx &&
               m_pane->height() == kSidePx;
    }

    /// A CT series of the synthetic volume in `frame`, reference -> series `toSeries`
    /// (empty: not synchronized).
    static viewer::PaneSeries series(const std::string& frame,
                                     std::optional<Eigen::Matrix4d> toSeries) {
        static const std::shared_ptr<const Volume> volume = makeVolume();
        viewer::PaneSeries s;
        s.volume = volume;
        s.role = SeriesRole::CT;
        s.frameOfReferenceUid = frame;
        s.referenceFrameUid = kFrame;
        s.seriesInstanceUid = QStringLiteral("series-") + QString::fromStdString(frame);
        s.referenceToSeries = toSeries;
        return s;
    }

    viewer::SlicePane* pane() const { return m_pane.get(); }
    viewer::AnnotationLayer& layer() { return m_layer; }
    viewer::LandmarkSet& landmarks() { return m_landmarks; }
    viewer::ViewState& state() { return m_state; }
    const std::vector<Annotation>& annotations() const { return m_layer.history().annotations(); }

    /// The widget pixel of patient point (x, y) on the axial slice z = 0, mm.
    static QPoint at(double x, double y) {
        return QPoint(static_cast<int>(std::lround(255 + x / kMmPerPixel)),
                      static_cast<int>(std::lround(255 + y / kMmPerPixel)));
    }
    void press(double x, double y, Qt::MouseButton b = Qt::LeftButton) {
        QTest::mousePress(m_pane.get(), b, {}, at(x, y));
    }
    void moveTo(double x, double y) { QTest::mouseMove(m_pane.get(), at(x, y)); }
    void release(double x, double y, Qt::MouseButton b = Qt::LeftButton) {
        QTest::mouseRelease(m_pane.get(), b, {}, at(x, y));
    }
    void click(double x, double y) {
        QTest::mouseClick(m_pane.get(), Qt::LeftButton, {}, at(x, y));
    }
    /// Press at the first point, move through the others, release at the last (mm).
    void drag(const std::vector<Eigen::Vector2d>& points, Qt::MouseButton b = Qt::LeftButton) {
        press(points.front().x(), points.front().y(), b);
        for (std::size_t n = 1; n < points.size(); ++n) {
            moveTo(points[n].x(), points[n].y());
        }
        release(points.back().x(), points.back().y(), b);
    }
    /// How many undo steps the history holds.
    int undoSteps() {
        int steps = 0;
        while (m_layer.history().undo()) {
            ++steps;
        }
        while (m_layer.history().redo()) {
        }
        return steps;
    }

private:
    static std::shared_ptr<const Volume> makeVolume() {
        Eigen::Matrix4d indexToPatient = Eigen::Matrix4d::Identity();
        indexToPatient.diagonal() << 1.0, 1.0, 2.0, 1.0;
        indexToPatient.topRightCorner<3, 1>() << -40.0, -40.0, -20.0;
        auto volume = std::make_shared<Volume>(
            VolumeGeometry(Eigen::Vector3i(81, 81, 21), indexToPatient), VoxelType::Int16);
        auto* voxels = volume->voxels<std::int16_t>();
        std::fill(voxels, voxels + volume->geometry().voxelCount(), std::int16_t{40});
        return volume;
    }

    viewer::ViewState m_state;
    viewer::AnnotationLayer m_layer;
    viewer::LandmarkSet m_landmarks;
    std::unique_ptr<viewer::SlicePane> m_pane;
};

}  // namespace crosscheck::testing
