#pragma once

#include <vector>

#include "core/geometry/PatientPoint.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneTool.h"
#include "viewer/tools/RoiDrag.h"

namespace crosscheck::viewer {

/// The Polygon tool (P): each click adds a vertex; a click on the first vertex (within
/// 8 pixels, from the fourth click), Enter or a double click closes the polygon into an
/// ROI (one undo step) when it is valid. A rubber band follows the mouse meanwhile. With
/// no polygon begun, a press on a handle of the selected ROI reshapes it. Vertices are in
/// the pane frame (the reference frame), LPS mm.
class PolygonTool : public PaneTool {
public:
    std::string id() const override { return AnnotationLayer::Tool::Polygon; }

    bool press(PaneView& view, const QMouseEvent& event) override;
    bool move(PaneView& view, const QMouseEvent& event) override;
    bool release(PaneView& view, const QMouseEvent& event) override;
    bool doubleClick(PaneView& view, const QMouseEvent& event) override;
    bool key(PaneView& view, const QKeyEvent& event) override;
    void cancel() override;
    bool collectsClicks() const override { return !m_points.empty(); }
    void paint(QPainter& painter, const PaneView& view) const override;

private:
    void addVertexOrClose(PaneView& view, const QPointF& pixel);
    void finish(PaneView& view);

    RoiDrag m_handleDrag;
    std::vector<PatientPoint> m_points;
    PatientPoint m_current;  ///< the rubber band's free end
};

}  // namespace crosscheck::viewer
