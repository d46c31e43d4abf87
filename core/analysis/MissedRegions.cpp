#include "core/analysis/MissedRegions.h"

#include <algorithm>

namespace crosscheck {

int countMissed(const std::vector<DiscrepancyRegion>& regions) {
    return static_cast<int>(std::count_if(regions.begin(), regions.end(), [](const auto& r) {
        return r.kind == DiscrepancyKind::CtDenseSctNot;
    }));
}

namespace {
template <typename Wanted>
const DiscrepancyRegion* largestOf(const std::vector<DiscrepancyRegion>& regions, Wanted wanted) {
    const DiscrepancyRegion* largest = nullptr;
    for (const DiscrepancyRegion& r : regions) {
        if (wanted(r) && (largest == nullptr || r.volumeMm3 > largest->volumeMm3)) {
            largest = &r;
        }
    }
    return largest;
}
}  // namespace

const DiscrepancyRegion* largestMissed(const std::vector<DiscrepancyRegion>& regions) {
    return largestOf(regions, [](const DiscrepancyRegion& r) {
        return r.kind == DiscrepancyKind::CtDenseSctNot;
    });
}

const DiscrepancyRegion* largestRegion(const std::vector<DiscrepancyRegion>& regions) {
    return largestOf(regions, [](const DiscrepancyRegion&) { return true; });
}

}  // namespace crosscheck
