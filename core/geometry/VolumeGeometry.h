#pragma once

#include <Eigen/Core>
#include <string>

#include "core/geometry/PatientPoint.h"

namespace crosscheck {

/// How a volume's slices lie in the patient: the label of the slice normal.
enum class SliceOrientation { Axial, Sagittal, Coronal, Oblique };
const char* toString(SliceOrientation orientation);

/// The voxel grid of a volume and where it sits in the patient.
///
/// `indexToPatient` maps a homogeneous voxel index (i column, j row, k slice) to DICOM
/// patient coordinates (LPS, mm). Its columns are the steps of one voxel along i, j and
/// k, so a gantry-tilted series keeps its true, sheared shape: the k step is the measured
/// distance between neighbouring ImagePositionPatient, never SliceThickness.
class VolumeGeometry {
public:
    VolumeGeometry() = default;
    VolumeGeometry(const Eigen::Vector3i& dims, const Eigen::Matrix4d& indexToPatient);

    /// Builds the geometry from the DICOM tags of a stack of slices.
    /// rowDirection / columnDirection: the two unit vectors of ImageOrientationPatient
    /// (the direction of increasing column index, then of increasing row index);
    /// pixelSpacingRowCol: PixelSpacing as stored (between rows, between columns), mm;
    /// firstPosition: ImagePositionPatient of the first slice (centre of voxel 0,0), mm;
    /// sliceStep: position of slice k+1 minus position of slice k, mm (LPS).
    static VolumeGeometry fromDicom(const Eigen::Vector3i& dims,
                                    const Eigen::Vector3d& rowDirection,
                                    const Eigen::Vector3d& columnDirection,
                                    const Eigen::Vector2d& pixelSpacingRowCol,
                                    const Eigen::Vector3d& firstPosition,
                                    const Eigen::Vector3d& sliceStep);

    const Eigen::Vector3i& dims() const { return m_dims; }
    std::size_t voxelCount() const;
    const Eigen::Matrix4d& indexToPatient() const { return m_indexToPatient; }
    const Eigen::Matrix4d& patientToIndex() const { return m_patientToIndex; }

    PatientPoint toPatient(const VoxelIndex& index) const;
    VoxelIndex toIndex(const PatientPoint& point) const;

    /// Length of one voxel step along i, j, k (mm).
    Eigen::Vector3d spacingMm() const;
    /// Unit direction (LPS) of increasing index along axis 0 (i), 1 (j) or 2 (k).
    Eigen::Vector3d axisDirection(int axis) const;
    /// Unit normal of the image planes (i direction x j direction).
    Eigen::Vector3d sliceNormal() const;
    /// True when the k step is not along the slice normal (gantry tilt, sheared stack).
    bool isSheared(double toleranceDegrees = 0.01) const;
    /// Axial, sagittal or coronal when the slice normal lies within 10 degrees of a patient
    /// axis; oblique otherwise.
    SliceOrientation orientation() const;
    /// The patient-space centre of the voxel grid.
    PatientPoint center() const;
    bool contains(const VoxelIndex& index) const;

private:
    Eigen::Vector3i m_dims = Eigen::Vector3i::Zero();
    Eigen::Matrix4d m_indexToPatient = Eigen::Matrix4d::Identity();
    Eigen::Matrix4d m_patientToIndex = Eigen::Matrix4d::Identity();
};

}  // namespace crosscheck
