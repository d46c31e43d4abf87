#pragma once

#include <QPoint>

#include "viewer/tools/PaneTool.h"

namespace crosscheck::viewer {

/// The radiology workstation habits every pane has under every tool (DOMAIN.md): a left
/// drag windows (horizontal = width, vertical = level), a left click moves the cursor, a
/// right drag zooms about the press point, a middle drag pans. The pane gives it what the
/// active tool declines. A press that moves no more than a few pixels is a click.
class PaneNavigation : public PaneTool {
public:
    /// None: it is under every tool, not one the window chooses (not in ToolRegistry).
    std::string id() const override { return {}; }

    bool press(PaneView& view, const QMouseEvent& event) override;
    bool move(PaneView& view, const QMouseEvent& event) override;
    bool release(PaneView& view, const QMouseEvent& event) override;
    /// Forgets a drag in progress (a tool took the next press).
    void cancel() override;

private:
    void windowBy(PaneView& view, const QPoint& delta);
    void panBy(PaneView& view, const QPoint& delta);

    Qt::MouseButton m_button = Qt::NoButton;
    QPoint m_pressPos;
    QPoint m_lastPos;
    bool m_dragged = false;
};

}  // namespace crosscheck::viewer
