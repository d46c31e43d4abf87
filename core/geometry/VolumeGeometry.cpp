#include "core/geometry/VolumeGeometry.h"
#include "core/geometry/FrameTransform.h"

#include <Eigen/Geometry>
#include <Eigen/LU>
#include <cmath>

namespace crosscheck {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

const char* toString(SliceOrientation orientation) {
    switch (orientation) {
        case SliceOrientation::Axial:
            return "axial";
        case SliceOrientation::Sagittal:
            return "sagittal";
        case SliceOrientation::Coronal:
            return "coronal";
        case SliceOrientation::Oblique:
            return "oblique";
    }
    return "oblique";
}

VolumeGeometry::VolumeGeometry(const Eigen::Vector3i& dims, const Eigen::Matrix4d& indexToPatient)
    : m_dims(dims), m_indexToPatient(indexToPatient), m_patientToIndex(indexToPatient.inverse()) {}

VolumeGeometry VolumeGeometry::fromDicom(const Eigen::Vector3i& dims,
                                         const Eigen::Vector3d& rowDirection,
                                         const Eigen::Vector3d& columnDirection,
                                         const Eigen::Vector2d& pixelSpacingRowCol,
                                         const Eigen::Vector3d& firstPosition,
                                         const Eigen::Vector3d& sliceStep) {
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    // Moving one column (i) goes along the row direction by the column spacing, and
    // moving one row (j) along the column direction by the row spacing (PS3.3 C.7.6.2.1.1).
    m.block<3, 1>(0, 0) = rowDirection.normalized() * pixelSpacingRowCol[1];
    m.block<3, 1>(0, 1) = columnDirection.normalized() * pixelSpacingRowCol[0];
    Eigen::Vector3d step = sliceStep;
    if (step.norm() == 0.0) {
        // A single slice has no measured step; a unit step along the normal keeps the
        // affine invertible without claiming a thickness.
        step = rowDirection.cross(columnDirection).normalized();
    }
    m.block<3, 1>(0, 2) = step;
    m.block<3, 1>(0, 3) = firstPosition;
    return VolumeGeometry(dims, m);
}

std::size_t VolumeGeometry::voxelCount() const {
    return static_cast<std::size_t>(m_dims[0]) * static_cast<std::size_t>(m_dims[1]) *
           static_cast<std::size_t>(m_dims[2]);
}

PatientPoint VolumeGeometry::toPatient(const VoxelIndex& index) const {
    return PatientPoint{applyAffine(m_indexToPatient, index.ijk)};
}

VoxelIndex VolumeGeometry::toIndex(const PatientPoint& point) const {
    return VoxelIndex{applyAffine(m_patientToIndex, point.mm)};
}

Eigen::Vector3d VolumeGeometry::spacingMm() const {
    return {m_indexToPatient.block<3, 1>(0, 0).norm(), m_indexToPatient.block<3, 1>(0, 1).norm(),
            m_indexToPatient.block<3, 1>(0, 2).norm()};
}

Eigen::Vector3d VolumeGeometry::axisDirection(int axis) const {
    return m_indexToPatient.block<3, 1>(0, axis).normalized();
}

Eigen::Vector3d VolumeGeometry::sliceNormal() const {
    return axisDirection(0).cross(axisDirection(1)).normalized();
}

bool VolumeGeometry::isSheared(double toleranceDegrees) const {
    const double cosAngle = std::abs(axisDirection(2).dot(sliceNormal()));
    return cosAngle < std::cos(toleranceDegrees * kPi / 180.0);
}

SliceOrientation VolumeGeometry::orientation() const {
    const Eigen::Vector3d n = sliceNormal().cwiseAbs();
    const double kNamedWithin = std::cos(10.0 * kPi / 180.0);
    if (n.z() >= kNamedWithin) {
        return SliceOrientation::Axial;
    }
    if (n.x() >= kNamedWithin) {
        return SliceOrientation::Sagittal;
    }
    if (n.y() >= kNamedWithin) {
        return SliceOrientation::Coronal;
    }
    return SliceOrientation::Oblique;
}

PatientPoint VolumeGeometry::center() const {
    return toPatient(VoxelIndex{(m_dims.cast<double>() - Eigen::Vector3d::Ones()) * 0.5});
}

bool VolumeGeometry::contains(const VoxelIndex& index) const {
    for (int a = 0; a < 3; ++a) {
        if (index.ijk[a] < -0.5 || index.ijk[a] > m_dims[a] - 0.5) {
            return false;
        }
    }
    return true;
}

}  // namespace crosscheck
