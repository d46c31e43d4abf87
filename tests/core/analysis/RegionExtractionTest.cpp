// extractRegions on synthetic volumes with known answers (core/analysis/RegionExtraction.h).
#include <catch2/catch.hpp>

#include "AnalysisTestUtil.h"
#include "core/analysis/RegionExtraction.h"
#include "core/analysis/RegionLabelVolume.h"

using namespace crosscheck;
using namespace crosscheck::test;

namespace {
// Soft tissue everywhere (all body); `ct` and `sct` give the differing voxels.
std::shared_ptr<const DifferenceVolume> pair(const Eigen::Vector3i& dims,
                                             const Eigen::Vector3d& spacing,
                                             const std::function<int(int, int, int)>& ct,
                                             const std::function<int(int, int, int)>& sct) {
    std::shared_ptr<const Volume> ctVolume = makeHuVolume(dims, spacing, ct);
    const auto sctVolume = makeHuVolume(dims, spacing, sct);
    return DifferenceVolume::compute(ctVolume, *sctVolume, Eigen::Matrix4d::Identity());
}
auto soft = [](int, int, int) { return 40; };
}  // namespace

TEST_CASE("a dense box missing on the sCT is one region with exact position, size and means",
          "[analysis]") {
    // CT: a 20 x 10 x 6 voxel box at 500 HU (voxels 0.5 x 1 x 2 mm -> 10 x 10 x 12 mm).
    const Eigen::Vector3i lo(10, 8, 4), hi(30, 18, 10);
    const auto diff = pair(
        {40, 30, 16}, {0.5, 1.0, 2.0},
        [&](int i, int j, int k) { return inBox(i, j, k, lo, hi) ? 500 : 40; }, soft);
    const auto regions = extractRegions(*diff, DiscrepancyThresholds{});
    REQUIRE(regions.size() == 1);
    const DiscrepancyRegion& r = regions[0];
    REQUIRE(r.kind == DiscrepancyKind::CtDenseSctNot);
    REQUIRE(r.rank == 1);
    REQUIRE(r.voxelCount == 1200);
    REQUIRE(r.volumeMm3 == Approx(1200 * 0.5 * 1.0 * 2.0));
    // Centre of voxels 10..29, 8..17, 4..9 in mm.
    REQUIRE(r.centroidMm.x() == Approx(19.5 * 0.5));
    REQUIRE(r.centroidMm.y() == Approx(12.5));
    REQUIRE(r.centroidMm.z() == Approx(6.5 * 2.0));
    REQUIRE(r.bboxMinMm.x() == Approx(9.5 * 0.5));
    REQUIRE(r.bboxMaxMm.x() == Approx(29.5 * 0.5));
    REQUIRE(r.bboxMinMm.z() == Approx(3.5 * 2.0));
    REQUIRE(r.bboxMaxMm.z() == Approx(9.5 * 2.0));
    // Extents along the principal axes: 12, 10, 10 mm (the box's own sides).
    REQUIRE(r.extentMm[0] == Approx(12.0));
    REQUIRE(r.extentMm[1] == Approx(10.0));
    REQUIRE(r.extentMm[2] == Approx(10.0));
    REQUIRE(r.ctMeanHu == Approx(500.0));
    REQUIRE(r.sctMeanHu == Approx(40.0));
    REQUIRE(r.score == Approx(r.volumeMm3 * 460.0));

    // The label volume carries the rank on exactly those voxels.
    const auto labels = regionLabelVolume(diff->ct().geometry(), regions);
    REQUIRE(labels->value(10, 8, 4) == 1);
    REQUIRE(labels->value(29, 17, 9) == 1);
    REQUIRE(labels->value(9, 8, 4) == 0);
    REQUIRE(labels->value(30, 17, 9) == 0);
}

TEST_CASE("kinds follow the thresholds: reverse density and large difference", "[analysis]") {
    // Box A: sCT 600 where CT is soft tissue -> sct_dense_ct_not.
    // Box B: CT 300, sCT 120 (difference 180, sCT not below 100) -> large_difference.
    // Box C: CT 1000, sCT 700 (bone on both) -> nothing by default.
    const Eigen::Vector3i aLo(2, 2, 2), aHi(8, 8, 8), bLo(12, 2, 2), bHi(18, 8, 8), cLo(22, 2, 2),
        cHi(28, 8, 8);
    const auto diff = pair(
        {30, 10, 10}, {1, 1, 1},
        [&](int i, int j, int k) {
            return inBox(i, j, k, bLo, bHi) ? 300 : inBox(i, j, k, cLo, cHi) ? 1000 : 40;
        },
        [&](int i, int j, int k) {
            return inBox(i, j, k, aLo, aHi)   ? 600
                   : inBox(i, j, k, bLo, bHi) ? 120
                   : inBox(i, j, k, cLo, cHi) ? 700
                                              : 40;
        });
    auto regions = extractRegions(*diff, DiscrepancyThresholds{});
    REQUIRE(regions.size() == 2);
    // Ranked by volume x mean |difference|: A (560 HU) before B (180 HU).
    REQUIRE(regions[0].kind == DiscrepancyKind::SctDenseCtNot);
    REQUIRE(regions[0].centroidMm.x() == Approx(4.5));
    REQUIRE(regions[1].kind == DiscrepancyKind::LargeDifference);
    REQUIRE(regions[1].centroidMm.x() == Approx(14.5));

    SECTION("counting differences within bone adds box C") {
        DiscrepancyThresholds t;
        t.ignoreWithinBone = false;
        regions = extractRegions(*diff, t);
        REQUIRE(regions.size() == 3);
        REQUIRE(regions[0].centroidMm.x() == Approx(4.5));
        REQUIRE(regions[1].kind == DiscrepancyKind::LargeDifference);
        REQUIRE(regions[1].centroidMm.x() == Approx(24.5));
    }
    SECTION("a higher dense threshold reuses the difference volume and changes the kind") {
        DiscrepancyThresholds t;
        t.denseHu = 700;  // sCT 600 is no longer dense: box A becomes a large difference
        regions = extractRegions(*diff, t);
        REQUIRE(regions.size() == 2);
        REQUIRE(regions[0].kind == DiscrepancyKind::LargeDifference);
        REQUIRE(regions[0].centroidMm.x() == Approx(4.5));
    }
    SECTION("a large-difference threshold below the candidate floor still finds the regions") {
        DiscrepancyThresholds t;
        t.largeDifferenceHu = 50;
        t.notDenseHu = 150;  // pair threshold 50 HU: below the 100 HU floor
        REQUIRE(t.smallestDifferenceHu() < diff->candidates().floorHu());
        regions = extractRegions(*diff, t);
        REQUIRE(regions.size() == 2);
        REQUIRE(regions[1].kind == DiscrepancyKind::CtDenseSctNot);  // B: CT 300, sCT 120 < 150
    }
}

TEST_CASE("slivers and small regions are dropped, compact regions kept", "[analysis]") {
    // Slab 2 voxels thick (30 x 30 x 2), slab 4 voxels thick, a 4 x 4 x 4 cube (64 mm3,
    // core 2 x 2 x 2 = 12.5 %) and a 3 x 3 x 3 cube (27 mm3, core 1 voxel = 3.7 %).
    const auto diff = pair(
        {40, 40, 30}, {1, 1, 1},
        [&](int i, int j, int k) {
            if (inBox(i, j, k, {2, 2, 2}, {32, 32, 4}))
                return 500;
            if (inBox(i, j, k, {2, 2, 10}, {32, 32, 14}))
                return 500;
            if (inBox(i, j, k, {34, 34, 20}, {38, 38, 24}))
                return 500;
            if (inBox(i, j, k, {2, 34, 20}, {5, 37, 23}))
                return 500;
            return 40;
        },
        soft);
    DiscrepancyThresholds t;
    auto regions = extractRegions(*diff, t);
    REQUIRE(regions.size() == 2);  // the thick slab and the 4-cube
    REQUIRE(regions[0].voxelCount == 30 * 30 * 4);
    REQUIRE(regions[1].voxelCount == 64);
    REQUIRE(regions[1].coreVoxelCount == 8);

    t.minVolumeMm3 = 70.0;  // the 4-cube (64 mm3) goes
    REQUIRE(extractRegions(*diff, t).size() == 1);
    t.dropSlivers = false;  // the thin slab comes back (the 3-cube is below 70 mm3)
    regions = extractRegions(*diff, t);
    REQUIRE(regions.size() == 2);
    REQUIRE(regions[1].voxelCount == 30 * 30 * 2);
    t.minVolumeMm3 = 20.0;  // and now the 3-cube too
    REQUIRE(extractRegions(*diff, t).size() == 4);
}

TEST_CASE("regions touching only at a corner are one region (26-connectivity)", "[analysis]") {
    const auto diff = pair(
        {20, 20, 20}, {1, 1, 1},
        [&](int i, int j, int k) {
            return (inBox(i, j, k, {2, 2, 2}, {7, 7, 7}) || inBox(i, j, k, {7, 7, 7}, {12, 12, 12}))
                       ? 500
                       : 40;
        },
        soft);
    const auto regions = extractRegions(*diff, DiscrepancyThresholds{});
    REQUIRE(regions.size() == 1);
    REQUIRE(regions[0].voxelCount == 250);
}
