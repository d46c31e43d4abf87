#include "core/roi/PlanarShape.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace crosscheck {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr int kEllipseVertices = 360;
}  // namespace

double distanceToSegment(const Eigen::Vector2d& p, const Eigen::Vector2d& a,
                         const Eigen::Vector2d& b) {
    const Eigen::Vector2d ab = b - a;
    const double len2 = ab.squaredNorm();
    const double t = len2 > 0.0 ? std::clamp((p - a).dot(ab) / len2, 0.0, 1.0) : 0.0;
    return (a + t * ab - p).norm();
}

PlanarShape::PlanarShape(const Roi& roi) : m_shape(roi.shape), m_plane(roi.plane()) {
    if (!roi.hasArea()) {
        throw std::invalid_argument(std::string("not an area shape: ") + toString(roi.shape));
    }
    switch (roi.shape) {
        case RoiShape::Ellipse:
            m_radii = roi.radiiMm;
            for (int n = 0; n < kEllipseVertices; ++n) {
                const double a = 2.0 * kPi * n / kEllipseVertices;
                m_outline.emplace_back(m_radii.x() * std::cos(a), m_radii.y() * std::sin(a));
            }
            m_areaMm2 = kPi * m_radii.x() * m_radii.y();
            break;
        case RoiShape::Rectangle:
            m_halfSize = 0.5 * roi.sizeMm;
            m_outline = {{-m_halfSize.x(), -m_halfSize.y()},
                         {m_halfSize.x(), -m_halfSize.y()},
                         {m_halfSize.x(), m_halfSize.y()},
                         {-m_halfSize.x(), m_halfSize.y()}};
            m_areaMm2 = roi.sizeMm.x() * roi.sizeMm.y();
            break;
        case RoiShape::Polygon:
        default: {
            for (const auto& p : roi.pointsMm) {
                m_outline.push_back(m_plane.toPlane(p));
            }
            double twice = 0.0;
            for (std::size_t i = 0; i < m_outline.size(); ++i) {
                const auto& a = m_outline[i];
                const auto& b = m_outline[(i + 1) % m_outline.size()];
                twice += a.x() * b.y() - b.x() * a.y();
            }
            m_areaMm2 = 0.5 * std::abs(twice);
            break;
        }
    }
    m_min = Eigen::Vector2d::Constant(std::numeric_limits<double>::max());
    m_max = -m_min;
    for (const auto& p : m_outline) {
        m_min = m_min.cwiseMin(p);
        m_max = m_max.cwiseMax(p);
    }
    if (m_shape == RoiShape::Ellipse) {
        m_min = -m_radii;
        m_max = m_radii;
    }
}

bool PlanarShape::contains(const Eigen::Vector2d& uv) const {
    switch (m_shape) {
        case RoiShape::Ellipse: {
            const Eigen::Vector2d q = uv.cwiseQuotient(m_radii);
            return q.squaredNorm() <= 1.0;
        }
        case RoiShape::Rectangle:
            return std::abs(uv.x()) <= m_halfSize.x() && std::abs(uv.y()) <= m_halfSize.y();
        case RoiShape::Polygon:
        default: {
            bool inside = false;
            const std::size_t n = m_outline.size();
            for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
                const auto& a = m_outline[i];
                const auto& b = m_outline[j];
                if ((a.y() > uv.y()) != (b.y() > uv.y()) &&
                    uv.x() < (b.x() - a.x()) * (uv.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                    inside = !inside;
                }
            }
            return inside;
        }
    }
}

double PlanarShape::distanceOutside(const Eigen::Vector2d& uv) const {
    if (contains(uv)) {
        return 0.0;
    }
    double best = std::numeric_limits<double>::max();
    const std::size_t n = m_outline.size();
    for (std::size_t i = 0; i < n; ++i) {
        best = std::min(best, distanceToSegment(uv, m_outline[i], m_outline[(i + 1) % n]));
    }
    return best;
}

}  // namespace crosscheck
