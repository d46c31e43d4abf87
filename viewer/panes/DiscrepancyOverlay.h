#pragma once

#include <QImage>
#include <QRect>

#include "viewer/analysis/SliceRaster.h"

class QPainter;

namespace crosscheck::viewer {

class DiscrepancyLayer;
class PaneView;

/// The CT-versus-sCT analysis drawn on one pane: the difference map (CT panes) and the
/// flagged regions' outlines (every synchronized pane) as rasters, a colour legend on the
/// CT, and on the sCT a banner that cannot be missed when the sCT lacks dense tissue the
/// CT shows. The analysis lives on the CT grid in the reference frame, so only
/// synchronized panes place it.
///
/// The rasters are made for the pane's plane, zoom and size and kept until `invalidate`
/// (the pane calls it when one of those changes): not redone on every frame.
class DiscrepancyOverlay {
public:
    void setLayer(const DiscrepancyLayer* layer) { m_layer = layer; }
    void invalidate() { m_valid = false; }

    /// Makes the rasters for the pane's current plane if they are not made yet (paintRasters
    /// would, at the paint): the pane calls it while its image is being rasterized.
    void prepare(const PaneView& view);
    /// The difference and the outlines, under the pane's text overlay.
    void paintRasters(QPainter& painter, const PaneView& view);
    /// The colour bar of the difference (CT panes showing it).
    void paintLegend(QPainter& painter, const PaneView& view) const;
    /// The warning banner (sCT panes, when regions are flagged).
    void paintBanner(QPainter& painter, const PaneView& view) const;

private:
    bool showsResult(const PaneView& view) const;
    void makeRasters(const PaneView& view);
    QRect regionsFootprint(const PaneView& view) const;

    const DiscrepancyLayer* m_layer = nullptr;
    QImage m_difference;
    PlacedImage m_outlines;
    bool m_valid = false;
};

}  // namespace crosscheck::viewer
