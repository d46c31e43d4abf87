#include "viewer/panes/PaneBindings.h"

#include <QCoreApplication>

#include "core/vocabulary/WindowPresets.h"

namespace crosscheck::viewer {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("PaneBindings", text);
}
}  // namespace

std::vector<PaneBinding> paneBindings() {
    std::vector<PaneBinding> bindings = {
        {tr("Click"), tr("Set the cursor (every linked pane follows), or select the ROI under "
                         "the mouse")},
        {tr("Left drag"), tr("Window/level: right widens the window, up raises the level; on "
                             "an ROI, move it; with a drawing tool, draw")},
        {tr("Right drag, Ctrl + wheel"), tr("Zoom about the mouse")},
        {tr("Middle drag"), tr("Pan")},
        {tr("Wheel, Up / Down"), tr("Next / previous slice")},
        {tr("PageUp / PageDown"), tr("Ten slices on / back")},
        {tr("Shift + wheel"), tr("Thicker / thinner slab (5 mm a notch) when View > Slab shows "
                                 "a MIP, MinIP or mean")},
        {tr("Double click"), tr("Maximize the pane / back to the layout")},
        {tr("A, S, C"), tr("Axial, sagittal, coronal")},
        {tr(", / ."), tr("Previous / next volume of a series of several (echoes, b-values, "
                         "time points); also the control at the pane's right edge")},
        {tr("R"), tr("Reset zoom, pan and window")},
    };
    const auto& presets = ctWindowPresets();
    for (std::size_t i = 0; i < presets.size(); ++i) {
        const auto& preset = presets[i];
        bindings.push_back(
            {QString::number(i + 1), tr("CT and sCT: %1 window (W %2, L %3); MR: automatic window")
                                         .arg(QString::fromStdString(preset.name))
                                         .arg(preset.window.width)
                                         .arg(preset.window.level)});
    }
    const std::vector<PaneBinding> drawing = {
        {tr("Drag a handle"), tr("Reshape the selected ROI (with any tool)")},
        {tr("Enter, double click, click the first vertex"), tr("Close the polygon being drawn")},
        {tr("Esc"), tr("Stop drawing the shape or polygon in progress (a move or stroke "
                       "already made stays; Ctrl+Z undoes it)")},
        {tr("[ / ]"), tr("Smaller / larger brush")},
        {tr("Click (Landmark tool)"), tr("Place a registration landmark")},
        {tr("Alt + arrows"), tr("Shift this series 0.5 mm (registration by hand; synchronized "
                                "panes only)")},
        {tr("Alt + PageUp / PageDown"), tr("Turn this series 0.5 degrees about the cursor "
                                           "(synchronized panes only)")},
        {tr("Drop a series"), tr("Show the series from the browser in this pane")},
    };
    bindings.insert(bindings.end(), drawing.begin(), drawing.end());
    return bindings;
}

}  // namespace crosscheck::viewer
