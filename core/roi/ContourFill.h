#pragma once

#include <Eigen/Core>
#include <vector>

namespace crosscheck {

/// A closed polygon in the continuous pixel coordinates of one image plane (i along a row,
/// j down the columns; (0, 0) is the centre of the first pixel). The last point joins the
/// first.
using PixelPolygon = std::vector<Eigen::Vector2d>;

/// True when two edges of the polygon that do not share a vertex cross or touch (a figure
/// eight, a loop drawn over itself). Repeated consecutive points are ignored.
bool selfIntersects(const PixelPolygon& polygon);

/// The pixels (i, j) of a columns x rows image whose centre lies inside the polygons by the
/// even-odd rule: a centre is inside when a ray from it towards +i crosses the polygons'
/// edges an odd number of times, so a contour inside another is a hole and two overlapping
/// contours cancel where they overlap (DICOM RTSTRUCT's convention for the contours of one
/// ROI on one slice). An edge counts when exactly one of its ends has j > the centre's j
/// (half-open), so a centre on a horizontal edge is decided the same way each time.
std::vector<Eigen::Vector2i> fillEvenOdd(const std::vector<PixelPolygon>& polygons, int columns,
                                         int rows);

}  // namespace crosscheck
