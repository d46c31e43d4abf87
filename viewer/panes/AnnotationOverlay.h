#pragma once

class QPainter;

namespace crosscheck::viewer {

class PaneTool;
class PaneView;

/// The annotations on a pane: each ROI drawn where it crosses the pane's plane (core's
/// roiDrawingOnPlane), brush masks as a translucent label overlay, a label with the
/// length of linear ROIs lying in the plane, and the selected ROI's handles. ROIs are
/// stored in the reference frame's patient coordinates (or carried there through a known
/// transform), so only panes that can edit ROIs (synchronized ones) draw them. Stateless:
/// everything comes from the PaneView's AnnotationLayer. The active tool's gesture is
/// drawn last, on top, in the same painter state (one save per frame).
class AnnotationOverlay {
public:
    void paint(QPainter& painter, const PaneView& view, const PaneTool& tool) const;
};

}  // namespace crosscheck::viewer
