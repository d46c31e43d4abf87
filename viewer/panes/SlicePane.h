#pragma once

#include <vtkImageData.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <Eigen/Core>
#include <QPoint>
#include <memory>
#include <optional>

#include "core/geometry/PatientPoint.h"
#include "core/geometry/ViewPlane.h"
#include "core/vocabulary/WindowPresets.h"
#include "core/volume/PlaneSampling.h"
#include "viewer/panes/AnnotationOverlay.h"
#include "viewer/panes/CheckerboardOverlay.h"
#include "viewer/panes/DiscrepancyOverlay.h"
#include "viewer/panes/LandmarkOverlay.h"
#include "viewer/panes/PaneOverlay.h"
#include "viewer/panes/PaneSeries.h"
#include "viewer/panes/SlabSlice.h"
#include "viewer/render/VtkRenderWidget.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/state/ViewState.h"
#include "viewer/tools/PaneNavigation.h"
#include "viewer/tools/PaneTool.h"
#include "viewer/tools/PaneView.h"

class QComboBox;
class vtkImageData;

namespace crosscheck::viewer {
class DiscrepancyLayer;
class LandmarkSet;
}  // namespace crosscheck::viewer

namespace crosscheck::viewer {

/// One image pane: the slice through the cursor of one series, in a standard orientation,
/// with its overlays and the mouse and keyboard habits of radiology workstations.
///
/// The pane observes the shared ViewState and writes the user's actions back to it; it
/// never talks to other panes. Its geometry runs in the "pane frame": the reference frame
/// when the series has a known transform, else the series' own frame (then it is not
/// synchronized and keeps a cursor of its own). A series whose slices are not parallel to
/// the pane is resampled on the pane's plane with its full index-to-patient affine (core's
/// samplePlane), so oblique and tilted series are shown where they really are. The VTK pipeline is
/// built once; changes only update its parameters.
///
/// Mouse and keys go to the active tool (viewer/tools, chosen by AnnotationLayer::setTool
/// through ToolRegistry), what it declines to the pane's navigation; overlays are drawn by
/// small painters (viewer/panes/*Overlay). Tools and painters see the pane as a PaneView.
class SlicePane : public VtkRenderWidget, private PaneView {
    Q_OBJECT
public:
    explicit SlicePane(ViewState* state, QWidget* parent = nullptr);
    ~SlicePane() override;

    void setSeries(const PaneSeries& series);
    const PaneSeries& series() const override { return m_series; }
    /// The voxels of the shown volume changed in place (a study filling while on screen):
    /// draws the slice again; `complete` also recomputes the automatic window.
    void refreshVoxels(bool complete);
    /// True when the pane shows a volume (not for a colour picture: nothing samples it).
    bool hasSeries() const override { return m_series.volume != nullptr; }
    /// True when the pane shows a colour picture (PaneSeries::picture).
    bool hasPicture() const { return m_series.picture != nullptr; }
    /// The picture's frame on screen (0-based); the wheel and the arrow keys step it.
    int pictureFrame() const { return m_pictureFrame; }
    bool isSynchronized() const { return m_series.referenceToSeries.has_value(); }
    /// True when the pane draws the series' own slice (its plane is parallel to the
    /// series' slices), false when it resamples through the plane (oblique, tilted, rotated).
    bool showsNativeSlice() const { return m_showsNative; }
    /// True when the pane draws the view state's thick slab (MIP, MinIP or mean) instead
    /// of the thin slice; the probe and the ROIs still read the thin slice.
    bool showsSlab() const { return m_showsSlab; }
    /// The slab drawn (SlicePaneSlab.cpp): how many planes and how far apart (mm).
    int slabSampleCount() const { return m_slab.sampleCount(); }
    double slabSampleStepMm() const { return m_slab.sampleStepMm(); }

    void setOrientation(ViewOrientation orientation);
    ViewOrientation orientation() const { return m_orientation; }

    /// The CT-versus-sCT analysis to draw: the difference on a CT pane, the flagged
    /// regions' outlines on every synchronized pane, a warning banner on an sCT pane.
    void setDiscrepancyLayer(DiscrepancyLayer* layer);
    /// The annotations to draw where they cross this pane's plane, and the drawing tools.
    void setAnnotationLayer(AnnotationLayer* layer);
    /// Shows the reference series (reference frame) over this pane's series in a
    /// checkerboard, to judge their registration; null turns it off.
    void setCheckerboard(std::shared_ptr<const Volume> referenceVolume, const WindowLevel& window);
    bool showsCheckerboard() const { return m_checkerboard.isOn(); }

    /// The cursor this pane slices through, in its pane frame.
    PatientPoint paneCursor() const override;
    /// The window in use (the shared one of the series' group unless unlinked).
    WindowLevel currentWindow() const override;
    /// The value of the series at a reference-frame point (nearest voxel); empty when
    /// outside, without a series, or when the pane is not synchronized.
    std::optional<double> valueAtReference(const PatientPoint& referencePoint) const;
    /// "463 HU" for CT and sCT, "612" for MR.
    QString formatValue(double value) const;
    /// Where a reference-frame point falls in this pane, in widget pixels.
    QPointF referenceToWidget(const PatientPoint& referencePoint) const {
        return paneToWidget(referencePoint);
    }
    /// The pane-frame point under a widget pixel, on the current slice.
    PatientPoint widgetToPane(const QPointF& pixel) const override;
    /// Adds a copy of the selected ROI one slice further along this pane's normal
    /// (`direction` +1 or -1) and moves the cursor with it; false when there is no planar
    /// ROI parallel to this pane selected.
    bool copySelectedRoiToNextSlice(int direction);
    /// The registration landmarks the Landmark tool places on this pane and draws.
    void setLandmarkSet(LandmarkSet* landmarks);
    /// Places a landmark at a pane-frame point (what a click with the Landmark tool does):
    /// a fixed one on a reference-frame series, else a moving one in the series' own frame.
    bool placeLandmarkAt(const PatientPoint& panePoint);
    /// True while a polygon is being clicked in (Enter or a double click closes it).
    bool isDrawingPolygon() const { return m_tool->collectsClicks(); }

signals:
    void maximizeToggled(SlicePane* pane);
    /// A series (by SeriesInstanceUID) was dropped here from the series browser.
    void seriesDropped(const QString& seriesInstanceUid);
    /// The orientation changed (a key in the pane, or setOrientation).
    void orientationChanged(ViewOrientation orientation);
    /// Alt + arrows / PageUp / PageDown: move this pane's series by `deltaInReference`
    /// (a small rigid motion in reference coordinates) to correct its registration.
    void nudgeRequested(const QString& seriesInstanceUid, const Eigen::Matrix4d& deltaInReference);
    /// The volume control or the , and . keys ask for another volume of a multi-volume
    /// series (0-based); the view state's pane assignment decides.
    void volumeRequested(int volume);
    /// The V key: render this pane's series in 3D here (the pane grid decides).
    void renderIn3dRequested();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void paintOverlay(QPainter& painter) override;
    void prepareScene() override;
    void prepareOverlay() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // PaneView, for the tools and the overlay painters (SlicePaneView.cpp).
    QPointF paneToWidget(const PatientPoint& panePoint) const override;
    double mmPerPixel() const override;
    QSize paneSize() const override { return size(); }
    PixelToPatient pixelMapping() const override;
    ViewPlane viewPlane() const override { return ViewPlane::standard(m_orientation); }
    RoiPlane panePlane() const override;
    double sliceStepMm() const override;
    const FrameTransform& paneToSeries() const override { return m_paneToSeries; }
    const FrameTransform& seriesToPane() const override { return m_seriesToPane; }
    bool canEditRois() const override;
    AnnotationLayer* annotations() const override { return m_annotations; }
    LandmarkSet* landmarks() const override { return m_landmarks; }
    std::optional<QPointF> hoverPixel() const override { return m_hoverPixel; }
    void setWindow(const WindowLevel& window) override;
    ZoomPan currentZoomPan() const override;
    void setZoomPan(const ZoomPan& zoomPan) override;
    void zoomAbout(const QPointF& pixel, double factor) override;
    void setPaneCursor(const PatientPoint& paneCursor) override;
    void requestRepaint() override { update(); }

    void onStateChanged(unsigned changes);
    void useTool(const std::string& toolId);
    void updateReslice();
    PlaneLayout planeLayout() const;
    // The thick slab (SlicePaneSlab.cpp): false, and nothing drawn, when the slab is off.
    bool updateSlab();
    QString slabOverlayLine() const;
    bool handleSlabWheel(QWheelEvent* event);
    bool updateNativeSlice();
    void updateCamera();
    void updateWindow();
    void computeImageBounds();
    ViewField viewField() const;
    Eigen::Vector2d viewCentre() const;
    WindowLevel defaultWindow() const;
    void stepSlices(double count);
    void applyPreset(int number);
    PaneOverlay buildOverlay() const;
    void invalidateRasters();
    bool handleNudgeKey(QKeyEvent* event);
    // Colour pictures and the volume control (SlicePanePicture.cpp).
    void paintPicture(QPainter& painter) const;
    PaneOverlay buildPictureOverlay() const;
    void paintFocusFrame(QPainter& painter) const;
    void stepPictureFrames(int count);
    void updateVolumeControl();
    void requestVolumeStep(int step);

    ViewState* m_state;
    PaneSeries m_series;
    FrameTransform m_paneToSeries;
    FrameTransform m_seriesToPane;
    vtkSmartPointer<vtkImageData> m_image;
    /// The volume is still being decoded (refreshVoxels): the overlay says so.
    bool m_filling = false;
    ViewOrientation m_orientation = ViewOrientation::Axial;
    // Used when the matching link is off, or (cursor) when the pane is not synchronized.
    PatientPoint m_localCursor;
    ZoomPan m_localZoomPan;
    std::optional<WindowLevel> m_localWindow;
    /// The MR window from the volume's percentiles, computed when first needed (a CT
    /// pane never needs it: its sort of a million values would only delay the first image).
    mutable std::optional<WindowLevel> m_autoWindow;
    const WindowLevel& autoWindow() const;
    // Plane-coordinate bounds of the whole series projected onto the view plane (mm).
    Eigen::Vector2d m_boundsLo = Eigen::Vector2d::Zero();
    Eigen::Vector2d m_boundsHi = Eigen::Vector2d::Zero();

    AnnotationLayer* m_annotations = nullptr;
    LandmarkSet* m_landmarks = nullptr;
    // The active tool gets the mouse and keys first; the navigation what it declines.
    std::unique_ptr<PaneTool> m_tool;
    PaneNavigation m_navigation;
    // Where the mouse is over the pane (the probe, the brush outline), widget pixels.
    std::optional<QPointF> m_hoverPixel;
    DiscrepancyOverlay m_discrepancy;
    CheckerboardOverlay m_checkerboard;
    AnnotationOverlay m_annotationOverlay;
    LandmarkOverlay m_landmarkOverlay;

    // The series resampled on the pane's plane, filled just before a render (prepareScene):
    // a drag that moves the cursor several times between two frames resamples once.
    vtkNew<vtkImageData> m_planeImage;
    PlaneGrid m_planeGrid;
    bool m_planeStale = false;
    vtkNew<vtkImageSliceMapper> m_mapper;
    vtkNew<vtkImageSlice> m_slice;
    // When the pane's plane is parallel to the series' slices: the nearest slice itself,
    // placed by its index-to-plane affine, instead of the reslice (no resampling pass).
    vtkNew<vtkImageSliceMapper> m_nativeMapper;
    vtkNew<vtkImageSlice> m_nativeSlice;
    vtkNew<vtkMatrix4x4> m_nativeMatrix;
    bool m_showsNative = false;
    // The thick slab, when the view state asks for one: drawn instead of both thin paths.
    SlabSlice m_slab;
    bool m_showsSlab = false;

    int m_pictureFrame = 0;
    // Which volume of a multi-volume series; hidden for a series of one volume.
    QComboBox* m_volumeBox = nullptr;
};

}  // namespace crosscheck::viewer
