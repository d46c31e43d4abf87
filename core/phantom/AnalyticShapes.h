#pragma once

#include <algorithm>
#include <cmath>

// Approximate signed distances (mm, negative inside) of the simple shapes the phantom's
// anatomy is built from. Only the sign must be exact; the magnitude sets shell thicknesses,
// so "close to the true distance near the surface" is enough.
namespace crosscheck::shapes {

/// Ellipse centred at the origin with semi-axes rx, ry: first-order distance
/// (k0 - 1) * k0 / k1, accurate near the boundary.
inline double ellipseDistance(double x, double y, double rx, double ry) {
    const double ax = x / rx, ay = y / ry;
    const double k0 = std::sqrt(ax * ax + ay * ay);
    const double bx = x / (rx * rx), by = y / (ry * ry);
    const double k1 = std::sqrt(bx * bx + by * by);
    if (k1 < 1e-12) {
        return -std::min(rx, ry);
    }
    return k0 * (k0 - 1.0) / k1;
}

/// Inside the ellipse with semi-axes rx, ry (when only the sign matters: no square root).
inline bool insideEllipse(double x, double y, double rx, double ry) {
    const double ax = x / rx, ay = y / ry;
    return ax * ax + ay * ay < 1.0;
}

/// Axis-aligned box centred at the origin with half-sizes hx, hy, hz.
inline double boxDistance(double x, double y, double z, double hx, double hy, double hz) {
    const double qx = std::abs(x) - hx, qy = std::abs(y) - hy, qz = std::abs(z) - hz;
    const double ox = std::max(qx, 0.0), oy = std::max(qy, 0.0), oz = std::max(qz, 0.0);
    return std::sqrt(ox * ox + oy * oy + oz * oz) + std::min(std::max(qx, std::max(qy, qz)), 0.0);
}

/// Intersection of two signed distances.
inline double intersect(double a, double b) {
    return std::max(a, b);
}

/// 1 for |t| <= inner, falling smoothly to 0 at |t| >= inner + ramp.
inline double plateau(double t, double inner, double ramp) {
    const double u = std::clamp((std::abs(t) - inner) / ramp, 0.0, 1.0);
    return 1.0 - u * u * (3.0 - 2.0 * u);
}

}  // namespace crosscheck::shapes
