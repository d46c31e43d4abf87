#include <catch2/catch.hpp>

#include "core/volume/TestPattern.h"
#include "core/volume/Volume.h"
#include "core/volume/VolumeStatistics.h"

using namespace crosscheck;

namespace {
std::shared_ptr<Volume> rampVolume() {
    // value = i + 10 j + 100 k on a 4 x 3 x 2 grid with 2 mm voxels.
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m.topLeftCorner<3, 3>() *= 2.0;
    auto v = std::make_shared<Volume>(VolumeGeometry({4, 3, 2}, m), VoxelType::Int16);
    for (int k = 0; k < 2; ++k)
        for (int j = 0; j < 3; ++j)
            for (int i = 0; i < 4; ++i)
                v->voxels<std::int16_t>()[v->offset(i, j, k)] =
                    static_cast<std::int16_t>(i + 10 * j + 100 * k);
    return v;
}
}  // namespace

TEST_CASE("trilinear sampling of a linear ramp is exact", "[volume]") {
    const auto v = rampVolume();
    REQUIRE(v->value(3, 2, 1) == 123.0);
    REQUIRE(*v->sampleLinear(VoxelIndex{{1.5, 0.25, 0.5}}) == Approx(1.5 + 2.5 + 50.0));
    // Patient (3, 1, 1) mm is index (1.5, 0.5, 0.5).
    REQUIRE(*v->sampleLinear(PatientPoint{{3, 1, 1}}) == Approx(1.5 + 5 + 50));
    REQUIRE_FALSE(v->sampleLinear(VoxelIndex{{4.0, 0, 0}}).has_value());
    // Patient (2.9, 3.1, 1.1) mm lies in voxel (1, 2, 1) (index 1.45, 1.55, 0.55).
    REQUIRE(*v->sampleNearest(PatientPoint{{2.9, 3.1, 1.1}}) == 121.0);
    REQUIRE_FALSE(v->sampleNearest(PatientPoint{{-1.1, 0, 0}}).has_value());
    REQUIRE(v->byteCount() == 4u * 3u * 2u * 2u);
}

TEST_CASE("the shell test pattern has its base value at the centre and +100 in the second shell",
          "[volume]") {
    const auto v = makeShellPattern(61, 300);
    REQUIRE(v->value(30, 30, 30) == 300.0);
    REQUIRE(v->value(30 + 15, 30, 30) == 400.0);
    REQUIRE(v->value(30, 30 + 25, 30) == 300.0);
    REQUIRE((v->geometry().center().mm).norm() < 1e-12);
}

TEST_CASE("percentiles of a known ramp and the automatic MR window", "[volume]") {
    // Values 0..999 once each.
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    Volume v(VolumeGeometry({10, 10, 10}, m), VoxelType::UInt16);
    for (int n = 0; n < 1000; ++n)
        v.voxels<std::uint16_t>()[n] = static_cast<std::uint16_t>(n);
    const auto p = volumePercentiles(v, {0, 50, 100, 25});
    REQUIRE(p[0] == 0.0);
    REQUIRE(p[1] == Approx(499.5));
    REQUIRE(p[2] == 999.0);
    REQUIRE(p[3] == Approx(249.75));
    // The lowest 2 % (0..19.98) are dropped as background; the window spans the 1st to
    // the 99th percentile of the remaining 980 values (20..999).
    const WindowLevel w = automaticWindow(v);
    const double lo = 20 + 0.01 * 979, hi = 20 + 0.99 * 979;
    REQUIRE(w.width == Approx(hi - lo));
    REQUIRE(w.level == Approx(0.5 * (lo + hi)));
}
