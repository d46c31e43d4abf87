#pragma once

#include <Eigen/Core>

#include "core/geometry/PatientPoint.h"

namespace crosscheck {

/// Helpers for rigid transforms between two frames of reference, held as 4x4 homogeneous
/// matrices in DICOM patient coordinates (LPS, mm). Which frames a matrix joins is named
/// by whoever holds it (`movingToFixed`, `ctToMr`); these functions only do the arithmetic.
///
/// Rotations are given as Euler angles about the patient axes x, y, z (radians unless the
/// name says degrees), applied x first, then y, then z: R = Rz * Ry * Rx.

/// The rigid transform x -> R (x - centre) + centre + translation.
Eigen::Matrix4d rigidFromEuler(const Eigen::Vector3d& rotationRad,
                               const Eigen::Vector3d& translationMm,
                               const Eigen::Vector3d& centreMm = Eigen::Vector3d::Zero());

/// R = Rz(z) * Ry(y) * Rx(x).
Eigen::Matrix3d rotationFromEuler(const Eigen::Vector3d& rotationRad);

/// The exact inverse of a rigid (rotation + translation) matrix: [R^T, -R^T t].
Eigen::Matrix4d rigidInverse(const Eigen::Matrix4d& rigid);

/// True when the upper 3x3 is a proper rotation (orthonormal, determinant +1) within
/// `tolerance` and the last row is (0, 0, 0, 1).
bool isRigid(const Eigen::Matrix4d& m, double tolerance = 1e-6);

/// The angle (degrees, 0..180) of the rotation part, whatever its axis.
double rotationAngleDegrees(const Eigen::Matrix4d& rigid);

/// Applies a homogeneous transform to a point.
PatientPoint transformPoint(const Eigen::Matrix4d& m, const PatientPoint& point);

}  // namespace crosscheck
