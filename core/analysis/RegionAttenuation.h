#pragma once

#include <optional>

#include "core/analysis/DifferenceVolume.h"
#include "core/analysis/DiscrepancyRegion.h"
#include "core/analysis/DiscrepancyThresholds.h"

namespace crosscheck {

/// Measures a region's RegionAttenuation (DiscrepancyRegion.h) on the comparison it came
/// from: extractRegions(DifferenceVolume, ...) does it for every region.
/// Empty for regions where the sCT is the denser image (meanDifferenceHu <= 0), without
/// voxels (runs), or with nothing around them to tell the background by.
std::optional<RegionAttenuation> regionAttenuation(const DiscrepancyRegion& region,
                                                   const DifferenceVolume& difference,
                                                   const DiscrepancyThresholds& thresholds = {});

}  // namespace crosscheck
