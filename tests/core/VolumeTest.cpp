#include <catch2/catch.hpp>

#include "core/volume/TestPattern.h"
#include "core/volume/Volume.h"

using namespace crosscheck;

namespace {
std::shared_ptr<Volume> rampVolume() {
    // value = i + 10 j + 100 k on a 4 x 3 x 2 grid with 2 mm voxels.
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m.topLeftCorner<3, 3>() *= 2.0;
    auto v = std::make_shared<Volume>(VolumeGeometry({4, 3, 2}, m), VoxelType::Int16);
    for (int k = 0; k < 2; ++k)
        for (int j = 0; j < 3; ++j)
            for (int i = 0; i < 4; ++i) v->voxels<std::int16_t>()[v->offset(i, j, k)] = static_cast<std::int16_t>(i + 10 * j + 100 * k);
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
