#include "core/roi/RoiEditing.h"

#include <algorithm>
#include <cmath>

namespace crosscheck {

namespace {

/// The point projected into the plane of a planar ROI.
Eigen::Vector3d intoPlane(const Roi& roi, const Eigen::Vector3d& pointMm) {
    const RoiPlane plane = roi.plane();
    return plane.fromPlane(plane.toPlane(pointMm));
}

Roi ellipseHandleMoved(Roi roi, int index, const Eigen::Vector3d& to, double minimumMm) {
    const Eigen::Vector3d& axis = index < 2 ? roi.axisU : roi.axisV;
    const double radius = std::abs((to - roi.centerMm).dot(axis));
    roi.radiiMm[index < 2 ? 0 : 1] = std::max(radius, minimumMm);
    return roi;
}

/// Corner n of a rectangle: 0 (-u,-v), 1 (+u,-v), 2 (+u,+v), 3 (-u,+v).
Eigen::Vector2d cornerSigns(int n) {
    return Eigen::Vector2d(n == 1 || n == 2 ? 1.0 : -1.0, n >= 2 ? 1.0 : -1.0);
}

Roi rectangleHandleMoved(Roi roi, int index, const Eigen::Vector3d& to, double minimumMm) {
    const Eigen::Vector2d signs = cornerSigns(index);
    const Eigen::Vector3d fixed = roi.centerMm - signs[0] * 0.5 * roi.sizeMm[0] * roi.axisU -
                                  signs[1] * 0.5 * roi.sizeMm[1] * roi.axisV;
    const Eigen::Vector3d span = to - fixed;
    // The dragged corner keeps its side of the fixed one, so the axes never flip.
    const double u = std::max(signs[0] * span.dot(roi.axisU), minimumMm);
    const double v = std::max(signs[1] * span.dot(roi.axisV), minimumMm);
    roi.sizeMm = Eigen::Vector2d(u, v);
    roi.centerMm = fixed + 0.5 * (signs[0] * u * roi.axisU + signs[1] * v * roi.axisV);
    return roi;
}

Roi bidirectionalLongEndMoved(Roi roi, int index, const Eigen::Vector3d& to, double minimumMm) {
    const Eigen::Vector3d a0 = roi.pointsMm[0], b0 = roi.pointsMm[1];
    Eigen::Vector3d a = a0, b = b0;
    (index == 0 ? a : b) = to;
    if ((b - a).norm() < minimumMm || (b0 - a0).norm() <= 0.0) {
        return roi;
    }
    // Each short-axis end keeps its fraction along the long axis and its signed distance
    // across it, so the short axis stays perpendicular with its length.
    const Eigen::Vector3d normal = roi.plane().normal();
    const Eigen::Vector3d oldAxis = b0 - a0;
    const Eigen::Vector3d oldAcross = normal.cross(oldAxis.normalized()).normalized();
    const Eigen::Vector3d newAcross = normal.cross((b - a).normalized()).normalized();
    for (std::size_t n = 2; n < 4; ++n) {
        const Eigen::Vector3d rel = roi.pointsMm[n] - a0;
        const double fraction = rel.dot(oldAxis) / oldAxis.squaredNorm();
        const double across = rel.dot(oldAcross);
        roi.pointsMm[n] = a + fraction * (b - a) + across * newAcross;
    }
    roi.pointsMm[0] = a;
    roi.pointsMm[1] = b;
    return roi;
}

Roi bidirectionalShortEndMoved(Roi roi, int index, const Eigen::Vector3d& to, double minimumMm) {
    const Eigen::Vector3d a = roi.pointsMm[0], b = roi.pointsMm[1];
    const Eigen::Vector3d dir = (b - a).normalized();
    const Eigen::Vector3d across = roi.plane().normal().cross(dir).normalized();
    const Eigen::Vector3d other = roi.pointsMm[index == 2 ? 3 : 2];
    const Eigen::Vector3d foot = a + (other - a).dot(dir) * dir;
    const double otherSide = (other - foot).dot(across);
    const double side = (to - foot).dot(across);
    if (std::abs(side - otherSide) < minimumMm) {
        return roi;
    }
    roi.pointsMm[static_cast<std::size_t>(index)] = foot + side * across;
    return roi;
}

}  // namespace

std::vector<Eigen::Vector3d> roiHandles(const Roi& roi) {
    switch (roi.shape) {
        case RoiShape::Ellipse:
            return {roi.centerMm + roi.radiiMm[0] * roi.axisU,
                    roi.centerMm - roi.radiiMm[0] * roi.axisU,
                    roi.centerMm + roi.radiiMm[1] * roi.axisV,
                    roi.centerMm - roi.radiiMm[1] * roi.axisV};
        case RoiShape::Rectangle: {
            std::vector<Eigen::Vector3d> corners;
            for (int n = 0; n < 4; ++n) {
                const Eigen::Vector2d s = cornerSigns(n);
                corners.push_back(roi.centerMm + s[0] * 0.5 * roi.sizeMm[0] * roi.axisU +
                                  s[1] * 0.5 * roi.sizeMm[1] * roi.axisV);
            }
            return corners;
        }
        case RoiShape::Polygon:
        case RoiShape::Ruler:
        case RoiShape::Bidirectional:
            return roi.pointsMm;
        case RoiShape::Point:
            return {roi.centerMm};
        case RoiShape::Sphere:
            return {roi.centerMm + roi.radiusMm * roi.axisU};
        case RoiShape::Brush:
            return {};
    }
    return {};
}

Roi withHandleMoved(const Roi& roi, int index, const Eigen::Vector3d& toMm, double minimumMm) {
    const int count = static_cast<int>(roiHandles(roi).size());
    if (index < 0 || index >= count) {
        return roi;
    }
    const bool planar = roi.shape != RoiShape::Point && roi.shape != RoiShape::Sphere &&
                        roi.shape != RoiShape::Ruler;
    const Eigen::Vector3d to = planar ? intoPlane(roi, toMm) : toMm;
    Roi moved = roi;
    switch (roi.shape) {
        case RoiShape::Ellipse:
            return ellipseHandleMoved(roi, index, to, minimumMm);
        case RoiShape::Rectangle:
            return rectangleHandleMoved(roi, index, to, minimumMm);
        case RoiShape::Polygon:
        case RoiShape::Ruler:
            moved.pointsMm[static_cast<std::size_t>(index)] = to;
            return moved;
        case RoiShape::Bidirectional:
            return index < 2 ? bidirectionalLongEndMoved(roi, index, to, minimumMm)
                             : bidirectionalShortEndMoved(roi, index, to, minimumMm);
        case RoiShape::Point:
            moved.centerMm = to;
            return moved;
        case RoiShape::Sphere:
            moved.radiusMm = std::max((to - roi.centerMm).norm(), minimumMm);
            return moved;
        case RoiShape::Brush:
            break;
    }
    return roi;
}

Roi translatedRoi(const Roi& roi, const Eigen::Vector3d& deltaMm) {
    Eigen::Matrix4d shift = Eigen::Matrix4d::Identity();
    shift.block<3, 1>(0, 3) = deltaMm;
    return roi.transformed(shift, roi.frameOfReferenceUid);
}

}  // namespace crosscheck
