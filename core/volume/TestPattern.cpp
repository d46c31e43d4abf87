#include "core/volume/TestPattern.h"

#include <cmath>

namespace crosscheck {

std::shared_ptr<Volume> makeShellPattern(int size, std::int16_t baseValue) {
    const double half = (size - 1) * 0.5;
    Eigen::Matrix4d indexToPatient = Eigen::Matrix4d::Identity();
    indexToPatient.block<3, 1>(0, 3) = Eigen::Vector3d(-half, -half, -half);
    auto volume = std::make_shared<Volume>(VolumeGeometry({size, size, size}, indexToPatient),
                                           VoxelType::Int16);
    auto* v = volume->voxels<std::int16_t>();
    for (int k = 0; k < size; ++k) {
        for (int j = 0; j < size; ++j) {
            for (int i = 0; i < size; ++i) {
                const double r = std::sqrt((i - half) * (i - half) + (j - half) * (j - half) +
                                           (k - half) * (k - half));
                const bool odd = static_cast<int>(r / 10.0) % 2 == 1;
                v[volume->offset(i, j, k)] = static_cast<std::int16_t>(baseValue + (odd ? 100 : 0));
            }
        }
    }
    return volume;
}

}  // namespace crosscheck
