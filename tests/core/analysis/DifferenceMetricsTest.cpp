// DifferenceVolume, its metrics and the body mask (core/analysis), against hand calculations.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "AnalysisTestUtil.h"
#include "core/analysis/AgreementMethods.h"
#include "core/analysis/BodyMask.h"
#include "core/analysis/DifferenceVolume.h"
#include "core/analysis/ResampleToGrid.h"
#include "core/analysis/StructuralSimilarity.h"

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
    // Nothing to clip: PSNR = 10 log10(4024^2 / MSE), MSE = 200^2 * 1000 / 8000.
    REQUIRE(m.psnrDb == Approx(10.0 * std::log10(4024.0 * 4024.0 / (200.0 * 200.0 * block / n))));
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
    // with the values shifted by +1024 and L = 4024. The 3 voxels at every edge are left
    // out: 6 x 6 x 3 voxels are averaged.
    std::shared_ptr<const Volume> ct =
        makeHuVolume({12, 12, 9}, {1, 1, 1}, [](int, int, int) { return 40; });
    const auto sct = makeHuVolume({12, 12, 9}, {1, 1, 1}, [](int, int, int) { return 440; });
    const auto diff = DifferenceVolume::compute(ct, *sct, Eigen::Matrix4d::Identity());
    const double x = 1064.0, y = 1464.0, c1 = (0.01 * 4024) * (0.01 * 4024);
    REQUIRE(diff->metrics().ssim == Approx((2 * x * y + c1) / (x * x + y * y + c1)));
    REQUIRE(diff->metrics().ssimVoxels == 6 * 6 * 3);
    REQUIRE(diff->metrics().voxels == 12 * 12 * 9);
    REQUIRE(diff->metrics().boneDice == Approx(0.0));
}

TEST_CASE("identical images give MAE 0, ME 0, infinite PSNR, SSIM 1 and bone Dice 1",
          "[analysis]") {
    std::shared_ptr<const Volume> ct =
        makeHuVolume({16, 14, 12}, {1, 1, 2}, [](int i, int j, int k) {
            return ((i * 7 + j * 13 + k * 29) % 23) * 60 - 300;  // -300 .. 1020 HU, textured
        });
    const auto diff = DifferenceVolume::compute(ct, *ct, Eigen::Matrix4d::Identity());
    const DiscrepancyMetrics& m = diff->metrics();
    REQUIRE(m.maeHu == 0.0);
    REQUIRE(m.meHu == 0.0);
    REQUIRE(m.rmseHu == 0.0);
    REQUIRE(std::isinf(m.psnrDb));
    REQUIRE(m.ssim == Approx(1.0).epsilon(1e-12));
    REQUIRE(m.boneDice == 1.0);
}

TEST_CASE("a known offset gives ME = offset, MAE = |offset| and PSNR from it", "[analysis]") {
    // sCT = CT - 25 HU everywhere: CT - sCT = +25.
    auto value = [](int i, int j, int k) { return ((i + 2 * j + 3 * k) % 9) * 50 - 100; };
    std::shared_ptr<const Volume> ct = makeHuVolume({10, 10, 10}, {1, 1, 1}, value);
    const auto sct = makeHuVolume({10, 10, 10}, {1, 1, 1},
                                  [&](int i, int j, int k) { return value(i, j, k) - 25; });
    // The difference volume owns the metrics: keep it alive while they are read.
    const auto difference = DifferenceVolume::compute(ct, *sct, Eigen::Matrix4d::Identity());
    const DiscrepancyMetrics& m = difference->metrics();
    REQUIRE(m.meHu == Approx(25.0));
    REQUIRE(m.maeHu == Approx(25.0));
    REQUIRE(m.rmseHu == Approx(25.0));
    REQUIRE(m.psnrDb == Approx(10.0 * std::log10(4024.0 * 4024.0 / 625.0)));
    REQUIRE(m.ssim < 1.0);
}

TEST_CASE("PSNR clips both images to [-1024, 3000] HU, MAE does not", "[analysis]") {
    // Half the voxels: CT 3500 and sCT 3100 (both clip to 3000: no PSNR error); the other
    // half: CT 100, sCT 60 (40 HU).
    std::shared_ptr<const Volume> ct =
        makeHuVolume({10, 10, 10}, {1, 1, 1}, [](int i, int, int) { return i < 5 ? 3500 : 100; });
    const auto sct =
        makeHuVolume({10, 10, 10}, {1, 1, 1}, [](int i, int, int) { return i < 5 ? 3100 : 60; });
    // The difference volume owns the metrics: keep it alive while they are read.
    const auto difference = DifferenceVolume::compute(ct, *sct, Eigen::Matrix4d::Identity());
    const DiscrepancyMetrics& m = difference->metrics();
    REQUIRE(m.maeHu == Approx((400.0 + 40.0) / 2.0));
    REQUIRE(m.meHu == Approx((400.0 + 40.0) / 2.0));
    REQUIRE(m.psnrDb == Approx(10.0 * std::log10(4024.0 * 4024.0 / (40.0 * 40.0 / 2.0))));
    REQUIRE(m.boneDice == Approx(1.0));  // bone (>= 200 HU) on both in the same half
}

TEST_CASE("masked SSIM equals a voxel-by-voxel evaluation of its definition", "[analysis]") {
    // Random values beyond the clipping range, a random mask; the reference below sums each
    // 7 x 7 x 7 window directly (SynthRAD's definition, docs/metrics.md).
    const Eigen::Vector3i d(11, 10, 9);
    std::mt19937 random(17);
    std::uniform_int_distribution<int> hu(-1500, 3500);
    auto a = makeHuVolume(d, {1, 1, 1}, [&](int, int, int) { return hu(random); });
    auto b = makeHuVolume(d, {1, 1, 1}, [&](int i, int j, int k) {
        return std::clamp(static_cast<int>(a->value(i, j, k)) + hu(random) / 10, -32767, 32767);
    });
    std::vector<std::uint8_t> mask(a->geometry().voxelCount());
    for (auto& m : mask) {
        m = random() % 4 != 0;
    }
    auto prepared = [&](const Volume& v, int i, int j, int k) {
        if (!mask[v.offset(i, j, k)]) {
            return 0.0;
        }
        return std::clamp(static_cast<double>(v.value(i, j, k)), -1024.0, 3000.0) + 1024.0;
    };
    const double c1 = std::pow(0.01 * 4024, 2), c2 = std::pow(0.03 * 4024, 2), n = 343.0;
    double sum = 0.0;
    long long count = 0;
    for (int k = 3; k < d.z() - 3; ++k) {
        for (int j = 3; j < d.y() - 3; ++j) {
            for (int i = 3; i < d.x() - 3; ++i) {
                if (!mask[a->offset(i, j, k)]) {
                    continue;
                }
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int dk = -3; dk <= 3; ++dk) {
                    for (int dj = -3; dj <= 3; ++dj) {
                        for (int di = -3; di <= 3; ++di) {
                            const double x = prepared(*a, i + di, j + dj, k + dk);
                            const double y = prepared(*b, i + di, j + dj, k + dk);
                            sx += x;
                            sy += y;
                            sxx += x * x;
                            syy += y * y;
                            sxy += x * y;
                        }
                    }
                }
                const double mx = sx / n, my = sy / n;
                const double vx = (sxx - n * mx * mx) / (n - 1), vy = (syy - n * my * my) / (n - 1);
                const double cxy = (sxy - n * mx * my) / (n - 1);
                sum += ((2 * mx * my + c1) * (2 * cxy + c2)) /
                       ((mx * mx + my * my + c1) * (vx + vy + c2));
                ++count;
            }
        }
    }
    const MaskedSsim ssim = structuralSimilarity(*a, *b, mask);
    REQUIRE(ssim.voxels == count);
    REQUIRE(ssim.ssim == Approx(sum / count).epsilon(1e-10));
}

TEST_CASE("SSIM over a mask with no voxel away from the edges is not a number", "[analysis]") {
    const auto a = makeHuVolume({6, 12, 12}, {1, 1, 1}, [](int, int, int) { return 40; });
    const std::vector<std::uint8_t> mask(a->geometry().voxelCount(), 1);
    const MaskedSsim ssim = structuralSimilarity(*a, *a, mask);
    REQUIRE(ssim.voxels == 0);
    REQUIRE(std::isnan(ssim.ssim));
}

TEST_CASE("the methods sentence names the mask and every metric parameter", "[analysis]") {
    DiscrepancyMetrics m;
    m.voxels = 1234;
    m.ssimVoxels = 1000;
    const std::string text = agreementMethods(m);
    for (const char* part :
         {"ct_body_where_sct", "-300 HU", "1234 voxels", "[-1024, 3000] HU",
          "10 log10(4024^2 / MSE)", "7x7x7 uniform window", "sample covariance", "K1 0.01",
          "K2 0.03", "data range 4024", "1000 mask voxels at least 3 voxels from every edge",
          "CT >= 200 HU and sCT >= 200 HU"}) {
        INFO(text);
        REQUIRE(text.find(part) != std::string::npos);
    }
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
