#pragma once

#include <QString>
#include <vector>

namespace crosscheck::viewer {

/// One mouse or keyboard habit of an image pane, as the help lists it.
struct PaneBinding {
    QString input;   ///< "Wheel", "Ctrl + wheel", "3", ...
    QString action;  ///< what it does
};

/// What the mouse and the keys do in an image pane (SlicePaneInput and viewer/tools),
/// for Help > Keyboard and mouse. The CT window presets are listed from core's table,
/// so their names and numbers cannot drift from what the keys select.
std::vector<PaneBinding> paneBindings();

}  // namespace crosscheck::viewer
