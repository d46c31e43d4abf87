#include "viewer/tools/ToolRegistry.h"

#include <functional>
#include <map>

#include "viewer/tools/BidirectionalTool.h"
#include "viewer/tools/BrushTool.h"
#include "viewer/tools/EllipseTool.h"
#include "viewer/tools/FreehandTool.h"
#include "viewer/tools/LandmarkTool.h"
#include "viewer/tools/NavigateTool.h"
#include "viewer/tools/PointTool.h"
#include "viewer/tools/PolygonTool.h"
#include "viewer/tools/RectangleTool.h"
#include "viewer/tools/RulerTool.h"

namespace crosscheck::viewer {

namespace {

using Tool = AnnotationLayer::Tool;
using Factory = std::function<std::unique_ptr<PaneTool>()>;

template <typename T, typename... Args>
Factory make(Args... args) {
    return [args...] { return std::make_unique<T>(args...); };
}

const std::map<Tool, Factory>& factories() {
    // One line per tool.
    static const std::map<Tool, Factory> registry = {
        {Tool::Navigate, make<NavigateTool>()},
        {Tool::Ellipse, make<EllipseTool>()},
        {Tool::Rectangle, make<RectangleTool>()},
        {Tool::Polygon, make<PolygonTool>()},
        {Tool::Freehand, make<FreehandTool>()},
        {Tool::Brush, make<BrushTool>(false)},
        {Tool::Eraser, make<BrushTool>(true)},
        {Tool::Ruler, make<RulerTool>()},
        {Tool::Bidirectional, make<BidirectionalTool>()},
        {Tool::Point, make<PointTool>()},
        {Tool::Landmark, make<LandmarkTool>()},
    };
    return registry;
}

}  // namespace

std::unique_ptr<PaneTool> ToolRegistry::create(AnnotationLayer::Tool tool) {
    const auto& registry = factories();
    const auto it = registry.find(tool);
    return it != registry.end() ? it->second() : std::make_unique<NavigateTool>();
}

}  // namespace crosscheck::viewer
