#pragma once

#include <Eigen/Core>
#include <QColor>
#include <QPolygonF>
#include <vector>

#include "core/geometry/PatientPoint.h"
#include "core/roi/Roi.h"

class QPainter;

namespace crosscheck::viewer {

class PaneView;

/// The drawing the ROI overlay and the tools share: colours, a brush mask as a
/// translucent label overlay, the selected ROI's handles, lines of pane-frame points as
/// widget polygons. Points are in the pane frame (LPS, mm); drawing is in widget pixels.
namespace shapes {

inline const QColor kRoiColour{60, 200, 255};
inline const QColor kSelectedColour{255, 220, 60};
constexpr double kHandleHalfPx = 3.5;

/// A line of pane-frame points in widget pixels.
QPolygonF toWidget(const PaneView& view, const std::vector<Eigen::Vector3d>& line);
QPolygonF toWidget(const PaneView& view, const std::vector<PatientPoint>& line);

/// Paints the mask where it crosses the pane: a translucent fill with an opaque edge.
/// Only the pixels the mask grid can cover are sampled.
void paintBrushMask(QPainter& painter, const PaneView& view, const BrushMask& mask,
                    const QColor& colour);

/// The ROI's handles that lie on the pane's slice, as small squares.
void paintHandles(QPainter& painter, const PaneView& view, const Roi& roi);

}  // namespace shapes

}  // namespace crosscheck::viewer
