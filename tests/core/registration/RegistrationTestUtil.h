#pragma once

#include <Eigen/Core>
#include <algorithm>

#include "core/geometry/RigidTransform.h"

namespace crosscheck::test {

/// Largest target registration error (mm) of an estimated moving->fixed transform against
/// the truth, over a point (fixed coordinates) and the 8 corners of a cube of `edgeMm`
/// centred on it.
inline double maxTargetErrorMm(const Eigen::Matrix4d& estimatedMovingToFixed,
                               const Eigen::Matrix4d& trueMovingToFixed,
                               const Eigen::Vector3d& centreInFixedMm, double edgeMm = 100.0) {
    const Eigen::Matrix4d fixedToMoving = rigidInverse(trueMovingToFixed);
    double worst = 0.0;
    for (int corner = -1; corner < 8; ++corner) {
        Eigen::Vector3d p = centreInFixedMm;
        if (corner >= 0) {
            for (int a = 0; a < 3; ++a) {
                p[a] += ((corner >> a) & 1 ? 0.5 : -0.5) * edgeMm;
            }
        }
        const PatientPoint inMoving = transformPoint(fixedToMoving, PatientPoint{p});
        const Eigen::Vector3d mapped = transformPoint(estimatedMovingToFixed, inMoving).mm;
        worst = std::max(worst, (mapped - p).norm());
    }
    return worst;
}

}  // namespace crosscheck::test
