#pragma once

#include <cstdint>
#include <vector>

#include "core/volume/Volume.h"

namespace crosscheck {

/// Mean SSIM (Wang, Bovik, Sheikh, Simoncelli 2004) of two int16 HU volumes on one grid,
/// over the voxels where `domain` is 1.
///
/// Each domain voxel's SSIM uses the statistics of the domain voxels in the `window` x
/// `window` neighbourhood of its slice (k plane; uniform weights, population variances),
/// so voxels outside the domain (outside the body, outside the sCT) never enter. Values
/// are shifted by +1024 HU and clamped to 0..4095, L = 4095, C1 = (0.01 L)^2,
/// C2 = (0.03 L)^2. In-plane rather than 3D because CT slices are usually thicker than
/// their pixels and it keeps the sums per slice (running window sums in exact integers)
/// on workerCount() threads. Returns 1 for an empty domain.
double structuralSimilarity(const Volume& a, const Volume& b,
                            const std::vector<std::uint8_t>& domain, int window = 7);

}  // namespace crosscheck
