#pragma once

#include <Eigen/Core>
#include <vector>

#include "core/roi/Roi.h"

namespace crosscheck {

/// A planar ROI (ellipse, rectangle, polygon) prepared for many point tests: its plane and
/// its outline in in-plane coordinates (mm along the plane's u and v axes).
///
/// Built once per measurement, then asked for every candidate voxel. The polygon rule is
/// even-odd (a self-crossing freehand outline counts its overlaps once, its loops as holes).
/// Distances outside an ellipse are measured to a 360-gon inscribed in it (error below
/// 0.004 % of the radius), which is what the surrounding ring needs.
class PlanarShape {
public:
    /// Throws std::invalid_argument unless roi.hasArea().
    explicit PlanarShape(const Roi& roi);

    const RoiPlane& plane() const { return m_plane; }
    bool contains(const Eigen::Vector2d& uvMm) const;
    /// 0 inside; else the distance (mm) from the point to the outline, in the plane.
    double distanceOutside(const Eigen::Vector2d& uvMm) const;
    /// In-plane bounding box of the shape: min and max (u, v), mm.
    Eigen::Vector2d boundsMin() const { return m_min; }
    Eigen::Vector2d boundsMax() const { return m_max; }
    /// The outline as a closed polygon in plane coordinates (no repeated last vertex).
    const std::vector<Eigen::Vector2d>& outline() const { return m_outline; }
    double areaMm2() const { return m_areaMm2; }

private:
    RoiShape m_shape;
    RoiPlane m_plane;
    Eigen::Vector2d m_radii = Eigen::Vector2d::Zero();
    Eigen::Vector2d m_halfSize = Eigen::Vector2d::Zero();
    std::vector<Eigen::Vector2d> m_outline;
    Eigen::Vector2d m_min, m_max;
    double m_areaMm2 = 0.0;
};

/// Distance (mm) from p to the segment a-b.
double distanceToSegment(const Eigen::Vector2d& p, const Eigen::Vector2d& a,
                         const Eigen::Vector2d& b);

}  // namespace crosscheck
