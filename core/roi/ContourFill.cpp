#include "core/roi/ContourFill.h"

#include <algorithm>
#include <cmath>

namespace crosscheck {

namespace {

double cross(const Eigen::Vector2d& o, const Eigen::Vector2d& a, const Eigen::Vector2d& b) {
    return (a - o).x() * (b - o).y() - (a - o).y() * (b - o).x();
}

bool onSegment(const Eigen::Vector2d& a, const Eigen::Vector2d& b, const Eigen::Vector2d& p) {
    return std::min(a.x(), b.x()) <= p.x() && p.x() <= std::max(a.x(), b.x()) &&
           std::min(a.y(), b.y()) <= p.y() && p.y() <= std::max(a.y(), b.y());
}

bool segmentsMeet(const Eigen::Vector2d& a, const Eigen::Vector2d& b, const Eigen::Vector2d& c,
                  const Eigen::Vector2d& d) {
    const double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
        return true;
    }
    return (d1 == 0 && onSegment(c, d, a)) || (d2 == 0 && onSegment(c, d, b)) ||
           (d3 == 0 && onSegment(a, b, c)) || (d4 == 0 && onSegment(a, b, d));
}

}  // namespace

bool selfIntersects(const PixelPolygon& polygon) {
    PixelPolygon p;
    for (const auto& v : polygon) {
        if (p.empty() || (v - p.back()).norm() > 1e-9) {
            p.push_back(v);
        }
    }
    while (p.size() > 1 && (p.front() - p.back()).norm() <= 1e-9) {
        p.pop_back();
    }
    const std::size_t n = p.size();
    if (n < 4) {
        return false;
    }
    for (std::size_t e = 0; e < n; ++e) {
        const Eigen::Vector2d &a = p[e], &b = p[(e + 1) % n];
        const double loX = std::min(a.x(), b.x()), hiX = std::max(a.x(), b.x());
        const double loY = std::min(a.y(), b.y()), hiY = std::max(a.y(), b.y());
        for (std::size_t f = e + 2; f < n; ++f) {
            if (e == 0 && f == n - 1) {
                continue;  // they share the closing vertex
            }
            const Eigen::Vector2d &c = p[f], &d = p[(f + 1) % n];
            if (std::max(c.x(), d.x()) < loX || std::min(c.x(), d.x()) > hiX ||
                std::max(c.y(), d.y()) < loY || std::min(c.y(), d.y()) > hiY) {
                continue;
            }
            if (segmentsMeet(a, b, c, d)) {
                return true;
            }
        }
    }
    return false;
}

std::vector<Eigen::Vector2i> fillEvenOdd(const std::vector<PixelPolygon>& polygons, int columns,
                                         int rows) {
    double loY = 1e300, hiY = -1e300;
    for (const auto& poly : polygons) {
        for (const auto& v : poly) {
            loY = std::min(loY, v.y());
            hiY = std::max(hiY, v.y());
        }
    }
    std::vector<Eigen::Vector2i> inside;
    if (loY > hiY) {
        return inside;
    }
    const int j0 = std::max(0, static_cast<int>(std::floor(loY)));
    const int j1 = std::min(rows - 1, static_cast<int>(std::ceil(hiY)));
    std::vector<double> crossings;
    for (int j = j0; j <= j1; ++j) {
        crossings.clear();
        for (const auto& poly : polygons) {
            const std::size_t n = poly.size();
            for (std::size_t e = 0; e < n; ++e) {
                const Eigen::Vector2d &a = poly[e], &b = poly[(e + 1) % n];
                if ((a.y() > j) != (b.y() > j)) {
                    crossings.push_back(a.x() + (j - a.y()) * (b.x() - a.x()) / (b.y() - a.y()));
                }
            }
        }
        std::sort(crossings.begin(), crossings.end());
        // A centre i is inside when an odd number of crossings lie at x > i, i.e. when
        // crossings[2m] <= i < crossings[2m + 1] for some m.
        for (std::size_t m = 0; m + 1 < crossings.size(); m += 2) {
            const int from = std::max(0, static_cast<int>(std::ceil(crossings[m])));
            const int to = std::min(columns - 1, static_cast<int>(std::ceil(crossings[m + 1])) - 1);
            for (int i = from; i <= to; ++i) {
                inside.emplace_back(i, j);
            }
        }
    }
    return inside;
}

}  // namespace crosscheck
