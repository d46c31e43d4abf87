#pragma once

#include <Eigen/Core>

namespace crosscheck {

/// One intradural lesion of the phantom: an ellipsoid whose axes are the anatomy's
/// (MR patient) axes. Positions in MR patient coordinates (LPS, mm).
struct EllipsoidLesion {
    Eigen::Vector3d centerMm = Eigen::Vector3d::Zero();
    /// Semi-axes along patient x (left-right), y (anterior-posterior), z (superior-inferior), mm.
    Eigen::Vector3d semiAxesMm = Eigen::Vector3d::Ones();
    /// How far the spinal cord is pushed (x, y, mm) at the lesion's centre level so that
    /// it clears the lesion; set by CanalModel.
    Eigen::Vector2d cordPushMm = Eigen::Vector2d::Zero();
    /// The factor by which the dural sac is widened at the lesion level to hold it.
    double canalWidening = 1.0;

    bool contains(const Eigen::Vector3d& p) const {
        const Eigen::Vector3d q = (p - centerMm).cwiseQuotient(semiAxesMm);
        return q.squaredNorm() <= 1.0;
    }
};

}  // namespace crosscheck
