#pragma once

#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneTool.h"
#include "viewer/tools/RoiDrag.h"

namespace crosscheck::viewer {

/// The Navigate tool (N): a left press on an ROI selects it and drags it, on a handle of
/// the selected ROI reshapes it (each drag one undo step); a press elsewhere clears the
/// selection and is declined, so the pane's navigation windows (drag) or moves the
/// cursor (click). Only synchronized panes edit: ROIs live in the reference frame.
class NavigateTool : public PaneTool {
public:
    std::string id() const override { return AnnotationLayer::Tool::Navigate; }

    bool press(PaneView& view, const QMouseEvent& event) override;
    bool move(PaneView& view, const QMouseEvent& event) override;
    bool release(PaneView& view, const QMouseEvent& event) override;
    void cancel() override { m_drag.clear(); }

private:
    RoiDrag m_drag;
};

}  // namespace crosscheck::viewer
