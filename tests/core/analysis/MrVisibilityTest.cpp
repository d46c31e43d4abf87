// assessMrVisibility on synthetic MR volumes (core/analysis/MrVisibility.h).
#include <catch2/catch.hpp>
#include <random>

#include "AnalysisTestUtil.h"
#include "core/analysis/MrVisibility.h"
#include "core/analysis/RegionExtraction.h"

using namespace crosscheck;
using namespace crosscheck::test;

namespace {
// A uint16 MR volume on the same grid: 300 with noise SD 15, `inside` value in the box.
std::shared_ptr<Volume> mrVolume(const VolumeGeometry& grid, const Eigen::Vector3i& lo,
                                 const Eigen::Vector3i& hi, int inside) {
    auto mr = std::make_shared<Volume>(grid, VoxelType::UInt16);
    std::mt19937 random(7);
    std::normal_distribution<double> noise(0.0, 15.0);
    const auto d = grid.dims();
    for (int k = 0; k < d.z(); ++k) {
        for (int j = 0; j < d.y(); ++j) {
            for (int i = 0; i < d.x(); ++i) {
                const double v = (inBox(i, j, k, lo, hi) ? inside : 300) + noise(random);
                mr->voxels<std::uint16_t>()[mr->offset(i, j, k)] =
                    static_cast<std::uint16_t>(std::lround(v));
            }
        }
    }
    return mr;
}
}  // namespace

TEST_CASE("a region is visible on MR when it stands out from its shell, not otherwise",
          "[analysis]") {
    const Eigen::Vector3i lo(8, 8, 8), hi(16, 16, 16);
    std::shared_ptr<const Volume> ct =
        makeHuVolume({24, 24, 24}, {1, 1, 1},
                     [&](int i, int j, int k) { return inBox(i, j, k, lo, hi) ? 500 : 40; });
    const auto sct = makeHuVolume({24, 24, 24}, {1, 1, 1}, [](int, int, int) { return 40; });
    const auto diff = DifferenceVolume::compute(ct, *sct, Eigen::Matrix4d::Identity());
    auto regions = extractRegions(*diff, DiscrepancyThresholds{});
    REQUIRE(regions.size() == 1);

    // MR dark inside (100 vs 300, noise 15): contrast about 13.
    const auto dark = mrVolume(ct->geometry(), lo, hi, 100);
    // MR with no contrast at the region: noise only.
    const auto flat = mrVolume(ct->geometry(), lo, hi, 300);

    assessMrVisibility(regions, ct->geometry(), diff->domain(),
                       {{"T2w", dark.get(), FrameTransform()}});
    REQUIRE(regions[0].visibleOnMr == true);
    REQUIRE(regions[0].mrContrast.size() == 1);
    REQUIRE(regions[0].mrContrast[0].meanInside == Approx(100.0).margin(3.0));
    REQUIRE(regions[0].mrContrast[0].meanShell == Approx(300.0).margin(3.0));

    assessMrVisibility(regions, ct->geometry(), diff->domain(),
                       {{"T1w", flat.get(), FrameTransform()}});
    REQUIRE(regions[0].visibleOnMr == false);
    REQUIRE(regions[0].mrContrast[0].contrast < 0.5);

    // Either series showing it is enough.
    assessMrVisibility(
        regions, ct->geometry(), diff->domain(),
        {{"T1w", flat.get(), FrameTransform()}, {"T2w", dark.get(), FrameTransform()}});
    REQUIRE(regions[0].visibleOnMr == true);

    // Through a transform: the MR grid shifted by 5 mm along x, ctToMr accounts for it.
    Eigen::Matrix4d shifted = ct->geometry().indexToPatient();
    shifted(0, 3) += 5.0;
    auto moved =
        std::make_shared<Volume>(VolumeGeometry(ct->geometry().dims(), shifted), VoxelType::UInt16);
    std::copy(dark->voxels<std::uint16_t>(),
              dark->voxels<std::uint16_t>() + ct->geometry().voxelCount(),
              moved->voxels<std::uint16_t>());
    Eigen::Matrix4d ctToMr = Eigen::Matrix4d::Identity();
    ctToMr(0, 3) = 5.0;
    assessMrVisibility(regions, ct->geometry(), diff->domain(),
                       {{"T2w", moved.get(), FrameTransform("ct", "mr", ctToMr)}});
    REQUIRE(regions[0].mrContrast[0].meanInside == Approx(100.0).margin(3.0));
}
