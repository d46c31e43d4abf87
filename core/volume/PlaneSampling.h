#pragma once

#include <Eigen/Core>
#include <cstdint>

#include "core/volume/Volume.h"

namespace crosscheck {

/// A rectangle of output pixels laid through a volume's index space: pixel (i, j) is the
/// continuous voxel index origin + i * stepI + j * stepJ, for 0 <= i < width, 0 <= j < height.
struct PlaneGrid {
    Eigen::Vector3d origin = Eigen::Vector3d::Zero();
    Eigen::Vector3d stepI = Eigen::Vector3d::UnitX();
    Eigen::Vector3d stepJ = Eigen::Vector3d::UnitY();
    int width = 0;
    int height = 0;
};

/// Trilinear samples of `volume` on `grid`, in the volume's own voxel type, row by row
/// into `out` (width * height values, i fastest): what a pane shows of a series whose
/// grid is oblique to the pane. Integer types are rounded to nearest and clamped to the
/// type's range. As Volume::sampleLinear: a pixel within half a voxel beyond the outer
/// voxel centres takes the edge value; farther out it gets `background`.
///
/// Each row's inside span is found once, so only pixels inside the volume are
/// interpolated; the caller's buffer is reused from slice to slice (a cursor drag
/// resamples every oblique pane at every step).
template <class T>
void samplePlane(const Volume& volume, const PlaneGrid& grid, T background, T* out);

extern template void samplePlane<std::int16_t>(const Volume&, const PlaneGrid&, std::int16_t,
                                               std::int16_t*);
extern template void samplePlane<std::uint16_t>(const Volume&, const PlaneGrid&, std::uint16_t,
                                                std::uint16_t*);
extern template void samplePlane<float>(const Volume&, const PlaneGrid&, float, float*);

}  // namespace crosscheck
