#include "core/roi/Roi.h"
#include "core/geometry/FrameTransform.h"

#include <Eigen/Geometry>
#include <cctype>
#include <cmath>

namespace crosscheck {

namespace {

constexpr RoiShape kShapes[] = {RoiShape::Ellipse, RoiShape::Rectangle,     RoiShape::Polygon,
                                RoiShape::Ruler,   RoiShape::Bidirectional, RoiShape::Point,
                                RoiShape::Sphere,  RoiShape::Brush};

Eigen::Vector3d mapPoint(const Eigen::Matrix4d& m, const Eigen::Vector3d& p) {
    return applyAffine(m, p);
}

Eigen::Vector3d mapDirection(const Eigen::Matrix4d& m, const Eigen::Vector3d& d) {
    return m.topLeftCorner<3, 3>() * d;
}

bool finite(const Eigen::Vector3d& v) {
    return v.allFinite();
}

/// A unit vector orthogonal to n.
Eigen::Vector3d anyPerpendicular(const Eigen::Vector3d& n) {
    const Eigen::Vector3d other =
        std::abs(n.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
    return n.cross(other).normalized();
}

}  // namespace

const char* toString(RoiShape shape) {
    switch (shape) {
        case RoiShape::Ellipse:
            return "ellipse";
        case RoiShape::Rectangle:
            return "rectangle";
        case RoiShape::Polygon:
            return "polygon";
        case RoiShape::Ruler:
            return "ruler";
        case RoiShape::Bidirectional:
            return "bidirectional";
        case RoiShape::Point:
            return "point";
        case RoiShape::Sphere:
            return "sphere";
        case RoiShape::Brush:
        default:
            return "brush";
    }
}

std::optional<RoiShape> roiShapeFromString(const std::string& text) {
    std::string lower;
    for (char c : text) {
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lower == "freehand") {
        return RoiShape::Polygon;
    }
    for (RoiShape s : kShapes) {
        if (lower == toString(s)) {
            return s;
        }
    }
    return std::nullopt;
}

Eigen::Vector2d RoiPlane::toPlane(const Eigen::Vector3d& pointMm) const {
    const Eigen::Vector3d d = pointMm - originMm;
    return {d.dot(axisU), d.dot(axisV)};
}

Eigen::Vector3d RoiPlane::fromPlane(const Eigen::Vector2d& uvMm) const {
    return originMm + uvMm.x() * axisU + uvMm.y() * axisV;
}

double RoiPlane::distance(const Eigen::Vector3d& pointMm) const {
    return (pointMm - originMm).dot(normal());
}

Roi Roi::ellipse(const std::string& frame, const Eigen::Vector3d& center, const Eigen::Vector3d& u,
                 const Eigen::Vector3d& v, const Eigen::Vector2d& radii) {
    Roi r;
    r.shape = RoiShape::Ellipse;
    r.frameOfReferenceUid = frame;
    r.centerMm = center;
    r.axisU = u;
    r.axisV = v;
    r.radiiMm = radii;
    return r;
}

Roi Roi::rectangle(const std::string& frame, const Eigen::Vector3d& center,
                   const Eigen::Vector3d& u, const Eigen::Vector3d& v,
                   const Eigen::Vector2d& size) {
    Roi r = ellipse(frame, center, u, v, Eigen::Vector2d::Zero());
    r.shape = RoiShape::Rectangle;
    r.sizeMm = size;
    return r;
}

Roi Roi::polygon(const std::string& frame, const std::vector<Eigen::Vector3d>& points) {
    Roi r;
    r.shape = RoiShape::Polygon;
    r.frameOfReferenceUid = frame;
    r.pointsMm = points;
    return r;
}

Roi Roi::ruler(const std::string& frame, const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
    Roi r = polygon(frame, {a, b});
    r.shape = RoiShape::Ruler;
    return r;
}

Roi Roi::bidirectional(const std::string& frame, const Eigen::Vector3d& longA,
                       const Eigen::Vector3d& longB, const Eigen::Vector3d& shortA,
                       const Eigen::Vector3d& shortB) {
    Roi r = polygon(frame, {longA, longB, shortA, shortB});
    r.shape = RoiShape::Bidirectional;
    return r;
}

Roi Roi::point(const std::string& frame, const Eigen::Vector3d& p) {
    Roi r;
    r.shape = RoiShape::Point;
    r.frameOfReferenceUid = frame;
    r.centerMm = p;
    return r;
}

Roi Roi::sphere(const std::string& frame, const Eigen::Vector3d& center, double radiusMm) {
    Roi r = point(frame, center);
    r.shape = RoiShape::Sphere;
    r.radiusMm = radiusMm;
    return r;
}

Roi Roi::brush(const std::string& frame, std::shared_ptr<const BrushMask> mask) {
    Roi r;
    r.shape = RoiShape::Brush;
    r.frameOfReferenceUid = frame;
    r.mask = std::move(mask);
    return r;
}

bool Roi::hasArea() const {
    return shape == RoiShape::Ellipse || shape == RoiShape::Rectangle || shape == RoiShape::Polygon;
}

bool Roi::isLinear() const {
    return shape == RoiShape::Ruler || shape == RoiShape::Bidirectional;
}

RoiPlane Roi::plane() const {
    RoiPlane p;
    if (shape == RoiShape::Ellipse || shape == RoiShape::Rectangle || pointsMm.empty()) {
        p.originMm = centerMm;
        p.axisU = axisU.normalized();
        p.axisV = (axisV - axisV.dot(p.axisU) * p.axisU).normalized();
        return p;
    }
    Eigen::Vector3d centroid = Eigen::Vector3d::Zero();
    for (const auto& q : pointsMm) {
        centroid += q;
    }
    centroid /= static_cast<double>(pointsMm.size());
    p.originMm = centroid;
    Eigen::Vector3d normal = Eigen::Vector3d::Zero();
    Eigen::Vector3d u = Eigen::Vector3d::Zero();
    if (shape == RoiShape::Bidirectional && pointsMm.size() == 4) {
        u = (pointsMm[1] - pointsMm[0]).normalized();
        normal = u.cross(pointsMm[3] - pointsMm[2]);
    } else if (pointsMm.size() >= 3) {
        // Newell's method: robust for any simple polygon, convex or not.
        for (std::size_t i = 0; i < pointsMm.size(); ++i) {
            const Eigen::Vector3d& a = pointsMm[i];
            const Eigen::Vector3d& b = pointsMm[(i + 1) % pointsMm.size()];
            normal += Eigen::Vector3d((a.y() - b.y()) * (a.z() + b.z()),
                                      (a.z() - b.z()) * (a.x() + b.x()),
                                      (a.x() - b.x()) * (a.y() + b.y()));
        }
        u = pointsMm[1] - pointsMm[0];
    } else if (pointsMm.size() == 2) {
        u = (pointsMm[1] - pointsMm[0]).normalized();
        normal = anyPerpendicular(u);
    }
    if (normal.norm() < 1e-12) {
        normal = Eigen::Vector3d::UnitZ();
    }
    normal.normalize();
    u -= u.dot(normal) * normal;
    if (u.norm() < 1e-12) {
        u = anyPerpendicular(normal);
    }
    p.axisU = u.normalized();
    p.axisV = normal.cross(p.axisU).normalized();
    return p;
}

Roi Roi::transformed(const Eigen::Matrix4d& m, const std::string& toFrame) const {
    Roi r = *this;
    r.frameOfReferenceUid = toFrame;
    r.centerMm = mapPoint(m, centerMm);
    r.axisU = mapDirection(m, axisU);
    r.axisV = mapDirection(m, axisV);
    for (auto& p : r.pointsMm) {
        p = mapPoint(m, p);
    }
    if (mask) {
        auto moved = std::make_shared<BrushMask>(*mask);
        moved->geometry =
            VolumeGeometry(mask->geometry.dims(), m * mask->geometry.indexToPatient());
        r.mask = moved;
    }
    return r;
}

std::string Roi::validate() const {
    auto unitOrthogonal = [&]() -> std::string {
        if (!finite(axisU) || !finite(axisV) || std::abs(axisU.norm() - 1.0) > 1e-3 ||
            std::abs(axisV.norm() - 1.0) > 1e-3) {
            return "axis_u and axis_v must be unit vectors";
        }
        if (std::abs(axisU.dot(axisV)) > 1e-3) {
            return "axis_u and axis_v must be orthogonal";
        }
        return {};
    };
    for (const auto& p : pointsMm) {
        if (!finite(p)) {
            return "a point is not finite";
        }
    }
    if (!finite(centerMm)) {
        return "center_mm is not finite";
    }
    switch (shape) {
        case RoiShape::Ellipse:
            if (!(radiiMm.minCoeff() > 0.0) || !radiiMm.allFinite()) {
                return "radii_mm must be positive";
            }
            return unitOrthogonal();
        case RoiShape::Rectangle:
            if (!(sizeMm.minCoeff() > 0.0) || !sizeMm.allFinite()) {
                return "size_mm must be positive";
            }
            return unitOrthogonal();
        case RoiShape::Polygon:
            return pointsMm.size() >= 3 ? std::string() : "a polygon needs at least 3 points";
        case RoiShape::Ruler:
            return pointsMm.size() == 2 ? std::string() : "a ruler needs exactly 2 points";
        case RoiShape::Bidirectional:
            return pointsMm.size() == 4
                       ? std::string()
                       : "a bidirectional needs 2 long-axis and 2 short-axis points";
        case RoiShape::Point:
            return {};
        case RoiShape::Sphere:
            return radiusMm > 0.0 && std::isfinite(radiusMm) ? std::string()
                                                             : "radius_mm must be positive";
        case RoiShape::Brush:
        default:
            return mask && mask->isValid() ? std::string()
                                           : "the brush mask does not match its grid";
    }
}

bool Roi::operator==(const Roi& o) const {
    if (shape != o.shape || frameOfReferenceUid != o.frameOfReferenceUid ||
        centerMm != o.centerMm || axisU != o.axisU || axisV != o.axisV || radiiMm != o.radiiMm ||
        sizeMm != o.sizeMm || pointsMm != o.pointsMm || radiusMm != o.radiusMm ||
        importedFrom != o.importedFrom) {
        return false;
    }
    if (static_cast<bool>(mask) != static_cast<bool>(o.mask)) {
        return false;
    }
    return !mask || mask == o.mask || *mask == *o.mask;
}

}  // namespace crosscheck
