#pragma once

#include "core/geometry/PatientPoint.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneTool.h"

namespace crosscheck::viewer {

/// The Landmark tool (L): a left click places a registration landmark (LandmarkSet) at
/// the point clicked: a fixed one on a reference-frame series, else a moving one in the
/// series' own frame, so it works on panes that are not synchronized yet.
class LandmarkTool : public PaneTool {
public:
    std::string id() const override { return AnnotationLayer::Tool::Landmark; }

    bool press(PaneView& view, const QMouseEvent& event) override;

    /// Places a landmark at a pane-frame point; false without landmarks or a series.
    static bool place(PaneView& view, const PatientPoint& panePoint);
};

}  // namespace crosscheck::viewer
