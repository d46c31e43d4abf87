#pragma once

#include <QKeySequence>
#include <QString>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "viewer/tools/PaneTool.h"

namespace crosscheck::viewer {

/// One tool as the registry knows it: what the window shows of it and how a pane makes it.
struct ToolInfo {
    std::string id;  ///< what AnnotationLayer::setTool takes; the tool's PaneTool::id()
    QString name;    ///< for the Tools menu, the toolbar and the keyboard help
    QKeySequence key;
    QString toolTip;
    /// False for a tool the window chooses by other means (the landmark dialog's): it is
    /// then not in the Tools menu or the toolbar.
    bool offered = true;
    std::function<std::unique_ptr<PaneTool>()> make;
};

/// The pane's tools, in the order of the Tools menu and the toolbar; the window builds
/// both from this list, and each pane makes its tool objects here when
/// AnnotationLayer::setTool chooses one (a gesture belongs to one pane).
///
/// A new tool is its file in viewer/tools/, its line (and #include) in the list in
/// ToolRegistry.cpp, and its line in viewer/tools/CMakeLists.txt.
class ToolRegistry {
public:
    static const std::vector<ToolInfo>& tools();
    /// The tool with this id, or null.
    static const ToolInfo* find(const std::string& id);
    /// A new object of the tool with this id; null for an id no tool has.
    static std::unique_ptr<PaneTool> create(const std::string& id);
};

}  // namespace crosscheck::viewer
