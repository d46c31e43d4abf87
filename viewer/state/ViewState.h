#pragma once

#include <Eigen/Core>
#include <QObject>
#include <QString>
#include <array>
#include <map>
#include <optional>

#include "core/geometry/PatientPoint.h"
#include "core/geometry/ViewPlane.h"
#include "core/vocabulary/SeriesRole.h"
#include "core/vocabulary/SlabMode.h"
#include "core/vocabulary/WindowPresets.h"

namespace crosscheck::viewer {

/// Zoom and pan of the panes that share one orientation. zoom 1 fits the image to the
/// pane; panMm moves the view centre along the plane's right and up axes (mm).
struct ZoomPan {
    double zoom = 1.0;
    double panRightMm = 0.0;
    double panUpMm = 0.0;
};

/// What "zoom 1" shows in one orientation for every synchronized pane: the rectangle of
/// plane coordinates (mm) around the reference series. Sharing it makes the same anatomy
/// appear at the same place and scale in every pane.
struct ViewField {
    Eigen::Vector2d lo = Eigen::Vector2d::Zero();
    Eigen::Vector2d hi = Eigen::Vector2d::Zero();
};

/// The display scale a window belongs to. CT and sCT share one Hounsfield window so the
/// same grey means the same HU in both: a comparison with different windows would hide
/// exactly the differences Crosscheck exists to show.
enum class WindowGroup { Hounsfield, T1w, T2w, Other };
WindowGroup windowGroupOf(SeriesRole role);

// --- 3D panes (issue [3d]) ---------------------------------------------------------------

/// What kind of view a pane position holds: slices of a series (SlicePane) or a volume
/// rendering of it (VolumePane).
enum class PaneKind { Slice, Volume3d };

/// The camera of the 3D panes, in the reference frame (LPS, mm), with a parallel projection:
/// the point looked at, the unit direction from it towards the viewer, the unit up direction
/// on screen, and half the visible height (mm). Linked 3D panes share it, so a CT and an sCT
/// rendering side by side turn together.
struct Camera3d {
    Eigen::Vector3d focalMm = Eigen::Vector3d::Zero();
    Eigen::Vector3d towardsViewer = -Eigen::Vector3d::UnitY();  ///< anterior view
    Eigen::Vector3d viewUp = Eigen::Vector3d::UnitZ();
    double parallelScaleMm = 100.0;
    bool operator==(const Camera3d& o) const {
        return focalMm == o.focalMm && towardsViewer == o.towardsViewer && viewUp == o.viewUp &&
               parallelScaleMm == o.parallelScaleMm;
    }
    bool operator!=(const Camera3d& o) const { return !(*this == o); }
};

// --- end 3D panes -------------------------------------------------------------------------

/// What one pane shows: a series of the open study (its SeriesInstanceUID; empty for none)
/// in one orientation, and which volume of a multi-volume series (echo, b-value, time
/// point; 0 for the first). Spine images are read on sagittal planes first. `kind` says
/// whether the position shows slices or a 3D rendering of the series (orientation then
/// unused).
struct PaneAssignment {
    QString seriesInstanceUid;
    ViewOrientation orientation = ViewOrientation::Sagittal;
    int volume = 0;
    PaneKind kind = PaneKind::Slice;
    bool operator==(const PaneAssignment& other) const {
        return seriesInstanceUid == other.seriesInstanceUid && orientation == other.orientation &&
               volume == other.volume && kind == other.kind;
    }
    bool operator!=(const PaneAssignment& other) const { return !(*this == other); }
};

// --- Thick slab (issue 20) ---------------------------------------------------------------
/// The slab every 2D pane draws (SlabMode, core/vocabulary): a mode and a thickness (mm,
/// along the pane's normal, centred on the cursor's plane). One setting for all panes, not one per
/// orientation or per pane: CT and sCT side by side must be projected alike (a MIP beside a thin
/// slice would fake a discrepancy), and the toolbar shows the one value every pane uses. Only the
/// picture changes: the probe and the ROI measurements read the thin slice.
struct Slab {
    static constexpr double kMinThicknessMm = 5.0;
    static constexpr double kMaxThicknessMm = 100.0;
    static constexpr double kDefaultThicknessMm = 20.0;
    SlabMode mode = SlabMode::Thin;
    double thicknessMm = kDefaultThicknessMm;
    bool isOn() const { return mode != SlabMode::Thin; }
    bool operator==(const Slab& other) const {
        return mode == other.mode && thicknessMm == other.thicknessMm;
    }
    bool operator!=(const Slab& other) const { return !(*this == other); }
};
/// "MIP", "MinIP", "Mean", "Thin" (what the overlay and the controls say).
QString slabModeLabel(SlabMode mode);
// --- end thick slab ------------------------------------------------------------------------

/// The state every pane observes: one cursor in the reference frame (LPS, mm), zoom and
/// pan per orientation, a window per scale group, the probe point under the mouse, which
/// of these are linked across panes, and which series and orientation each pane shows
/// (written by the study workflow and the panes' keys, followed by the pane grid, saved in
/// sessions).
///
/// Panes never copy state into each other; they write here and redraw from here.
/// Changes are collected and announced once per event-loop turn through `changed`, so
/// dragging the cursor repaints each pane once per turn, not once per setter.
class ViewState : public QObject {
    Q_OBJECT
public:
    enum Change : unsigned {
        CursorChanged = 1u << 0,
        ZoomPanChanged = 1u << 1,
        WindowChanged = 1u << 2,
        ProbeChanged = 1u << 3,
        LinksChanged = 1u << 4,
        PanesChanged = 1u << 5,
        SlabChanged = 1u << 12,
        Camera3dChanged = 1u << 13,
    };
    /// The panes of the window's grid (1x4 at most).
    static constexpr int kPaneCount = 4;

    explicit ViewState(QObject* parent = nullptr);

    const PatientPoint& cursor() const { return m_cursor; }
    void setCursor(const PatientPoint& referencePoint);

    ZoomPan zoomPan(ViewOrientation orientation) const;
    void setZoomPan(ViewOrientation orientation, const ZoomPan& zoomPan);

    std::optional<ViewField> field(ViewOrientation orientation) const;
    void setField(ViewOrientation orientation, const ViewField& field);
    void clearFields();

    std::optional<WindowLevel> window(WindowGroup group) const;
    void setWindow(WindowGroup group, const WindowLevel& window);

    const std::optional<PatientPoint>& probe() const { return m_probe; }
    void setProbe(const std::optional<PatientPoint>& referencePoint);

    bool linkCursor() const { return m_linkCursor; }
    bool linkZoomPan() const { return m_linkZoomPan; }
    bool linkWindow() const { return m_linkWindow; }
    void setLinkCursor(bool on);
    void setLinkZoomPan(bool on);
    void setLinkWindow(bool on);

    /// Pane `pane` (0..kPaneCount-1); an index outside gives an empty assignment.
    PaneAssignment paneAssignment(int pane) const;
    void setPaneAssignment(int pane, const PaneAssignment& assignment);
    /// Another series: its first volume.
    void setPaneSeries(int pane, const QString& seriesInstanceUid);
    void setPaneVolume(int pane, int volume);
    void setPaneOrientation(int pane, ViewOrientation orientation);

    const Slab& slab() const { return m_slab; }
    /// Clamps the thickness to [kMinThicknessMm, kMaxThicknessMm].
    void setSlab(const Slab& slab);

    void setPaneKind(int pane, PaneKind kind);
    /// The camera linked 3D panes share; empty until one of them has placed it (each then
    /// fits its own series) or after clearCamera3d (a new study).
    const std::optional<Camera3d>& camera3d() const { return m_camera3d; }
    void setCamera3d(const Camera3d& camera);
    void clearCamera3d();
    /// On: every 3D pane follows camera3d(); off: each keeps a camera of its own.
    bool linkCamera3d() const { return m_linkCamera3d; }
    void setLinkCamera3d(bool on);

    /// Announces pending changes now instead of on the next event-loop turn.
    void flush();

signals:
    /// A bitwise or of Change values; emitted at most once per event-loop turn.
    void changed(unsigned changes);

private:
    void markChanged(Change change);

    PatientPoint m_cursor;
    std::map<ViewOrientation, ZoomPan> m_zoomPan;
    std::map<WindowGroup, WindowLevel> m_windows;
    std::map<ViewOrientation, ViewField> m_fields;
    std::optional<PatientPoint> m_probe;
    std::array<PaneAssignment, kPaneCount> m_panes;
    Slab m_slab;  // thick slab
    bool m_linkCursor = true;
    bool m_linkZoomPan = true;
    bool m_linkWindow = true;
    unsigned m_pending = 0;
    // 3D panes
    std::optional<Camera3d> m_camera3d;
    bool m_linkCamera3d = true;
};

}  // namespace crosscheck::viewer
