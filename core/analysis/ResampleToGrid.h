#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "core/geometry/VolumeGeometry.h"
#include "core/util/Progress.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// The value resampleToGrid writes where the target voxel's centre falls outside the
/// source volume. No CT or sCT value can take it (HU lie in -1024..3071 and the
/// resampled values are clamped to -32767..32767), so it doubles as a validity mask
/// without a second buffer.
constexpr std::int16_t kNoSampleValue = std::numeric_limits<std::int16_t>::min();

/// Resamples `source` into `targetGrid` by trilinear interpolation: the sCT into the
/// CT's grid, so that the two can be subtracted voxel by voxel.
///
/// `targetToSource` maps the target grid's patient coordinates (LPS, mm) to the source's
/// (e.g. CT patient -> sCT patient: the identity for one frame of reference, else the
/// inverse of a registration's moving-to-fixed). Target voxel centres within half a voxel
/// beyond the source's outer centres are clamped to the edge (as Volume::sampleLinear);
/// farther out they get kNoSampleValue. Output is int16 (rounded, clamped to
/// -32767..32767) whatever the source type; the work runs slice by slice on
/// workerCount() threads with one affine step per row, and no float copy of either
/// volume is made. Cancel throws Cancelled.
/// With `targetMask` (one byte per target voxel, nonzero = wanted), voxels outside the
/// mask are not interpolated and get kNoSampleValue: the analysis only needs the body,
/// a sixth of a typical CT grid.
std::shared_ptr<Volume> resampleToGrid(const Volume& source, const VolumeGeometry& targetGrid,
                                       const Eigen::Matrix4d& targetToSource,
                                       const Progress& progress = {},
                                       const std::vector<std::uint8_t>* targetMask = nullptr);

}  // namespace crosscheck
