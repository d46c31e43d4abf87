#pragma once

#include <memory>
#include <vector>

#include "core/analysis/DiscrepancyRegion.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// A label volume of the regions on the CT grid for the viewer's outlines: uint16, 0
/// outside every region, else the region's rank (1 = most important). Built from the
/// regions' runs (one pass over the buffer to clear it, then only the region voxels).
std::shared_ptr<Volume> regionLabelVolume(const VolumeGeometry& ctGrid,
                                          const std::vector<DiscrepancyRegion>& regions);

}  // namespace crosscheck
