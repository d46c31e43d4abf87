#include "viewer/roi/RoiOutline.h"

#include <cmath>

namespace crosscheck::viewer {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// The boundary of an area ROI as a polygon in patient space.
std::vector<Eigen::Vector3d> boundary(const Roi& roi) {
    std::vector<Eigen::Vector3d> points;
    switch (roi.shape) {
        case RoiShape::Ellipse:
            for (int n = 0; n < 72; ++n) {
                const double a = 2.0 * kPi * n / 72.0;
                points.push_back(roi.centerMm + roi.axisU * roi.radiiMm[0] * std::cos(a) +
                                 roi.axisV * roi.radiiMm[1] * std::sin(a));
            }
            break;
        case RoiShape::Rectangle: {
            const Eigen::Vector3d u = roi.axisU * 0.5 * roi.sizeMm[0];
            const Eigen::Vector3d v = roi.axisV * 0.5 * roi.sizeMm[1];
            points = {roi.centerMm - u - v, roi.centerMm + u - v, roi.centerMm + u + v,
                      roi.centerMm - u + v};
            break;
        }
        case RoiShape::Polygon:
            points = roi.pointsMm;
            break;
        default:
            break;
    }
    return points;
}

}  // namespace

RoiOnPlane roiOnPlane(const Roi& roi, const Eigen::Vector3d& planePoint,
                      const Eigen::Vector3d& planeNormal, double toleranceMm) {
    RoiOnPlane result;
    const Eigen::Vector3d n = planeNormal.normalized();
    auto distance = [&](const Eigen::Vector3d& p) { return n.dot(p - planePoint); };
    if (roi.isLinear()) {
        for (std::size_t i = 0; i + 1 < roi.pointsMm.size(); i += 2) {
            const auto& a = roi.pointsMm[i];
            const auto& b = roi.pointsMm[i + 1];
            if (std::abs(distance(a)) <= toleranceMm && std::abs(distance(b)) <= toleranceMm) {
                result.lines.emplace_back(a, b);
            }
        }
        return result;
    }
    const std::vector<Eigen::Vector3d> polygon = boundary(roi);
    if (polygon.size() < 3) {
        return result;
    }
    bool allInPlane = true;
    for (const auto& p : polygon) {
        allInPlane = allInPlane && std::abs(distance(p)) <= toleranceMm;
    }
    if (allInPlane) {
        result.outline = polygon;
        return result;
    }
    // The plane cuts the ROI's area along a segment between two boundary crossings.
    std::vector<Eigen::Vector3d> crossings;
    for (std::size_t i = 0; i < polygon.size(); ++i) {
        const auto& a = polygon[i];
        const auto& b = polygon[(i + 1) % polygon.size()];
        const double da = distance(a);
        const double db = distance(b);
        if ((da < 0) != (db < 0)) {
            crossings.push_back(a + (b - a) * (da / (da - db)));
        }
    }
    if (crossings.size() >= 2) {
        result.lines.emplace_back(crossings.front(), crossings.back());
    }
    return result;
}

}  // namespace crosscheck::viewer
