#pragma once

#include <Eigen/Core>

namespace crosscheck {

/// A point in DICOM patient coordinates: LPS (+x patient left, +y posterior,
/// +z superior), millimetres. Which frame of reference it belongs to is carried by
/// whoever holds it (a series, an annotation), never guessed.
struct PatientPoint {
    Eigen::Vector3d mm = Eigen::Vector3d::Zero();
};

/// A continuous voxel index of one volume: i along columns, j along rows, k along
/// slices; integer values are voxel centres. Meaningless without its volume.
struct VoxelIndex {
    Eigen::Vector3d ijk = Eigen::Vector3d::Zero();
};

}  // namespace crosscheck
