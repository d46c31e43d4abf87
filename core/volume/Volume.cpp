#include "core/volume/Volume.h"

#include <algorithm>
#include <cmath>

namespace crosscheck {

const char* toString(VoxelType type) {
    switch (type) {
        case VoxelType::Int16:
            return "int16";
        case VoxelType::UInt16:
            return "uint16";
        case VoxelType::Float32:
            return "float32";
    }
    return "float32";
}

std::size_t bytesPerVoxel(VoxelType type) {
    return type == VoxelType::Float32 ? 4 : 2;
}

Volume::Volume(const VolumeGeometry& geometry, VoxelType type)
    // new T[] without () leaves the bytes uninitialized: no zero-fill of the whole volume.
    : m_geometry(geometry),
      m_type(type),
      m_data(new std::byte[geometry.voxelCount() * bytesPerVoxel(type)]) {}

std::size_t Volume::offset(int i, int j, int k) const {
    const auto& d = m_geometry.dims();
    return (static_cast<std::size_t>(k) * static_cast<std::size_t>(d[1]) +
            static_cast<std::size_t>(j)) *
               static_cast<std::size_t>(d[0]) +
           static_cast<std::size_t>(i);
}

double Volume::value(int i, int j, int k) const {
    const std::size_t o = offset(i, j, k);
    return visit([o](const auto* v) { return static_cast<double>(v[o]); });
}

std::optional<double> Volume::sampleLinear(const VoxelIndex& index) const {
    if (!m_geometry.contains(index)) {
        return std::nullopt;
    }
    const auto& d = m_geometry.dims();
    int i0[3];
    double f[3];
    for (int a = 0; a < 3; ++a) {
        const double c = std::clamp(index.ijk[a], 0.0, static_cast<double>(d[a] - 1));
        i0[a] = std::min(static_cast<int>(std::floor(c)), std::max(d[a] - 2, 0));
        f[a] = d[a] > 1 ? c - i0[a] : 0.0;
    }
    const int i1 = std::min(i0[0] + 1, d[0] - 1);
    const int j1 = std::min(i0[1] + 1, d[1] - 1);
    const int k1 = std::min(i0[2] + 1, d[2] - 1);
    const double c00 = value(i0[0], i0[1], i0[2]) * (1 - f[0]) + value(i1, i0[1], i0[2]) * f[0];
    const double c10 = value(i0[0], j1, i0[2]) * (1 - f[0]) + value(i1, j1, i0[2]) * f[0];
    const double c01 = value(i0[0], i0[1], k1) * (1 - f[0]) + value(i1, i0[1], k1) * f[0];
    const double c11 = value(i0[0], j1, k1) * (1 - f[0]) + value(i1, j1, k1) * f[0];
    const double c0 = c00 * (1 - f[1]) + c10 * f[1];
    const double c1 = c01 * (1 - f[1]) + c11 * f[1];
    return c0 * (1 - f[2]) + c1 * f[2];
}

std::optional<double> Volume::sampleLinear(const PatientPoint& point) const {
    return sampleLinear(m_geometry.toIndex(point));
}

std::optional<double> Volume::sampleNearest(const PatientPoint& point) const {
    const VoxelIndex index = m_geometry.toIndex(point);
    if (!m_geometry.contains(index)) {
        return std::nullopt;
    }
    const auto& d = m_geometry.dims();
    int ijk[3];
    for (int a = 0; a < 3; ++a) {
        ijk[a] = std::clamp(static_cast<int>(std::lround(index.ijk[a])), 0, d[a] - 1);
    }
    return value(ijk[0], ijk[1], ijk[2]);
}

}  // namespace crosscheck
