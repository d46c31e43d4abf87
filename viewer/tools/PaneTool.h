#pragma once

#include <string>

class QKeyEvent;
class QMouseEvent;
class QPainter;

namespace crosscheck::viewer {

class PaneView;

/// One tool of the pane (navigate, ellipse, brush, ...): it receives the pane's mouse
/// and key events and draws what it is doing. The pane gives each event to the active
/// tool first; what the tool declines (returns false) goes to the pane's navigation
/// (PaneNavigation: window, cursor, zoom, pan), so those habits work under every tool.
///
/// A tool holds only its gesture in progress; everything it edits lives in the layers the
/// PaneView hands out (AnnotationLayer, LandmarkSet), in the pane frame (LPS, mm). A drag
/// that edits is one undo step (one history merge key). Tools are made by ToolRegistry.
class PaneTool {
public:
    virtual ~PaneTool() = default;

    /// The id the tool is registered under (ToolRegistry), as AnnotationLayer::setTool
    /// takes it.
    virtual std::string id() const = 0;

    virtual bool press(PaneView& /*view*/, const QMouseEvent& /*event*/) { return false; }
    /// Every mouse move over the pane, with or without a button held.
    virtual bool move(PaneView& /*view*/, const QMouseEvent& /*event*/) { return false; }
    virtual bool release(PaneView& /*view*/, const QMouseEvent& /*event*/) { return false; }
    virtual bool doubleClick(PaneView& /*view*/, const QMouseEvent& /*event*/) { return false; }
    virtual bool key(PaneView& /*view*/, const QKeyEvent& /*event*/) { return false; }
    /// Drops the gesture in progress (Escape, another tool chosen); what it already
    /// committed stays.
    virtual void cancel() {}
    /// True while the tool collects clicks (a polygon's vertices).
    virtual bool collectsClicks() const { return false; }
    /// Draws the gesture in progress over the pane (rubber band, brush outline).
    virtual void paint(QPainter& /*painter*/, const PaneView& /*view*/) const {}
};

}  // namespace crosscheck::viewer
