// resampleToGrid: the sCT into the CT grid (core/analysis/ResampleToGrid.h).
#include <catch2/catch.hpp>

#include "AnalysisTestUtil.h"
#include "core/analysis/ResampleToGrid.h"

using namespace crosscheck;
using namespace crosscheck::test;

TEST_CASE("resampling onto the same grid with the identity reproduces every voxel", "[analysis]") {
    const auto source = makeHuVolume({9, 7, 5}, {1.0, 1.5, 2.0}, [](int i, int j, int k) {
        return i * 100 - j * 7 + k * 31 - 500;
    });
    const auto out = resampleToGrid(*source, source->geometry(), Eigen::Matrix4d::Identity());
    for (int k = 0; k < 5; ++k) {
        for (int j = 0; j < 7; ++j) {
            for (int i = 0; i < 9; ++i) {
                REQUIRE(out->value(i, j, k) == source->value(i, j, k));
            }
        }
    }
}

TEST_CASE("a half-voxel shift interpolates a linear ramp exactly and marks what falls outside",
          "[analysis]") {
    // Source ramp 10 HU per mm along x (spacing 2 mm: 20 HU per voxel).
    const auto source =
        makeHuVolume({8, 4, 4}, {2.0, 2.0, 2.0}, [](int i, int, int) { return 20 * i; });
    // Target: the same grid; target patient x maps to source x + 1 mm (half a voxel).
    Eigen::Matrix4d targetToSource = Eigen::Matrix4d::Identity();
    targetToSource(0, 3) = 1.0;
    const auto out = resampleToGrid(*source, source->geometry(), targetToSource);
    for (int i = 0; i < 7; ++i) {
        // Hand calculation: value at x = 2i + 1 mm is 10 * (2i + 1) HU.
        REQUIRE(out->value(i, 1, 1) == 20 * i + 10);
    }
    // The last column lands at source index 7.5: half a voxel beyond the last centre,
    // clamped to the edge voxel (as Volume::sampleLinear).
    REQUIRE(out->value(7, 1, 1) == 140);
    // Shifted by 3 voxels, the last three columns fall outside the source.
    targetToSource(0, 3) = 6.0;
    const auto far = resampleToGrid(*source, source->geometry(), targetToSource);
    REQUIRE(far->value(4, 0, 0) == 140);
    REQUIRE(far->value(5, 0, 0) == kNoSampleValue);
    REQUIRE(far->value(7, 3, 3) == kNoSampleValue);
}

TEST_CASE("resampling a rotated source follows the transform", "[analysis]") {
    // A bright voxel block in the source; the target sees the source turned 90 degrees
    // about z: target (x, y) -> source (y, -x) + offset.
    const auto source = makeHuVolume(
        {10, 10, 3}, {1, 1, 1}, [](int i, int j, int) { return (i == 2 && j == 6) ? 1000 : 0; });
    Eigen::Matrix4d targetToSource = Eigen::Matrix4d::Identity();
    targetToSource.topLeftCorner<3, 3>() << 0, 1, 0, -1, 0, 0, 0, 0, 1;
    targetToSource(1, 3) = 9.0;  // source y = 9 - target x
    const auto out = resampleToGrid(*source, source->geometry(), targetToSource);
    // Source (2, 6) is target (x, y) with y = 2 and 9 - x = 6: x = 3.
    REQUIRE(out->value(3, 2, 1) == 1000);
    REQUIRE(out->value(2, 6, 1) == 0);
}
