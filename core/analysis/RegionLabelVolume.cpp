#include "core/analysis/RegionLabelVolume.h"

#include <algorithm>
#include <cstring>

namespace crosscheck {

std::shared_ptr<Volume> regionLabelVolume(const VolumeGeometry& ctGrid,
                                          const std::vector<DiscrepancyRegion>& regions) {
    auto labels = std::make_shared<Volume>(ctGrid, VoxelType::UInt16);
    std::memset(labels->data(), 0, labels->byteCount());
    std::uint16_t* out = labels->voxels<std::uint16_t>();
    for (const DiscrepancyRegion& region : regions) {
        const auto label = static_cast<std::uint16_t>(std::min(region.rank, 65535));
        for (const VoxelRun& run : region.runs) {
            std::uint16_t* row = out + labels->offset(0, run.j, run.k);
            std::fill(row + run.iBegin, row + run.iEnd, label);
        }
    }
    return labels;
}

}  // namespace crosscheck
