#include "core/volume/PlaneSampling.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <type_traits>

#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

/// The pixels [first, last] of a row whose index lies within lo .. hi on every axis
/// (lo <= start + i * step <= hi), rounded outwards; empty when first > last.
std::pair<double, double> span(const Eigen::Vector3d& start, const Eigen::Vector3d& step,
                               const Eigen::Vector3d& lo, const Eigen::Vector3d& hi, int width) {
    double first = 0.0;
    double last = width - 1.0;
    for (int a = 0; a < 3; ++a) {
        if (std::abs(step[a]) < 1e-12) {
            if (start[a] < lo[a] || start[a] > hi[a]) {
                return {1.0, 0.0};
            }
            continue;
        }
        const double t0 = (lo[a] - start[a]) / step[a];
        const double t1 = (hi[a] - start[a]) / step[a];
        first = std::max(first, std::min(t0, t1));
        last = std::min(last, std::max(t0, t1));
    }
    return {first, last};
}

/// The pixels of a row whose index lies within half a voxel of the outer voxel centres,
/// checked exactly as VolumeGeometry::contains does.
std::pair<int, int> insideSpan(const Eigen::Vector3d& start, const Eigen::Vector3d& step,
                               const Eigen::Vector3i& dims, int width) {
    const auto [first, last] = span(start, step, Eigen::Vector3d::Constant(-0.5),
                                    dims.cast<double>() - Eigen::Vector3d::Constant(0.5), width);
    int begin = static_cast<int>(std::ceil(first - 1e-9));
    int end = static_cast<int>(std::floor(last + 1e-9));
    const auto inside = [&](int i) {
        const Eigen::Vector3d index = start + i * step;
        return (index.array() >= -0.5).all() &&
               (index.array() <= dims.cast<double>().array() - 0.5).all();
    };
    while (begin <= end && !inside(begin)) {
        ++begin;
    }
    while (end >= begin && !inside(end)) {
        --end;
    }
    return {begin, end};
}

/// The pixels of a row whose whole interpolation cell lies inside the grid (index in
/// [0, dims - 1) on every axis, rounded inwards): no clamping needed there.
std::pair<int, int> interiorSpan(const Eigen::Vector3d& start, const Eigen::Vector3d& step,
                                 const Eigen::Vector3i& dims, int width) {
    const Eigen::Vector3d hi = dims.cast<double>() - Eigen::Vector3d::Constant(1.0 + 1e-6);
    const auto [first, last] = span(start, step, Eigen::Vector3d::Constant(1e-6), hi, width);
    return {static_cast<int>(std::ceil(first)), static_cast<int>(std::floor(last))};
}

template <class T>
T fromDouble(double value) {
    if constexpr (std::is_integral_v<T>) {
        const double lo = std::numeric_limits<T>::lowest();
        const double hi = std::numeric_limits<T>::max();
        const double clamped = std::min(std::max(value, lo), hi);
        // Half away from zero, without a library call per pixel.
        return static_cast<T>(clamped >= 0.0 ? clamped + 0.5 : clamped - 0.5);
    } else {
        return static_cast<T>(value);
    }
}

/// Trilinear interpolation over one cell, the index clamped to the outer voxel centres.
template <class T>
class CellInterpolator {
public:
    CellInterpolator(const T* voxels, const Eigen::Vector3i& dims)
        : m_voxels(voxels), m_dims(dims) {
        const std::ptrdiff_t stride[3] = {1, dims[0],
                                          static_cast<std::ptrdiff_t>(dims[0]) * dims[1]};
        for (int a = 0; a < 3; ++a) {
            m_stride[a] = stride[a];
            // Along an axis of one voxel the "next" voxel is the same one.
            m_next[a] = dims[a] > 1 ? stride[a] : 0;
            m_cellMax[a] = std::max(dims[a] - 2, 0);
        }
    }

    /// An index whose cell lies inside the grid (see interiorSpan).
    double atInterior(double x, double y, double z) const {
        const int bx = static_cast<int>(x), by = static_cast<int>(y), bz = static_cast<int>(z);
        const double w[3] = {x - bx, y - by, z - bz};
        const T* v = m_voxels + bx + by * m_stride[1] + bz * m_stride[2];
        return blend(v, w);
    }

    /// Asks for the cache lines of an interior cell: a plane oblique to the voxel rows
    /// touches new lines at every pixel, and a pane's other work has evicted them.
    void prefetch(double x, double y, double z) const {
        const T* v = m_voxels + static_cast<int>(x) + static_cast<int>(y) * m_stride[1] +
                     static_cast<int>(z) * m_stride[2];
        __builtin_prefetch(v);
        __builtin_prefetch(v + m_stride[1]);
        __builtin_prefetch(v + m_stride[2]);
        __builtin_prefetch(v + m_stride[2] + m_stride[1]);
    }

    double at(const Eigen::Vector3d& index) const {
        std::ptrdiff_t offset = 0;
        double w[3];
        for (int a = 0; a < 3; ++a) {
            const double v = std::min(std::max(index[a], 0.0), m_dims[a] - 1.0);
            const int base = std::min(static_cast<int>(v), m_cellMax[a]);
            w[a] = v - base;
            offset += base * m_stride[a];
        }
        return blend(m_voxels + offset, w);
    }

private:
    double blend(const T* v, const double* w) const {
        const std::ptrdiff_t x = m_next[0], y = m_next[1], z = m_next[2];
        const double c00 = v[0] + w[0] * (static_cast<double>(v[x]) - v[0]);
        const double c10 = v[y] + w[0] * (static_cast<double>(v[y + x]) - v[y]);
        const double c01 = v[z] + w[0] * (static_cast<double>(v[z + x]) - v[z]);
        const double c11 = v[z + y] + w[0] * (static_cast<double>(v[z + y + x]) - v[z + y]);
        const double c0 = c00 + w[1] * (c10 - c00);
        const double c1 = c01 + w[1] * (c11 - c01);
        return c0 + w[2] * (c1 - c0);
    }

    const T* m_voxels;
    Eigen::Vector3i m_dims;
    std::ptrdiff_t m_stride[3];
    std::ptrdiff_t m_next[3];
    int m_cellMax[3];
};

/// How many pixels ahead the interior loop asks for its voxels (about a DRAM latency's
/// worth of interpolations).
constexpr int kPrefetchAhead = 16;

template <class V, class T>
void sampleRow(const CellInterpolator<V>& cell, const PlaneGrid& grid, const Eigen::Vector3i& dims,
               int j, T background, T* row) {
    const Eigen::Vector3d start = grid.origin + j * grid.stepJ;
    const auto [first, last] = insideSpan(start, grid.stepI, dims, grid.width);
    const auto [innerFirst, innerLast] = interiorSpan(start, grid.stepI, dims, grid.width);
    for (int i = 0; i < grid.width; ++i) {
        if (i < first || i > last) {
            row[i] = background;
        } else if (i >= innerFirst && i <= innerLast) {
            if (i + kPrefetchAhead <= innerLast) {
                const Eigen::Vector3d ahead = start + (i + kPrefetchAhead) * grid.stepI;
                cell.prefetch(ahead.x(), ahead.y(), ahead.z());
            }
            const Eigen::Vector3d index = start + i * grid.stepI;
            row[i] = fromDouble<T>(cell.atInterior(index.x(), index.y(), index.z()));
        } else {
            row[i] = fromDouble<T>(cell.at(start + i * grid.stepI));
        }
    }
}

}  // namespace

template <class T>
void samplePlane(const Volume& volume, const PlaneGrid& grid, T background, T* out) {
    if (grid.width < 0 || grid.height < 0) {
        throw std::invalid_argument("samplePlane: negative output size");
    }
    volume.visit([&](const auto* voxels) {
        using V = std::remove_const_t<std::remove_pointer_t<decltype(voxels)>>;
        const Eigen::Vector3i dims = volume.geometry().dims();
        const CellInterpolator<V> cell(voxels, dims);
        // Rows are independent; two or more threads share them (the pane waits for this).
        parallelFor(grid.height, [&](int rowBegin, int rowEnd) {
            for (int j = rowBegin; j < rowEnd; ++j) {
                sampleRow(cell, grid, dims, j, background,
                          out + static_cast<std::size_t>(j) * grid.width);
            }
        });
    });
}

template void samplePlane<std::int16_t>(const Volume&, const PlaneGrid&, std::int16_t,
                                        std::int16_t*);
template void samplePlane<std::uint16_t>(const Volume&, const PlaneGrid&, std::uint16_t,
                                         std::uint16_t*);
template void samplePlane<float>(const Volume&, const PlaneGrid&, float, float*);

}  // namespace crosscheck
