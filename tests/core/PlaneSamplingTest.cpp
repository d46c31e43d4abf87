#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <type_traits>
#include <vector>

#include "core/volume/PlaneSampling.h"

using namespace crosscheck;
using Catch::Matchers::WithinAbs;

namespace {

/// A volume of distinct values that vary along every axis (a plane through it is never flat).
std::unique_ptr<Volume> rampVolume(VoxelType type) {
    Eigen::Matrix4d indexToPatient = Eigen::Matrix4d::Identity();
    indexToPatient.diagonal().head<3>() = Eigen::Vector3d(0.8, 1.1, 2.5);
    auto volume = std::make_unique<Volume>(VolumeGeometry({9, 7, 5}, indexToPatient), type);
    volume->visit([&](const auto* constVoxels) {
        using T = std::remove_const_t<std::remove_pointer_t<decltype(constVoxels)>>;
        T* voxels = const_cast<T*>(constVoxels);
        for (int k = 0; k < 5; ++k) {
            for (int j = 0; j < 7; ++j) {
                for (int i = 0; i < 9; ++i) {
                    voxels[volume->offset(i, j, k)] =
                        static_cast<T>(3.0 * i - 17.0 * j + 41.0 * k + 0.25 * i * k + 200.0);
                }
            }
        }
    });
    return volume;
}

PlaneGrid obliqueGrid() {
    PlaneGrid grid;
    grid.origin = Eigen::Vector3d(-2.3, -1.7, -0.9);
    grid.stepI = Eigen::Vector3d(0.31, 0.07, 0.05);
    grid.stepJ = Eigen::Vector3d(-0.04, 0.27, 0.11);
    grid.width = 41;
    grid.height = 37;
    return grid;
}

}  // namespace

TEST_CASE("samplePlane equals Volume::sampleLinear inside and the background outside",
          "[volume][plane]") {
    const auto volume = rampVolume(VoxelType::Float32);
    const PlaneGrid grid = obliqueGrid();
    std::vector<float> out(static_cast<std::size_t>(grid.width) * grid.height);
    samplePlane<float>(*volume, grid, -999.0f, out.data());
    int inside = 0, outside = 0;
    for (int j = 0; j < grid.height; ++j) {
        for (int i = 0; i < grid.width; ++i) {
            const Eigen::Vector3d index = grid.origin + i * grid.stepI + j * grid.stepJ;
            const auto expected = volume->sampleLinear(VoxelIndex{index});
            const float got = out[static_cast<std::size_t>(j) * grid.width + i];
            if (expected) {
                ++inside;
                CHECK_THAT(got, WithinAbs(*expected, 1e-3));
            } else {
                ++outside;
                CHECK(got == -999.0f);
            }
        }
    }
    // The grid crosses the volume's border: both cases are exercised.
    CHECK(inside > 200);
    CHECK(outside > 200);
}

TEST_CASE("samplePlane rounds and clamps integer voxel types", "[volume][plane]") {
    const auto volume = rampVolume(VoxelType::Int16);
    const PlaneGrid grid = obliqueGrid();
    std::vector<std::int16_t> out(static_cast<std::size_t>(grid.width) * grid.height);
    samplePlane<std::int16_t>(*volume, grid, std::int16_t{-32768}, out.data());
    for (int j = 0; j < grid.height; ++j) {
        for (int i = 0; i < grid.width; ++i) {
            const Eigen::Vector3d index = grid.origin + i * grid.stepI + j * grid.stepJ;
            const auto expected = volume->sampleLinear(VoxelIndex{index});
            const int got = out[static_cast<std::size_t>(j) * grid.width + i];
            CHECK(got == (expected ? static_cast<int>(std::lround(*expected)) : -32768));
        }
    }

    Volume bright(VolumeGeometry({2, 1, 1}, Eigen::Matrix4d::Identity()), VoxelType::Float32);
    bright.voxels<float>()[0] = 1e6f;
    bright.voxels<float>()[1] = -1e6f;
    PlaneGrid two;
    two.width = 2;
    two.height = 1;
    std::uint16_t clamped[2] = {7, 7};
    samplePlane<std::uint16_t>(bright, two, std::uint16_t{0}, clamped);
    CHECK(clamped[0] == 65535);
    CHECK(clamped[1] == 0);
}
