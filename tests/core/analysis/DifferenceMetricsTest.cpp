// DifferenceVolume, its metrics and the body mask (core/analysis), against hand calculations.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "AnalysisTestUtil.h"
#include "core/analysis/BodyMask.h"
#include "core/analysis/DifferenceVolume.h"
#include "core/analysis/ResampleToGrid.h"

using namespace crosscheck;
using namespace crosscheck::test;

TEST_CASE("the body mask fills holes and drops specks outside the body", "[analysis]") {
    // Slice: a disc of radius 8 (40 HU) with an air hole of radius 3 inside, and a 2 x 2
    // speck (40 HU) in a corner, all in -1000 HU air.
    const auto ct = makeHuVolume({30, 30, 2}, {1, 1, 1}, [](int i, int j, int) {
        const double r = std::hypot(i - 15.0, j - 15.0);
        if (i < 2 && j < 2)
            return 40;
        if (r <= 3.0)
            return -1000;
        return r <= 8.0 ? 40 : -1000;
    });
    const auto mask = bodyMask(*ct);
    auto at = [&](int i, int j, int k) { return mask[ct->offset(i, j, k)]; };
    REQUIRE(at(15, 15, 0) == 1);  // the hole is inside the body
    REQUIRE(at(15, 20, 1) == 1);
    REQUIRE(at(0, 0, 0) == 0);  // the speck is not
    REQUIRE(at(15, 27, 0) == 0);
}

TEST_CASE("metrics of a known difference match the hand calculation", "[analysis]") {
    // Everything is body (40 HU soft tissue); the sCT has a 10 x 10 x 10 block at 240 HU.
    const Eigen::Vector3i dims(20, 20, 20);
    const Eigen::Vector3i lo(5, 5, 5), hi(15, 15, 15);
    std::shared_ptr<const Volume> ct =
        makeHuVolume(dims, {1, 1, 1}, [](int, int, int) { return 40; });
    const auto sct = makeHuVolume(
        dims, {1, 1, 1}, [&](int i, int j, int k) { return inBox(i, j, k, lo, hi) ? 240 : 40; });
    const auto diff = DifferenceVolume::compute(ct, *sct, Eigen::Matrix4d::Identity());
    const DiscrepancyMetrics& m = diff->metrics();
    const double n = 8000.0, block = 1000.0;
    REQUIRE(m.voxels == 8000);
    REQUIRE(m.maeHu == Approx(200.0 * block / n));
    REQUIRE(m.meHu == Approx(-200.0 * block / n));
    REQUIRE(m.rmseHu == Approx(200.0 * std::sqrt(block / n)));
    REQUIRE(m.psnrDb == Approx(20.0 * std::log10(4095.0 / (200.0 * std::sqrt(block / n)))));
    REQUIRE(m.boneDice == Approx(0.0));  // bone only on the sCT
    REQUIRE(m.softTissue.voxels == 8000);
    REQUIRE(m.softTissue.maeHu == Approx(m.maeHu));
    REQUIRE(m.bone.voxels == 0);
    REQUIRE(diff->difference().value(10, 10, 10) == -200);
    REQUIRE(diff->difference().value(1, 1, 1) == 0);
    REQUIRE(diff->sctOnCtGrid().value(10, 10, 10) == 240);
}

TEST_CASE("SSIM of two uniform images is the luminance term alone", "[analysis]") {
    // Constant images: zero variances, so SSIM = (2 mx my + C1) / (mx^2 + my^2 + C1)
    // with the values shifted by +1024.
    std::shared_ptr<const Volume> ct =
        makeHuVolume({12, 12, 3}, {1, 1, 1}, [](int, int, int) { return 40; });
    const auto sct = makeHuVolume({12, 12, 3}, {1, 1, 1}, [](int, int, int) { return 440; });
    const auto diff = DifferenceVolume::compute(ct, *sct, Eigen::Matrix4d::Identity());
    const double x = 1064.0, y = 1464.0, c1 = (0.01 * 4095) * (0.01 * 4095);
    REQUIRE(diff->metrics().ssim == Approx((2 * x * y + c1) / (x * x + y * y + c1)));
    REQUIRE(diff->metrics().boneDice == Approx(0.0));
}

TEST_CASE("the analysis domain excludes voxels outside the sCT and outside the body",
          "[analysis]") {
    // CT: body (40 HU) in the left half, air (-1000) in the right half. The sCT covers
    // only the first 10 slices of the CT's 20.
    std::shared_ptr<const Volume> ct =
        makeHuVolume({20, 10, 20}, {1, 1, 1}, [](int i, int, int) { return i < 10 ? 40 : -1000; });
    const auto sct = makeHuVolume({20, 10, 10}, {1, 1, 1}, [](int, int, int) { return 60; });
    const auto diff = DifferenceVolume::compute(ct, *sct, Eigen::Matrix4d::Identity());
    // Body: columns 0..9; sCT: slices 0..9 plus the half-voxel margin (slice 9.5) only.
    REQUIRE(diff->metrics().voxels == 10 * 10 * 10);
    REQUIRE(diff->metrics().meHu == Approx(-20.0));
    REQUIRE(diff->domain()[ct->offset(5, 5, 15)] == 0);
    REQUIRE(diff->sctOnCtGrid().value(5, 5, 15) == kNoSampleValue);
    REQUIRE(diff->difference().value(5, 5, 15) == 0);
}

TEST_CASE("an sCT that covers none of the CT body is refused, not scored", "[analysis]") {
    std::shared_ptr<const Volume> ct =
        makeHuVolume({10, 10, 10}, {1, 1, 1}, [](int, int, int) { return 40; });
    const auto sct = makeHuVolume({10, 10, 10}, {1, 1, 1}, [](int, int, int) { return 40; });
    Eigen::Matrix4d farAway = Eigen::Matrix4d::Identity();
    farAway(0, 3) = 500.0;
    REQUIRE_THROWS_AS(DifferenceVolume::compute(ct, *sct, farAway), std::runtime_error);
}
