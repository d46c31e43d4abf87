#pragma once

#include <memory>

#include "viewer/roi/AnnotationLayer.h"
#include "viewer/tools/PaneTool.h"

namespace crosscheck::viewer {

/// Which PaneTool object does the work of each tool the window offers (the tools are
/// chosen by AnnotationLayer::setTool, as the toolbar, the keys and the landmark dialog
/// do). Each pane makes its own tool objects: a gesture belongs to one pane.
///
/// A new tool is one file in viewer/tools/ and one line in ToolRegistry.cpp (plus its
/// name in AnnotationLayer::Tool if the window offers it).
class ToolRegistry {
public:
    /// The tool for `tool`; never null (an unknown id gets the navigate tool).
    static std::unique_ptr<PaneTool> create(AnnotationLayer::Tool tool);
};

}  // namespace crosscheck::viewer
