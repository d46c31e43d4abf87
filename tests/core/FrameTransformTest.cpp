#include <catch2/catch.hpp>
#include <stdexcept>

#include "core/geometry/FrameTransform.h"
#include "core/geometry/RigidTransform.h"

using namespace crosscheck;

namespace {
constexpr double kPi = 3.14159265358979323846;
}

TEST_CASE("a frame transform maps a point as a hand calculation does", "[geometry]") {
    // 90 degrees about z, then 10 mm along x: (1, 2, 3) -> (-2, 1, 3) -> (8, 1, 3).
    const FrameTransform ctToMr("ct", "mr", rigidFromEuler({0, 0, kPi / 2}, {10, 0, 0}));
    const PatientPoint p = ctToMr(PatientPoint{{1, 2, 3}});
    REQUIRE((p.mm - Eigen::Vector3d(8, 1, 3)).norm() < 1e-12);
    REQUIRE((ctToMr.direction({1, 0, 0}) - Eigen::Vector3d(0, 1, 0)).norm() < 1e-12);
    REQUIRE(ctToMr.fromFrame() == "ct");
    REQUIRE(ctToMr.toFrame() == "mr");
}

TEST_CASE("a frame transform's inverse swaps the frames and undoes the mapping", "[geometry]") {
    const FrameTransform ctToMr("ct", "mr", rigidFromEuler({0.1, -0.2, 0.3}, {5, -7, 11}));
    const FrameTransform mrToCt = ctToMr.inverse();
    REQUIRE(mrToCt.fromFrame() == "mr");
    REQUIRE(mrToCt.toFrame() == "ct");
    const PatientPoint p{{12.5, -40, 3}};
    REQUIRE((mrToCt(ctToMr(p)).mm - p.mm).norm() < 1e-9);
}

TEST_CASE("chained frame transforms compose in order and refuse frames that do not meet",
          "[geometry]") {
    const FrameTransform ctToMr("ct", "mr", rigidFromEuler({0, 0, 0}, {1, 0, 0}));
    const FrameTransform mrToSct("mr", "sct", rigidFromEuler({0, 0, kPi}, {0, 0, 0}));
    const FrameTransform ctToSct = ctToMr.then(mrToSct);
    REQUIRE(ctToSct.fromFrame() == "ct");
    REQUIRE(ctToSct.toFrame() == "sct");
    // (1, 2, 3) -> (2, 2, 3) -> rotated 180 degrees about z: (-2, -2, 3).
    REQUIRE((ctToSct(PatientPoint{{1, 2, 3}}).mm - Eigen::Vector3d(-2, -2, 3)).norm() < 1e-12);
    REQUIRE_THROWS_AS(mrToSct.then(ctToMr), std::invalid_argument);
}

TEST_CASE("applyAffine applies an index-to-patient affine with its translation", "[geometry]") {
    Eigen::Matrix4d affine = Eigen::Matrix4d::Identity();
    affine.diagonal().head<3>() = Eigen::Vector3d(0.5, 0.5, 2.0);
    affine.topRightCorner<3, 1>() = Eigen::Vector3d(-100, -120, 30);
    REQUIRE((applyAffine(affine, {10, 20, 3}) - Eigen::Vector3d(-95, -110, 36)).norm() < 1e-12);
}
