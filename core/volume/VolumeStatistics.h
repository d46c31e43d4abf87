#pragma once

#include <vector>

#include "core/vocabulary/WindowPresets.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// Percentiles (0..100) of a volume's values, estimated from a regular sample of at
/// most `maxSamples` voxels (every n-th voxel), which is exact for small volumes and
/// within a fraction of a percentile for large ones. Returned in the order asked.
std::vector<double> volumePercentiles(const Volume& volume, const std::vector<double>& percents,
                                      std::size_t maxSamples = 1 << 20);

/// The default window for a series without an absolute scale (MR): from the 1st to the
/// 99th percentile of the values above the lowest 2 % (air and background excluded).
WindowLevel automaticWindow(const Volume& volume);

}  // namespace crosscheck
