#pragma once

#include <QFont>

#include <QPointF>
#include <QString>
#include <QStringList>
#include <optional>

class QPainter;

namespace crosscheck::viewer {

/// Everything drawn over a pane's image, already in widget pixels and display text.
struct PaneOverlay {
    QStringList topLeft;               ///< patient, series, role
    QStringList topRight;              ///< slice position, window, zoom
    QString probe;                     ///< value under the mouse, bottom left
    QString badge;                     ///< sync basis, top centre
    bool badgeIsWarning = false;       ///< red when the pane is not synchronized
    QString watermark;                 ///< for synthetic series, bottom centre
    QString left, right, top, bottom;  ///< orientation letters at the edges
    std::optional<QPointF> crosshair;  ///< cursor position in widget pixels
    double pixelsPerMm = 0.0;          ///< for the scale bar
};

/// Where the top orientation letter ends (y, pixels from the pane's top) for an overlay
/// drawn with `base`'s font: banners start below it instead of hiding it.
int overlayTopLetterBottom(const QFont& base);
/// Where the bottom orientation letter starts, relative to the pane's height (a negative
/// offset): labels at the bottom end above it.
int overlayBottomLetterTop(const QFont& base);

/// Paints the overlay on a pane of the given size (logical pixels).
void paintPaneOverlay(QPainter& painter, const PaneOverlay& overlay, int width, int height);

}  // namespace crosscheck::viewer
