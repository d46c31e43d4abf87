#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <memory>

#include "core/volume/Volume.h"

namespace crosscheck::test {

/// An int16 volume with the given dims and spacing (axis-aligned, origin at 0) filled
/// by value(i, j, k).
inline std::shared_ptr<Volume> makeHuVolume(
    const Eigen::Vector3i& dims, const Eigen::Vector3d& spacing,
    const std::function<int(int, int, int)>& value,
    const Eigen::Vector3d& origin = Eigen::Vector3d::Zero()) {
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m(0, 0) = spacing.x();
    m(1, 1) = spacing.y();
    m(2, 2) = spacing.z();
    m.block<3, 1>(0, 3) = origin;
    auto v = std::make_shared<Volume>(VolumeGeometry(dims, m), VoxelType::Int16);
    std::int16_t* out = v->voxels<std::int16_t>();
    for (int k = 0; k < dims.z(); ++k) {
        for (int j = 0; j < dims.y(); ++j) {
            for (int i = 0; i < dims.x(); ++i) {
                out[v->offset(i, j, k)] = static_cast<std::int16_t>(value(i, j, k));
            }
        }
    }
    return v;
}

inline bool inBox(int i, int j, int k, const Eigen::Vector3i& lo,
                  const Eigen::Vector3i& hiExclusive) {
    return i >= lo.x() && j >= lo.y() && k >= lo.z() && i < hiExclusive.x() &&
           j < hiExclusive.y() && k < hiExclusive.z();
}

}  // namespace crosscheck::test
