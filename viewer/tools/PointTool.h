#pragma once

#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/DragShapeTool.h"

namespace crosscheck::viewer {

/// The Point tool (O): a point ROI where the button went down (a slip before the release
/// does not move it); nothing is drawn while the button is held.
class PointTool : public DragShapeTool {
public:
    std::string id() const override { return AnnotationLayer::Tool::Point; }

protected:
    void finish(AnnotationLayer& layer, const Drag& drag) override {
        layer.addRoi(Roi::point(layer.referenceFrameUid(), drag.start.mm));
    }
};

}  // namespace crosscheck::viewer
