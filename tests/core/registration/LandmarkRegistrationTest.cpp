#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "core/geometry/RigidTransform.h"
#include "core/registration/LandmarkRegistration.h"
#include "core/registration/RegistrationError.h"

using namespace crosscheck;

namespace {
const Eigen::Matrix4d kTruth = rigidFromEuler(
    Eigen::Vector3d(0.1, -0.2, 0.3), Eigen::Vector3d(12, -30, 7), Eigen::Vector3d(5, 5, 5));

std::vector<LandmarkPair> pairsFor(const std::vector<Eigen::Vector3d>& moving,
                                   const Eigen::Matrix4d& movingToFixed) {
    std::vector<LandmarkPair> pairs;
    for (const auto& m : moving) {
        pairs.push_back({transformPoint(movingToFixed, PatientPoint{m}), PatientPoint{m}, ""});
    }
    return pairs;
}
}  // namespace

TEST_CASE("three exact landmarks recover a rigid transform with zero residual", "[registration]") {
    const auto pairs = pairsFor({{0, 0, 0}, {50, 0, 0}, {0, 40, 10}}, kTruth);
    const auto result = registerLandmarks(pairs);
    REQUIRE((result.movingToFixed - kTruth).cwiseAbs().maxCoeff() < 1e-9);
    REQUIRE(result.residualsMm.size() == 3);
    REQUIRE(result.rmsMm < 1e-9);
    REQUIRE(isRigid(result.movingToFixed));
}

TEST_CASE("landmark residuals of a hand-made inconsistent set are as calculated",
          "[registration]") {
    // Fixed points are the moving ones, except that two are pulled 1 mm apart along x,
    // symmetric about the centroid: the best rigid fit is still the identity (rotating
    // cannot help a pure stretch of a symmetric pair), so residuals are 1, 1, 0, 0 mm.
    std::vector<LandmarkPair> pairs = {
        {PatientPoint{{-11, 0, 0}}, PatientPoint{{-10, 0, 0}}, "a"},
        {PatientPoint{{11, 0, 0}}, PatientPoint{{10, 0, 0}}, "b"},
        {PatientPoint{{0, -10, 0}}, PatientPoint{{0, -10, 0}}, "c"},
        {PatientPoint{{0, 10, 0}}, PatientPoint{{0, 10, 0}}, "d"},
    };
    const auto result = registerLandmarks(pairs);
    REQUIRE((result.movingToFixed - Eigen::Matrix4d::Identity()).cwiseAbs().maxCoeff() < 1e-9);
    REQUIRE(result.residualsMm[0] == Approx(1.0));
    REQUIRE(result.residualsMm[1] == Approx(1.0));
    REQUIRE(result.residualsMm[2] == Approx(0.0).margin(1e-9));
    REQUIRE(result.rmsMm == Approx(std::sqrt(2.0 / 4.0)));
}

TEST_CASE("landmarks with added noise give the expected RMS and an accurate transform",
          "[registration]") {
    // With n landmarks and isotropic noise of sd s added to the fixed points, the expected
    // squared residual is s^2 (3n - 6) / n: the fit absorbs 6 degrees of freedom.
    std::mt19937 random(7);
    std::uniform_real_distribution<double> where(-60.0, 60.0);
    const double sd = 0.8;
    std::normal_distribution<double> noise(0.0, sd);
    const int n = 400;
    std::vector<Eigen::Vector3d> moving;
    for (int i = 0; i < n; ++i) {
        moving.emplace_back(where(random), where(random), where(random));
    }
    auto pairs = pairsFor(moving, kTruth);
    for (auto& p : pairs) {
        p.fixed.mm += Eigen::Vector3d(noise(random), noise(random), noise(random));
    }
    const auto result = registerLandmarks(pairs);
    const double expectedRms = sd * std::sqrt((3.0 * n - 6.0) / n);
    REQUIRE(result.rmsMm == Approx(expectedRms).epsilon(0.06));
    // Many landmarks average the noise out: the transform itself is close to the truth.
    const Eigen::Vector3d probe(60, 60, 60);
    REQUIRE((transformPoint(result.movingToFixed, PatientPoint{probe}).mm -
             transformPoint(kTruth, PatientPoint{probe}).mm)
                .norm() < 0.3);
}

TEST_CASE("landmark registration refuses fewer than three pairs", "[registration]") {
    const auto pairs = pairsFor({{0, 0, 0}, {50, 0, 0}}, kTruth);
    REQUIRE_THROWS_AS(registerLandmarks(pairs), RegistrationError);
    REQUIRE_THROWS_WITH(registerLandmarks(pairs), Catch::Contains("at least 3"));
}

TEST_CASE("landmark registration refuses collinear landmarks", "[registration]") {
    const auto pairs = pairsFor({{0, 0, 0}, {10, 10, 10}, {20, 20, 20}, {35, 35, 35}}, kTruth);
    REQUIRE_THROWS_WITH(registerLandmarks(pairs), Catch::Contains("line"));
}
