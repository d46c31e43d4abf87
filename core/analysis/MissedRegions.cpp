#include "core/analysis/MissedRegions.h"

#include <algorithm>

namespace crosscheck {

int countMissed(const std::vector<DiscrepancyRegion>& regions) {
    return static_cast<int>(std::count_if(regions.begin(), regions.end(), [](const auto& r) {
        return r.kind == DiscrepancyKind::CtDenseSctNot;
    }));
}

const DiscrepancyRegion* largestMissed(const std::vector<DiscrepancyRegion>& regions) {
    const DiscrepancyRegion* largest = nullptr;
    for (const DiscrepancyRegion& r : regions) {
        if (r.kind == DiscrepancyKind::CtDenseSctNot &&
            (largest == nullptr || r.volumeMm3 > largest->volumeMm3)) {
            largest = &r;
        }
    }
    return largest;
}

}  // namespace crosscheck
