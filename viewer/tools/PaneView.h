#pragma once

#include <QPointF>
#include <QSize>
#include <optional>

#include "core/geometry/FrameTransform.h"
#include "core/geometry/PatientPoint.h"
#include "core/geometry/ViewPlane.h"
#include "core/roi/Roi.h"
#include "core/vocabulary/WindowPresets.h"
#include "viewer/analysis/SliceRaster.h"
#include "viewer/panes/PaneSeries.h"
#include "viewer/state/ViewState.h"

namespace crosscheck::viewer {

class AnnotationLayer;
class LandmarkSet;

/// What a pane offers its tools and overlays: the conversion between widget pixels and
/// the pane frame's patient coordinates, the plane shown, the series, the layers edited
/// and the navigation actions. SlicePane implements it; tools and overlays see only this,
/// so they can be written and tested without knowing the pane's VTK pipeline.
///
/// Frames and units: "pane frame" is the reference frame when the pane is synchronized,
/// else the series' own frame; points are PatientPoint (LPS, mm), pixels are widget
/// pixels (origin top left, y down). The plane passes through the pane's cursor.
class PaneView {
public:
    virtual ~PaneView() = default;

    /// The pane-frame point under a widget pixel, on the current slice.
    virtual PatientPoint widgetToPane(const QPointF& pixel) const = 0;
    /// Where a pane-frame point falls, in widget pixels (its projection on the plane).
    virtual QPointF paneToWidget(const PatientPoint& panePoint) const = 0;
    virtual double mmPerPixel() const = 0;
    /// The widget's size in pixels.
    virtual QSize paneSize() const = 0;
    /// Pixel (0, 0) and the steps of one pixel right and down, pane frame.
    virtual PixelToPatient pixelMapping() const = 0;
    /// The standard plane shown (right, up, normal = right x up), without its position.
    virtual ViewPlane viewPlane() const = 0;
    /// The plane through the cursor, as ROIs are cut by it.
    virtual RoiPlane panePlane() const = 0;
    /// The distance of one slice of the series along the normal, mm.
    virtual double sliceStepMm() const = 0;
    virtual PatientPoint paneCursor() const = 0;

    virtual const PaneSeries& series() const = 0;
    virtual bool hasSeries() const = 0;
    /// Pane frame -> the series' own frame (identity when the pane is not synchronized).
    virtual const FrameTransform& paneToSeries() const = 0;
    virtual const FrameTransform& seriesToPane() const = 0;
    /// True when ROIs can be drawn and edited here: a series, an annotation layer and the
    /// reference frame (ROIs live there).
    virtual bool canEditRois() const = 0;
    virtual AnnotationLayer* annotations() const = 0;
    virtual LandmarkSet* landmarks() const = 0;
    /// Where the mouse rests over the pane, if it does.
    virtual std::optional<QPointF> hoverPixel() const = 0;

    virtual WindowLevel currentWindow() const = 0;
    virtual void setWindow(const WindowLevel& window) = 0;
    virtual ZoomPan currentZoomPan() const = 0;
    virtual void setZoomPan(const ZoomPan& zoomPan) = 0;
    /// Zooms by `factor` keeping the point under `pixel` where it is on the screen.
    virtual void zoomAbout(const QPointF& pixel, double factor) = 0;
    virtual void setPaneCursor(const PatientPoint& panePoint) = 0;
    /// Asks for a repaint of the overlay (coalesced by Qt).
    virtual void requestRepaint() = 0;
};

}  // namespace crosscheck::viewer
