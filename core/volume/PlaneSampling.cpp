#include "core/volume/PlaneSampling.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace crosscheck {

namespace {

/// The pixels [first, last] of a row whose index lies within half a voxel of the outer
/// voxel centres on every axis: lo <= start + i * step <= hi.
std::pair<int, int> insideSpan(const Eigen::Vector3d& start, const Eigen::Vector3d& step,
                               const Eigen::Vector3i& dims, int width) {
    double first = 0.0;
    double last = width - 1.0;
    for (int a = 0; a < 3; ++a) {
        const double lo = -0.5;
        const double hi = dims[a] - 0.5;
        if (std::abs(step[a]) < 1e-12) {
            if (start[a] < lo || start[a] > hi) {
                return {1, 0};
            }
            continue;
        }
        const double t0 = (lo - start[a]) / step[a];
        const double t1 = (hi - start[a]) / step[a];
        first = std::max(first, std::min(t0, t1));
        last = std::min(last, std::max(t0, t1));
    }
    // The ends rounded outwards, then checked exactly as VolumeGeometry::contains does.
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

    double at(const Eigen::Vector3d& index) const {
        std::ptrdiff_t offset = 0;
        double w[3];
        for (int a = 0; a < 3; ++a) {
            const double v = std::min(std::max(index[a], 0.0), m_dims[a] - 1.0);
            const int base = std::min(static_cast<int>(v), m_cellMax[a]);
            w[a] = v - base;
            offset += base * m_stride[a];
        }
        const T* v = m_voxels + offset;
        const std::ptrdiff_t x = m_next[0], y = m_next[1], z = m_next[2];
        const double c00 = v[0] + w[0] * (static_cast<double>(v[x]) - v[0]);
        const double c10 = v[y] + w[0] * (static_cast<double>(v[y + x]) - v[y]);
        const double c01 = v[z] + w[0] * (static_cast<double>(v[z + x]) - v[z]);
        const double c11 = v[z + y] + w[0] * (static_cast<double>(v[z + y + x]) - v[z + y]);
        const double c0 = c00 + w[1] * (c10 - c00);
        const double c1 = c01 + w[1] * (c11 - c01);
        return c0 + w[2] * (c1 - c0);
    }

private:
    const T* m_voxels;
    Eigen::Vector3i m_dims;
    std::ptrdiff_t m_stride[3];
    std::ptrdiff_t m_next[3];
    int m_cellMax[3];
};

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
        for (int j = 0; j < grid.height; ++j) {
            const Eigen::Vector3d start = grid.origin + j * grid.stepJ;
            T* row = out + static_cast<std::size_t>(j) * grid.width;
            const auto [first, last] = insideSpan(start, grid.stepI, dims, grid.width);
            for (int i = 0; i < grid.width; ++i) {
                row[i] = (i < first || i > last) ? background
                                                 : fromDouble<T>(cell.at(start + i * grid.stepI));
            }
        }
    });
}

template void samplePlane<std::int16_t>(const Volume&, const PlaneGrid&, std::int16_t,
                                        std::int16_t*);
template void samplePlane<std::uint16_t>(const Volume&, const PlaneGrid&, std::uint16_t,
                                         std::uint16_t*);
template void samplePlane<float>(const Volume&, const PlaneGrid&, float, float*);

}  // namespace crosscheck
