#include <catch2/catch.hpp>

#include "core/analysis/MissedRegions.h"

using namespace crosscheck;

namespace {
DiscrepancyRegion region(DiscrepancyKind kind, int rank, double volumeMm3) {
    DiscrepancyRegion r;
    r.kind = kind;
    r.rank = rank;
    r.volumeMm3 = volumeMm3;
    return r;
}
}  // namespace

TEST_CASE("a warning about a miss counts and names only the regions the sCT misses", "[analysis]") {
    const std::vector<DiscrepancyRegion> regions = {
        region(DiscrepancyKind::LargeDifference, 1, 9000.0),  // ranked first, not a miss
        region(DiscrepancyKind::CtDenseSctNot, 2, 1948.0),
        region(DiscrepancyKind::SctDenseCtNot, 3, 5000.0),
        region(DiscrepancyKind::CtDenseSctNot, 4, 2500.0),
    };
    CHECK(countMissed(regions) == 2);
    const DiscrepancyRegion* largest = largestMissed(regions);
    REQUIRE(largest != nullptr);
    CHECK(largest->rank == 4);
    CHECK(countMissed({}) == 0);
    CHECK(largestMissed({regions[0], regions[2]}) == nullptr);
    CHECK(std::string(describe(DiscrepancyKind::CtDenseSctNot)) == "dense on CT, not on sCT");
}
