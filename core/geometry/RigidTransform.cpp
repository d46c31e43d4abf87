#include "core/geometry/RigidTransform.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

namespace crosscheck {

Eigen::Matrix3d rotationFromEuler(const Eigen::Vector3d& rotationRad) {
    return (Eigen::AngleAxisd(rotationRad.z(), Eigen::Vector3d::UnitZ()) *
            Eigen::AngleAxisd(rotationRad.y(), Eigen::Vector3d::UnitY()) *
            Eigen::AngleAxisd(rotationRad.x(), Eigen::Vector3d::UnitX()))
        .toRotationMatrix();
}

Eigen::Matrix4d rigidFromEuler(const Eigen::Vector3d& rotationRad,
                               const Eigen::Vector3d& translationMm,
                               const Eigen::Vector3d& centreMm) {
    const Eigen::Matrix3d r = rotationFromEuler(rotationRad);
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m.topLeftCorner<3, 3>() = r;
    m.topRightCorner<3, 1>() = centreMm - r * centreMm + translationMm;
    return m;
}

Eigen::Matrix4d rigidInverse(const Eigen::Matrix4d& rigid) {
    const Eigen::Matrix3d rt = rigid.topLeftCorner<3, 3>().transpose();
    Eigen::Matrix4d inv = Eigen::Matrix4d::Identity();
    inv.topLeftCorner<3, 3>() = rt;
    inv.topRightCorner<3, 1>() = -rt * rigid.topRightCorner<3, 1>();
    return inv;
}

bool isRigid(const Eigen::Matrix4d& m, double tolerance) {
    if (!m.allFinite()) {
        return false;
    }
    const Eigen::Matrix3d r = m.topLeftCorner<3, 3>();
    const bool orthonormal =
        (r.transpose() * r - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff() <= tolerance;
    const bool lastRow =
        (m.row(3) - Eigen::RowVector4d(0, 0, 0, 1)).cwiseAbs().maxCoeff() <= tolerance;
    return orthonormal && lastRow && std::abs(r.determinant() - 1.0) <= tolerance;
}

double rotationAngleDegrees(const Eigen::Matrix4d& rigid) {
    const double c = std::clamp((rigid.topLeftCorner<3, 3>().trace() - 1.0) / 2.0, -1.0, 1.0);
    return std::acos(c) * 180.0 / M_PI;
}

PatientPoint transformPoint(const Eigen::Matrix4d& m, const PatientPoint& point) {
    return PatientPoint{m.topLeftCorner<3, 3>() * point.mm + m.topRightCorner<3, 1>()};
}

}  // namespace crosscheck
