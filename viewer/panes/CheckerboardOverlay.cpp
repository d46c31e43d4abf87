#include "viewer/panes/CheckerboardOverlay.h"

#include <QPainter>

#include "viewer/analysis/SliceRaster.h"
#include "viewer/tools/PaneView.h"

namespace crosscheck::viewer {

void CheckerboardOverlay::setReference(std::shared_ptr<const Volume> reference,
                                       const WindowLevel& window) {
    m_reference = std::move(reference);
    m_window = window;
    invalidate();
}

void CheckerboardOverlay::paint(QPainter& painter, const PaneView& view) {
    if (!m_reference || !view.hasSeries() || !view.series().referenceToSeries ||
        m_reference == view.series().volume) {
        return;
    }
    if (m_raster.isNull()) {
        const double low = m_window.level - 0.5 * m_window.width;
        m_raster = checkerboardImage(*m_reference, Eigen::Matrix4d::Identity(), view.pixelMapping(),
                                     view.paneSize(), low, low + m_window.width, 16.0);
    }
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.drawImage(QRect(QPoint(0, 0), view.paneSize()), m_raster);
    painter.restore();
}

}  // namespace crosscheck::viewer
