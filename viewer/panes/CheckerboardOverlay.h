#pragma once

#include <QImage>
#include <memory>

#include "core/vocabulary/WindowPresets.h"

class QPainter;

namespace crosscheck {
class Volume;
}

namespace crosscheck::viewer {

class PaneView;

/// The reference series (reference frame) over a pane's series in a checkerboard, to
/// judge their registration (K). Drawn only on synchronized panes showing another volume.
/// The raster is made for the pane's plane, zoom and size and kept until `invalidate`.
class CheckerboardOverlay {
public:
    /// Null turns it off.
    void setReference(std::shared_ptr<const Volume> reference, const WindowLevel& window);
    bool isOn() const { return m_reference != nullptr; }
    void invalidate() { m_raster = QImage(); }
    void paint(QPainter& painter, const PaneView& view);

private:
    std::shared_ptr<const Volume> m_reference;
    WindowLevel m_window;
    QImage m_raster;
};

}  // namespace crosscheck::viewer
