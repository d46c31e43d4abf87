// The 3D pane: its series, the shared state it follows, the camera and the quality switch.
// Input is in VolumePaneInput.cpp, the QPainter overlay in VolumePaneOverlay.cpp.
#include "viewer/volume/VolumePane.h"

#include <Eigen/Geometry>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>

#include "core/volume/Volume.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/volume/RayPick.h"

namespace crosscheck::viewer {

namespace {
/// How long the camera must rest before the full-quality frame.
constexpr int kRestMs = 150;
/// How long the cursor must rest before the cursor planes follow again.
constexpr int kCursorRestMs = 100;
/// Bone for picking (HU): the middle of the bone preset's opacity ramp.
constexpr double kPickBoneHu = 250.0;
}  // namespace

VolumePane::VolumePane(ViewState* state, QWidget* parent)
    : VtkRenderWidget(parent), m_state(state), m_scene(renderWindow(), renderer()) {
    m_restTimer.setSingleShot(true);
    m_restTimer.setInterval(kRestMs);
    connect(&m_restTimer, &QTimer::timeout, this, &VolumePane::finishMotion);
    m_cursorRestTimer.setSingleShot(true);
    m_cursorRestTimer.setInterval(kCursorRestMs);
    connect(&m_cursorRestTimer, &QTimer::timeout, this, [this] {
        if (m_cursorMovedMeanwhile) {
            m_cursorMovedMeanwhile = false;
            update();
        }
    });
    connect(m_state, &ViewState::changed, this, &VolumePane::onStateChanged);
    setContextMenuPolicy(Qt::DefaultContextMenu);
}

VolumePane::~VolumePane() = default;

void VolumePane::setSeries(const PaneSeries& series) {
    const bool sameVolume = series.volume == m_series.volume &&
                            series.referenceToSeries == m_series.referenceToSeries &&
                            series.role == m_series.role;
    m_series = series;
    if (!sameVolume) {
        m_scene.setVolume(series.volume, referenceToSeries().inverse(), series.role);
        m_cameraPlaced = false;
    }
    if (m_scene.hasVolume() && !m_cameraPlaced) {
        if (m_state->linkCamera3d() && m_state->camera3d()) {
            m_camera = *m_state->camera3d();
            m_cameraPlaced = true;
        } else {
            showStandardView(StandardView::Anterior);
        }
    }
    updateFindings();
    markSceneChanged();
    update();
}

void VolumePane::refreshVoxels(bool complete) {
    if (complete && m_scene.hasVolume()) {
        m_scene.voxelsChanged();
        markSceneChanged();
        update();
    }
}

Eigen::Matrix4d VolumePane::referenceToSeries() const {
    // Without a known transform the series is shown in its own frame (and picks nothing).
    return m_series.referenceToSeries.value_or(Eigen::Matrix4d::Identity());
}

void VolumePane::setDiscrepancyLayer(DiscrepancyLayer* layer) {
    m_discrepancy = layer;
    connect(layer, &DiscrepancyLayer::changed, this, [this] {
        updateFindings();
        markSceneChanged();
        update();
    });
    updateFindings();
}

void VolumePane::setAnnotationLayer(AnnotationLayer* layer) {
    m_annotations = layer;
    // ROIs are overlay lines: no new rendering.
    connect(layer, &AnnotationLayer::changed, this, qOverload<>(&QWidget::update));
}

void VolumePane::updateFindings() {
    // The analysis lives on the CT grid in the reference frame: only a synchronized pane
    // can place it.
    if (m_discrepancy == nullptr || !m_discrepancy->hasResult() || !isSynchronized() ||
        !hasSeries()) {
        m_scene.setFindings(nullptr, {}, Eigen::Matrix4d::Identity());
        return;
    }
    m_scene.setFindings(m_discrepancy->labels(), m_discrepancy->result()->regions,
                        Eigen::Matrix4d::Identity());
}

void VolumePane::setPreset(VolumePreset preset) {
    m_scene.setPreset(preset);
    markSceneChanged();
    update();
}

void VolumePane::showStandardView(StandardView view) {
    if (!m_scene.hasVolume()) {
        return;
    }
    m_cameraPlaced = true;
    setCamera(m_scene.fittedCamera(view, aspect()));
    // A view chosen on purpose is shown at once at full quality.
    m_restTimer.stop();
    finishMotion();
}

void VolumePane::setCamera(const Camera3d& camera) {
    m_camera = camera;
    m_camera.towardsViewer.normalize();
    // Keep up exactly perpendicular to the view direction.
    m_camera.viewUp =
        (m_camera.viewUp - m_camera.viewUp.dot(m_camera.towardsViewer) * m_camera.towardsViewer)
            .normalized();
    if (m_state->linkCamera3d()) {
        m_state->setCamera3d(m_camera);
    }
    startMotion();
}

void VolumePane::rotateBy(double dxPixels, double dyPixels) {
    constexpr double kDegreesPerPixel = 0.5;
    const double toRadians = M_PI / 180.0 * kDegreesPerPixel;
    Camera3d c = m_camera;
    const Eigen::Vector3d right = c.viewUp.cross(c.towardsViewer);
    // Dragging right turns the object to the right: the camera goes round to the left.
    const Eigen::AngleAxisd azimuth(-dxPixels * toRadians, c.viewUp);
    const Eigen::AngleAxisd elevation(-dyPixels * toRadians, right);
    const Eigen::Matrix3d turn = (elevation * azimuth).toRotationMatrix();
    c.towardsViewer = turn * c.towardsViewer;
    c.viewUp = turn * c.viewUp;
    setCamera(c);
}

void VolumePane::startMotion() {
    if (!m_scene.isInteractive()) {
        m_scene.setInteractive(true);
    }
    m_restTimer.start();
    markSceneChanged();
    update();
}

void VolumePane::finishMotion() {
    m_scene.setInteractive(false);
    markSceneChanged();
    update();
}

void VolumePane::onStateChanged(unsigned changes) {
    if ((changes & ViewState::Camera3dChanged) && m_state->linkCamera3d() && m_state->camera3d() &&
        *m_state->camera3d() != m_camera && m_scene.hasVolume()) {
        // Another linked pane turned the camera: follow it, coarse while it moves.
        m_camera = *m_state->camera3d();
        m_cameraPlaced = true;
        startMotion();
    }
    if ((changes & ViewState::LinksChanged) && m_state->linkCamera3d() && m_cameraPlaced) {
        m_state->setCamera3d(m_camera);
    }
    if (changes & ViewState::CursorChanged) {
        // The cursor planes are overlay lines: no new rendering. A click shows them at
        // once; during a drag (the next move within kCursorRestMs) they wait until the
        // cursor rests, as the 2D panes being dragged in matter more (the probe is not
        // drawn here at all).
        if (m_cursorRestTimer.isActive()) {
            m_cursorMovedMeanwhile = true;
        } else {
            update();
        }
        m_cursorRestTimer.start();
    }
}

void VolumePane::prepareScene() {
    if (m_scene.hasVolume()) {
        m_scene.applyCamera(m_camera);
    }
}

void VolumePane::resizeEvent(QResizeEvent* event) {
    VtkRenderWidget::resizeEvent(event);
    update();
}

double VolumePane::aspect() const {
    return height() > 0 ? double(width()) / height() : 1.0;
}

double VolumePane::pixelsPerMm() const {
    return height() / (2.0 * std::max(m_camera.parallelScaleMm, 1e-6));
}

QPointF VolumePane::referenceToWidget(const PatientPoint& referencePoint) const {
    // VTK's parallel projection: the focal point at the centre, parallelScale half the
    // height.
    const Eigen::Vector3d right = m_camera.viewUp.cross(m_camera.towardsViewer);
    const Eigen::Vector3d d = referencePoint.mm - m_camera.focalMm;
    const double s = pixelsPerMm();
    return {0.5 * width() + d.dot(right) * s, 0.5 * height() - d.dot(m_camera.viewUp) * s};
}

std::pair<Eigen::Vector3d, Eigen::Vector3d> VolumePane::rayAt(const QPointF& pixel) const {
    const Eigen::Vector3d right = m_camera.viewUp.cross(m_camera.towardsViewer);
    const double s = pixelsPerMm();
    const Eigen::Vector3d onPlane = m_camera.focalMm + (pixel.x() - 0.5 * width()) / s * right -
                                    (pixel.y() - 0.5 * height()) / s * m_camera.viewUp;
    const double reach = (m_scene.boundsHi() - m_scene.boundsLo()).norm() +
                         (onPlane - 0.5 * (m_scene.boundsLo() + m_scene.boundsHi())).norm();
    return {onPlane + reach * m_camera.towardsViewer, -m_camera.towardsViewer};
}

double VolumePane::pickThreshold() {
    return kPickBoneHu;
}

std::optional<PatientPoint> VolumePane::pickAt(const QPointF& pixel) const {
    // Bone has a density only in HU: an MR rendering picks nothing.
    const bool hounsfield = m_series.role == SeriesRole::CT || m_series.role == SeriesRole::sCT;
    if (!hasSeries() || !isSynchronized() || !hounsfield) {
        return std::nullopt;
    }
    const auto [origin, direction] = rayAt(pixel);
    const double length = 2.0 * ((origin - m_camera.focalMm).norm() +
                                 (m_scene.boundsHi() - m_scene.boundsLo()).norm());
    return firstHitAlongRay(*m_series.volume, referenceToSeries(), origin, direction, length,
                            pickThreshold());
}

}  // namespace crosscheck::viewer
