#pragma once

#include <QPoint>
#include <QTimer>
#include <optional>

#include "core/geometry/PatientPoint.h"
#include "viewer/panes/PaneOverlay.h"
#include "viewer/panes/PaneSeries.h"
#include "viewer/render/VtkRenderWidget.h"
#include "viewer/state/ViewState.h"
#include "viewer/volume/StandardView.h"
#include "viewer/volume/VolumeScene.h"

class QMenu;

namespace crosscheck::viewer {
class AnnotationLayer;
class DiscrepancyLayer;

/// A 3D pane: a volume rendering of one series (CT or sCT, VolumeScene) with the
/// CT-vs-sCT findings as coloured surfaces over it, and the ROIs and the three cursor planes
/// drawn as outlines on top (with QPainter, so a cursor drag in the 2D panes costs this pane
/// no new rendering, only its overlay; and while the cursor keeps moving not even that: the
/// planes follow at once, then again when the cursor has rested for 100 ms).
///
/// Mouse: left drag turns the camera about the focal point, shift + left or middle drag
/// pans, the wheel zooms, a left click on rendered bone moves the shared cursor there (the
/// first point along the ray at least as dense as bone, marched through the series itself,
/// viewer/volume/RayPick), a double click maximizes. Keys: A, P, L, R, S, I for the
/// standard views, Home to reset, 1, 2, 3 for the presets; the context menu holds them all.
///
/// While the camera moves the scene renders at coarse sampling; 150 ms after the last
/// move one full-quality frame follows. The camera is the view state's shared Camera3d
/// when 3D cameras are linked (a CT and an sCT pane side by side turn together), the
/// pane's own otherwise. Rendering happens in the pane's own GL context (docs/adr/0002).
class VolumePane : public VtkRenderWidget {
    Q_OBJECT
public:
    explicit VolumePane(ViewState* state, QWidget* parent = nullptr);
    ~VolumePane() override;

    void setSeries(const PaneSeries& series);
    /// The shown volume's voxels changed in place (a study filling on screen): a 3D view of
    /// a half-read volume means little, so the pane renders again only once it is
    /// `complete`.
    void refreshVoxels(bool complete);
    const PaneSeries& series() const { return m_series; }
    bool hasSeries() const { return m_series.volume != nullptr; }
    void setDiscrepancyLayer(DiscrepancyLayer* layer);
    void setAnnotationLayer(AnnotationLayer* layer);

    void setPreset(VolumePreset preset);
    VolumePreset preset() const { return m_scene.preset(); }
    /// Turns the camera to a standard view, fitted to the series (and zoom reset).
    void showStandardView(StandardView view);
    const Camera3d& camera() const { return m_camera; }
    /// The orientation letters at the edges, the scale bar's pixels per mm and the
    /// synthetic watermark drawn over the rendering for the current camera.
    PaneOverlay edgeOverlay() const;
    /// True when the last frame was rendered at full quality (no motion pending).
    bool isFullQuality() const { return !m_scene.isInteractive(); }

    /// Where a reference-frame point (LPS, mm) appears in the pane, in widget pixels.
    QPointF referenceToWidget(const PatientPoint& referencePoint) const;
    /// The ray through a widget pixel: a point before the series and the unit direction
    /// into the screen, in the reference frame.
    std::pair<Eigen::Vector3d, Eigen::Vector3d> rayAt(const QPointF& pixel) const;
    /// The first point along the pixel's ray at least as dense as bone (pickThreshold, HU);
    /// empty when the ray misses, for a series without HU and for an unsynchronized pane.
    std::optional<PatientPoint> pickAt(const QPointF& pixel) const;
    /// The density a pick stops at (HU).
    static double pickThreshold();

    /// Rotates the camera as a drag of (dx, dy) pixels does (for the bench and the tests).
    void rotateBy(double dxPixels, double dyPixels);

signals:
    void maximizeToggled(QWidget* pane);
    /// The context menu asks for another series of the study in this pane.
    void roleRequested(SeriesRole role);
    /// The V key or the menu: show this pane's series as slices again.
    void slicesRequested();

protected:
    void prepareScene() override;
    void paintOverlay(QPainter& painter) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void onStateChanged(unsigned changes);
    void updateFindings();
    /// The camera moved: coarse frames now, a full one once it rests.
    void setCamera(const Camera3d& camera);
    void startMotion();
    void finishMotion();
    double pixelsPerMm() const;
    double aspect() const;
    bool isSynchronized() const { return m_series.referenceToSeries.has_value(); }
    Eigen::Matrix4d referenceToSeries() const;
    QMenu* buildMenu();
    // Overlay (VolumePaneOverlay.cpp).
    void paintCursorPlanes(QPainter& painter) const;
    void paintRois(QPainter& painter) const;
    void paintLabels(QPainter& painter) const;

    ViewState* m_state;
    PaneSeries m_series;
    VolumeScene m_scene;
    DiscrepancyLayer* m_discrepancy = nullptr;
    AnnotationLayer* m_annotations = nullptr;
    Camera3d m_camera;
    bool m_cameraPlaced = false;
    QTimer m_restTimer;
    /// Runs while the cursor moves (a drag in a 2D pane): the cursor planes are repainted
    /// when it times out, not at every step, so the drag's own panes get the CPU.
    QTimer m_cursorRestTimer;
    bool m_cursorMovedMeanwhile = false;
    std::optional<QPoint> m_pressPixel;
    QPoint m_lastPixel;
    Qt::MouseButton m_dragButton = Qt::NoButton;
    bool m_panning = false;
    bool m_moved = false;
};

}  // namespace crosscheck::viewer
