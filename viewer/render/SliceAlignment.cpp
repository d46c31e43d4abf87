#include "viewer/render/SliceAlignment.h"

#include <algorithm>
#include <cmath>

namespace crosscheck::viewer {

std::optional<int> nativeSliceAxis(const VolumeGeometry& grid, const Eigen::Matrix4d& seriesToPane,
                                   const Eigen::Vector3d& normal) {
    // Columns: one index step along i, j, k, in pane millimetres.
    const Eigen::Matrix3d steps =
        seriesToPane.topLeftCorner<3, 3>() * grid.indexToPatient().topLeftCorner<3, 3>();
    for (int axis = 0; axis < 3; ++axis) {
        const double sliceSpacing = std::abs(normal.dot(steps.col(axis)));
        if (sliceSpacing < 1e-9) {
            continue;
        }
        // How far, along the normal, one slice rises from one corner of the grid to the
        // other: zero when both in-slice axes lie in the view plane.
        double drift = 0.0;
        for (int other = 0; other < 3; ++other) {
            if (other != axis) {
                drift +=
                    std::abs(normal.dot(steps.col(other))) * std::max(0, grid.dims()[other] - 1);
            }
        }
        if (drift <= kMaxDriftInSlices * sliceSpacing) {
            return axis;
        }
    }
    return std::nullopt;
}

}  // namespace crosscheck::viewer
