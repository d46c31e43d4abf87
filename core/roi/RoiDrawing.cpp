#include "core/roi/RoiDrawing.h"

#include <algorithm>
#include <cmath>

#include "core/roi/PlanarShape.h"

namespace crosscheck {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kParallelCos = 0.99984769515639127;  // cos(1 degree)
constexpr int kCircleVertices = 96;

/// Chords where the line {origin + t dir} (ROI plane coordinates) crosses the outline, by
/// the even-odd rule: sorted crossings taken in pairs.
std::vector<std::pair<double, double>> chords(const std::vector<Eigen::Vector2d>& outline,
                                              const Eigen::Vector2d& origin,
                                              const Eigen::Vector2d& dir) {
    const Eigen::Vector2d normal(-dir.y(), dir.x());
    std::vector<double> ts;
    const std::size_t n = outline.size();
    for (std::size_t i = 0; i < n; ++i) {
        const Eigen::Vector2d& a = outline[i];
        const Eigen::Vector2d& b = outline[(i + 1) % n];
        const double da = (a - origin).dot(normal), db = (b - origin).dot(normal);
        if ((da > 0) == (db > 0)) {
            continue;
        }
        const Eigen::Vector2d p = a + (b - a) * (da / (da - db));
        ts.push_back((p - origin).dot(dir));
    }
    std::sort(ts.begin(), ts.end());
    std::vector<std::pair<double, double>> out;
    for (std::size_t i = 0; i + 1 < ts.size(); i += 2) {
        out.emplace_back(ts[i], ts[i + 1]);
    }
    return out;
}

void drawArea(const Roi& roi, const RoiPlane& pane, double half, RoiDrawing& out) {
    const PlanarShape shape(roi);
    const RoiPlane& plane = shape.plane();
    const Eigen::Vector3d n = plane.normal(), m = pane.normal();
    if (std::abs(n.dot(m)) >= kParallelCos) {
        if (std::abs(pane.distance(plane.originMm)) <= half) {
            std::vector<Eigen::Vector3d> line;
            for (const auto& uv : shape.outline()) {
                line.push_back(plane.fromPlane(uv));
            }
            out.closedLines.push_back(line);
            out.inPlane = true;
        }
        return;
    }
    // The line where the pane plane meets the ROI plane, in ROI plane coordinates.
    const Eigen::Vector3d dir3 = n.cross(m).normalized();
    const Eigen::Vector2d dir(dir3.dot(plane.axisU), dir3.dot(plane.axisV));
    // A point of the ROI plane on the pane plane: move from the ROI origin along the in-plane
    // direction of steepest approach.
    const Eigen::Vector3d toward = m - m.dot(n) * n;
    const double d0 = pane.distance(plane.originMm);
    const Eigen::Vector3d onBoth = plane.originMm - toward * (d0 / toward.dot(m));
    const Eigen::Vector2d origin = plane.toPlane(onBoth);
    for (const auto& [t0, t1] : chords(shape.outline(), origin, dir.normalized())) {
        out.openLines.push_back({plane.fromPlane(origin + t0 * dir.normalized()),
                                 plane.fromPlane(origin + t1 * dir.normalized())});
    }
}

}  // namespace

RoiDrawing roiDrawingOnPlane(const Roi& roi, const RoiPlane& pane, double half) {
    RoiDrawing out;
    if (!roi.validate().empty()) {
        return out;
    }
    switch (roi.shape) {
        case RoiShape::Ellipse:
        case RoiShape::Rectangle:
        case RoiShape::Polygon:
            drawArea(roi, pane, half, out);
            break;
        case RoiShape::Ruler:
        case RoiShape::Bidirectional:
            for (std::size_t s = 0; s + 1 < roi.pointsMm.size(); s += 2) {
                const Eigen::Vector3d a = roi.pointsMm[s], b = roi.pointsMm[s + 1];
                const double da = pane.distance(a), db = pane.distance(b);
                if (std::abs(da) <= half && std::abs(db) <= half) {
                    out.openLines.push_back({a, b});
                    out.inPlane = true;
                } else if ((da > 0) != (db > 0)) {
                    out.markers.push_back(a + (b - a) * (da / (da - db)));
                }
            }
            break;
        case RoiShape::Point:
            if (std::abs(pane.distance(roi.centerMm)) <= half) {
                out.markers.push_back(roi.centerMm);
                out.inPlane = true;
            }
            break;
        case RoiShape::Sphere: {
            const double d = pane.distance(roi.centerMm);
            if (std::abs(d) < roi.radiusMm) {
                const double r = std::sqrt(roi.radiusMm * roi.radiusMm - d * d);
                const Eigen::Vector3d c = roi.centerMm - d * pane.normal();
                std::vector<Eigen::Vector3d> circle;
                for (int i = 0; i < kCircleVertices; ++i) {
                    const double a = 2.0 * kPi * i / kCircleVertices;
                    circle.push_back(c + r * (std::cos(a) * pane.axisU + std::sin(a) * pane.axisV));
                }
                out.closedLines.push_back(circle);
            }
            break;
        }
        case RoiShape::Brush:
            break;
    }
    return out;
}

Eigen::Vector3d roiAnchorMm(const Roi& roi) {
    switch (roi.shape) {
        case RoiShape::Polygon:
        case RoiShape::Ruler:
        case RoiShape::Bidirectional: {
            Eigen::Vector3d sum = Eigen::Vector3d::Zero();
            for (const auto& p : roi.pointsMm) {
                sum += p;
            }
            return roi.pointsMm.empty() ? sum : Eigen::Vector3d(sum / roi.pointsMm.size());
        }
        case RoiShape::Brush: {
            if (!roi.mask || !roi.mask->isValid()) {
                return roi.centerMm;
            }
            const BrushMask& m = *roi.mask;
            Eigen::Vector3d sum = Eigen::Vector3d::Zero();
            std::size_t count = 0;
            const auto& d = m.geometry.dims();
            for (int k = 0; k < d[2]; ++k) {
                for (int j = 0; j < d[1]; ++j) {
                    for (int i = 0; i < d[0]; ++i) {
                        if (m.at(i, j, k) != 0) {
                            sum += Eigen::Vector3d(i, j, k);
                            ++count;
                        }
                    }
                }
            }
            if (count == 0) {
                return m.geometry.center().mm;
            }
            return m.geometry.toPatient(VoxelIndex{sum / static_cast<double>(count)}).mm;
        }
        default:
            return roi.centerMm;
    }
}

}  // namespace crosscheck
