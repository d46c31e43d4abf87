#include "core/geometry/OrientationLabel.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace crosscheck {

std::string orientationLabel(const Eigen::Vector3d& direction) {
    const Eigen::Vector3d d = direction.normalized();
    const std::array<char, 3> positive = {'L', 'P', 'S'};
    const std::array<char, 3> negative = {'R', 'A', 'I'};
    std::array<int, 3> axes = {0, 1, 2};
    std::sort(axes.begin(), axes.end(),
              [&d](int a, int b) { return std::abs(d[a]) > std::abs(d[b]); });
    const double kAlignedWithin = std::cos(10.0 * 3.14159265358979323846 / 180.0);
    std::string label;
    for (int rank = 0; rank < 2; ++rank) {
        const int axis = axes[static_cast<std::size_t>(rank)];
        if (rank == 1 && std::abs(d[axes[0]]) >= kAlignedWithin) {
            break;
        }
        if (std::abs(d[axis]) < 1e-6) {
            break;
        }
        label += d[axis] > 0 ? positive[static_cast<std::size_t>(axis)]
                             : negative[static_cast<std::size_t>(axis)];
    }
    return label;
}

}  // namespace crosscheck
