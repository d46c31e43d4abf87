#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>

#include "RegistrationTestUtil.h"
#include "SyntheticPair.h"
#include "core/geometry/RigidTransform.h"
#include "core/registration/RegistrationError.h"
#include "core/registration/RigidMiRegistration.h"

using namespace crosscheck;
using namespace crosscheck::test;

namespace {
constexpr double kDeg = M_PI / 180.0;

// Ground truth moving (CT) -> fixed (MR): the CT frame is turned and shifted.
const Eigen::Matrix4d kCtToMr =
    rigidFromEuler(Eigen::Vector3d(4 * kDeg, -3 * kDeg, 6 * kDeg), Eigen::Vector3d(8, -6, 15));

std::shared_ptr<Volume> mrFixed() {
    // 2 mm isotropic, 180 x 140 x 180 mm around the origin; noisy like an MRI. Made once.
    static const auto mr = makeSyntheticVolume(kMrT1Like, {90, 70, 90}, {2.0, 2.0, 2.0}, {0, 0, 0},
                                               Eigen::Matrix4d::Identity(), 12.0, 11);
    return mr;
}

std::shared_ptr<Volume> ctMoving(const TissueValues& tissue, const Eigen::Matrix4d& movingToFixed) {
    // 1.5 x 1.5 x 3 mm, a longer field of view (z) than the MR, centred on the object.
    const Eigen::Vector3d centre = transformPoint(rigidInverse(movingToFixed), PatientPoint{}).mm;
    return makeSyntheticVolume(tissue, {134, 107, 74}, {1.5, 1.5, 3.0}, centre, movingToFixed, 5.0,
                               12);
}
std::shared_ptr<Volume> ctForMr() {
    static const auto ct = ctMoving(kCtLike, kCtToMr);
    return ct;
}
}  // namespace

TEST_CASE("automatic rigid MI registers a CT onto an MRI of another frame within 1 mm",
          "[registration]") {
    const auto mr = mrFixed();
    const auto ct = ctForMr();
    const RigidMiResult result = registerRigidMi(*mr, *ct);
    const double tre = maxTargetErrorMm(result.movingToFixed, kCtToMr, syntheticTumourCentre());
    INFO("TRE " << tre << " mm, iterations " << result.iterations << ", MI " << result.metric
                << ", " << result.ms << " ms");
    for (const auto& level : result.levels) {
        UNSCOPED_INFO("level " << level.spacingMm << " mm: " << level.iterations
                               << " iterations, MI " << level.metric);
    }
    REQUIRE(tre < 1.0);
    REQUIRE(isRigid(result.movingToFixed, 1e-6));
    REQUIRE(result.levels.size() == 3);
    REQUIRE(result.iterations > 0);
    REQUIRE(result.metric > 0.0);
}

TEST_CASE("automatic rigid MI recovers from a start 20 mm and 10 degrees off", "[registration]") {
    const auto mr = mrFixed();
    const auto ct = ctForMr();
    const Eigen::Matrix4d offset = rigidFromEuler(
        Eigen::Vector3d(10 * kDeg, 0, 0), Eigen::Vector3d(20, 0, 0), syntheticTumourCentre());
    RigidMiOptions options;
    options.initialMovingToFixed = offset * kCtToMr;
    const RigidMiResult result = registerRigidMi(*mr, *ct, options);
    const double startTre =
        maxTargetErrorMm(result.initialMovingToFixed, kCtToMr, syntheticTumourCentre());
    const double tre = maxTargetErrorMm(result.movingToFixed, kCtToMr, syntheticTumourCentre());
    INFO("start TRE " << startTre << " mm, TRE " << tre << " mm, iterations " << result.iterations);
    REQUIRE(startTre > 20.0);
    REQUIRE(tre < 1.0);
}

TEST_CASE("automatic rigid MI registers a synthetic CT onto a CT", "[registration]") {
    // The sCT misses the tumour (it looks like soft tissue): everything else must still fit.
    const Eigen::Matrix4d sctToCt =
        rigidFromEuler(Eigen::Vector3d(-5 * kDeg, 2 * kDeg, 3 * kDeg), Eigen::Vector3d(-12, 9, 4));
    const auto ct = makeSyntheticVolume(kCtLike, {110, 85, 60}, {1.6, 1.6, 3.0}, {0, 0, 0},
                                        Eigen::Matrix4d::Identity(), 5.0, 21);
    const auto sct = ctMoving(kSyntheticCtLike, sctToCt);
    const RigidMiResult result = registerRigidMi(*ct, *sct);
    const double tre = maxTargetErrorMm(result.movingToFixed, sctToCt, syntheticTumourCentre());
    INFO("TRE " << tre << " mm, iterations " << result.iterations);
    REQUIRE(tre < 1.0);
}

TEST_CASE("automatic rigid MI reports progress and stops when cancelled", "[registration]") {
    const auto mr = makeSyntheticVolume(kMrT1Like, {60, 50, 60}, {3, 3, 3}, {0, 0, 0},
                                        Eigen::Matrix4d::Identity(), 0.0, 1);
    const auto ct = makeSyntheticVolume(kCtLike, {60, 50, 60}, {3, 3, 3}, {0, 0, 0},
                                        Eigen::Matrix4d::Identity(), 0.0, 2);
    RigidMiOptions options;
    options.levelSpacingsMm = {6.0, 3.0};
    options.translationSearchMm = 0.0;
    double last = -1.0;
    bool monotonic = true;
    Progress progress;
    progress.report = [&](double fraction, const std::string&) {
        monotonic = monotonic && fraction >= last;
        last = fraction;
    };
    registerRigidMi(*mr, *ct, options, progress);
    REQUIRE(monotonic);
    REQUIRE(last == 1.0);

    std::atomic<bool> cancel{false};
    Progress cancelling;
    cancelling.cancel = &cancel;
    cancelling.report = [&cancel](double fraction, const std::string&) {
        if (fraction > 0.2) {
            cancel = true;
        }
    };
    REQUIRE_THROWS_AS(registerRigidMi(*mr, *ct, options, cancelling), Cancelled);
}

TEST_CASE("automatic rigid MI refuses an empty image", "[registration]") {
    const auto mr = makeSyntheticVolume(kMrT1Like, {40, 40, 40}, {3, 3, 3}, {0, 0, 0},
                                        Eigen::Matrix4d::Identity(), 0.0, 1);
    const auto flat = makeSyntheticVolume({5, 5, 5, 5, 5, 5, 5}, {40, 40, 40}, {3, 3, 3}, {0, 0, 0},
                                          Eigen::Matrix4d::Identity(), 0.0, 1);
    REQUIRE_THROWS_AS(registerRigidMi(*mr, *flat), RegistrationError);
}
