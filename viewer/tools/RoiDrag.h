#pragma once

#include <QPointF>
#include <cstdint>
#include <string>

#include "core/geometry/PatientPoint.h"
#include "core/roi/Roi.h"

namespace crosscheck::viewer {

class PaneView;

/// Dragging an existing ROI on a pane: by one of its handles (resize, reshape) or as a
/// whole (move). Every change of one drag goes under one history merge key, so the drag
/// is one undo step. Points are in the pane frame (the reference frame: only
/// synchronized panes edit ROIs), LPS mm. Shared by the navigate tool (move, handles)
/// and the drawing tools (handles of the selected ROI): a tool calls beginOnHandle in its
/// press, moveTo in its move and endAt in its left release, one line each.
class RoiDrag {
public:
    /// Starts on a handle of the selected ROI under the pixel; false when there is none.
    bool beginOnHandle(PaneView& view, const QPointF& pixel);
    /// Starts moving annotation `id` (already selected) from the pixel.
    void beginMove(PaneView& view, const std::string& id, const QPointF& pixel);
    bool active() const { return m_kind != Kind::None; }
    /// Applies the drag up to the pixel: the ROI as it was at the press, moved or reshaped.
    void dragTo(PaneView& view, const QPointF& pixel);
    /// A tool's mouse move: applies the drag in progress up to the pixel; false (nothing
    /// done) when there is none, so the tool goes on with its own gesture.
    bool moveTo(PaneView& view, const QPointF& pixel);
    /// A tool's left release: applies the drag in progress up to the pixel and ends it;
    /// false (nothing done) when there is none.
    bool endAt(PaneView& view, const QPointF& pixel);
    void clear() { *this = RoiDrag{}; }

private:
    enum class Kind { None, Move, Handle };
    Kind m_kind = Kind::None;
    std::string m_id;
    Roi m_original;
    int m_handle = -1;
    PatientPoint m_pressedAt;
    std::uint64_t m_mergeKey = 0;
};

}  // namespace crosscheck::viewer
