#include "viewer/tools/ToolRegistry.h"

#include <QObject>

#include "viewer/roi/AnnotationLayer.h"
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

template <typename T, typename... Args>
std::function<std::unique_ptr<PaneTool>()> make(Args... args) {
    return [args...] { return std::make_unique<T>(args...); };
}

QString tr(const char* text) {
    return QObject::tr(text);
}

}  // namespace

const std::vector<ToolInfo>& ToolRegistry::tools() {
    // One entry per tool: id, name, key, tool-tip, offered in the window, factory.
    static const std::vector<ToolInfo> registry = {
        {Tool::Navigate, tr("Navigate"), Qt::Key_N,
         tr("Select, move and reshape ROIs; drag to window, click to move the cursor"), true,
         make<NavigateTool>()},
        {Tool::Ellipse, tr("Ellipse ROI"), Qt::Key_E, tr("Drag to draw an ellipse ROI"), true,
         make<EllipseTool>()},
        {Tool::Rectangle, tr("Rectangle ROI"), Qt::Key_T, tr("Drag to draw a rectangle ROI"), true,
         make<RectangleTool>()},
        {Tool::Polygon, tr("Polygon ROI"), Qt::Key_P,
         tr("Click the vertices; click the first one, Enter or double-click to close"), true,
         make<PolygonTool>()},
        {Tool::Freehand, tr("Freehand ROI"), Qt::Key_F, tr("Drag to draw a closed freehand ROI"),
         true, make<FreehandTool>()},
        {Tool::Brush, tr("Brush"), Qt::Key_B, tr("Paint a brush ROI ([ and ] change the radius)"),
         true, make<BrushTool>(false)},
        {Tool::Eraser, tr("Eraser"), Qt::Key_X,
         tr("Erase from a brush ROI ([ and ] change the radius)"), true, make<BrushTool>(true)},
        {Tool::Ruler, tr("Ruler"), Qt::Key_M, tr("Drag to measure a distance"), true,
         make<RulerTool>()},
        {Tool::Bidirectional, tr("Bidirectional (long and short axis)"), Qt::Key_D,
         tr("Drag the long axis; the short axis is drawn across it"), true,
         make<BidirectionalTool>()},
        {Tool::Point, tr("Point"), Qt::Key_O, tr("Click to place a point"), true,
         make<PointTool>()},
        {Tool::Landmark, tr("Registration landmark"), QKeySequence(),
         tr("Click to place a registration landmark"), false, make<LandmarkTool>()},
    };
    return registry;
}

const ToolInfo* ToolRegistry::find(const std::string& id) {
    for (const ToolInfo& tool : tools()) {
        if (tool.id == id) {
            return &tool;
        }
    }
    return nullptr;
}

std::unique_ptr<PaneTool> ToolRegistry::create(const std::string& id) {
    const ToolInfo* tool = find(id);
    return tool != nullptr ? tool->make() : nullptr;
}

}  // namespace crosscheck::viewer
