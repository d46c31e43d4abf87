#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/geometry/PatientPoint.h"
#include "core/roi/Roi.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneTool.h"
#include "viewer/tools/RoiDrag.h"

namespace crosscheck::viewer {

/// The Brush (B) and the Eraser (X): a stroke paints (or clears) discs of the layer's
/// brush radius on the pane's slice, one disc every half radius along the mouse's path.
/// The brush adds to the selected brush ROI, else starts a new one on the series' voxel
/// grid; the eraser edits the selected brush ROI or the one under the mouse. A stroke,
/// creating the ROI included, is one undo step. The brush's outline follows the mouse.
///
/// The stroke paints a working copy of the mask and hands the history a snapshot after
/// each step, so the pane always shows the stroke as painted. Pane frame, LPS mm.
class BrushTool : public PaneTool {
public:
    explicit BrushTool(bool erases) : m_erases(erases) {}

    std::string id() const override {
        return m_erases ? AnnotationLayer::Tool::Eraser : AnnotationLayer::Tool::Brush;
    }

    bool press(PaneView& view, const QMouseEvent& event) override;
    bool move(PaneView& view, const QMouseEvent& event) override;
    bool release(PaneView& view, const QMouseEvent& event) override;
    void cancel() override;
    void paint(QPainter& painter, const PaneView& view) const override;

    /// The brush radius keys, which work under every tool (the pane routes every key here
    /// that the active tool declines): ] makes the radius of the view's annotation layer
    /// 1.25 times larger, [ 0.8 times. True when the key is one of them.
    static bool radiusKey(PaneView& view, const QKeyEvent& event);

private:
    /// The brush ROI the stroke edits: the selected one, else (eraser) the one under the
    /// mouse; empty for a new one.
    std::string target(const PaneView& view, const QPointF& pixel) const;
    void beginStroke(PaneView& view, const std::string& id, const PatientPoint& at);
    void strokeTo(PaneView& view, const PatientPoint& to);
    void commit(PaneView& view);

    bool m_erases;
    RoiDrag m_handleDrag;
    bool m_painting = false;
    bool m_moved = false;
    std::string m_id;
    std::shared_ptr<BrushMask> m_mask;
    PatientPoint m_last;
    std::uint64_t m_mergeKey = 0;
};

}  // namespace crosscheck::viewer
