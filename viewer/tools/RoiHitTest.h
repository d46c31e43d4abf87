#pragma once

#include <QPointF>
#include <string>

#include "core/roi/Roi.h"

namespace crosscheck::viewer {

class PaneView;

/// Which ROI, or which handle of one, is under a widget pixel of a pane: what the select,
/// move and eraser tools grab. Distances are in widget pixels (a grab is as easy at any
/// zoom); ROIs are compared where they cross the pane's slice, in the pane frame.
namespace hits {

constexpr double kGrabPx = 6.0;

double distancePx(const QPointF& a, const QPointF& b);
/// The id of the topmost reference-frame ROI under the pixel, or empty.
std::string roiAt(const PaneView& view, const QPointF& pixel);
/// The index of the ROI's handle on this slice under the pixel, or -1.
int handleAt(const PaneView& view, const Roi& roi, const QPointF& pixel);

}  // namespace hits

}  // namespace crosscheck::viewer
