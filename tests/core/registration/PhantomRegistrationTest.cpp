// Registration on the project's phantom (core/phantom): CT and T1w in different frames of
// reference, with the true ct_to_mr in the ground truth. Small size keeps this fast.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <random>

#include "RegistrationTestUtil.h"
#include "core/geometry/RigidTransform.h"
#include "core/phantom/PhantomStudy.h"
#include "core/registration/FrameTransforms.h"
#include "core/registration/LandmarkRegistration.h"
#include "core/registration/RigidMiRegistration.h"

using namespace crosscheck;
using namespace crosscheck::test;

namespace {
constexpr double kDeg = M_PI / 180.0;

const PhantomStudy& smallStudy() {
    static const PhantomStudy study = [] {
        PhantomOptions options;
        options.size = PhantomSize::Small;
        options.seed = 3;
        return generatePhantomStudy(options);
    }();
    return study;
}

// The same voxels seen from another frame: patient coordinates become delta * old.
std::shared_ptr<Volume> movedCopy(const Volume& volume, const Eigen::Matrix4d& delta) {
    auto moved = std::make_shared<Volume>(
        VolumeGeometry(volume.geometry().dims(), delta * volume.geometry().indexToPatient()),
        volume.voxelType());
    std::memcpy(moved->data(), volume.data(), volume.byteCount());
    return moved;
}

// An offset of 20 mm and 10 degrees, about the tumour, in the MR frame.
Eigen::Matrix4d offsetAboutTumour(const PhantomGroundTruth& truth) {
    return rigidFromEuler(Eigen::Vector3d(10 * kDeg, 0, 0), Eigen::Vector3d(20, 0, 0),
                          truth.tumor.centerMrMm);
}
}  // namespace

TEST_CASE("automatic registration of the phantom CT onto its T1w recovers ct_to_mr within 1 mm",
          "[registration][phantom]") {
    const PhantomStudy& study = smallStudy();
    const auto& truth = study.truth;
    REQUIRE_FALSE(truth.ctToMr.isIdentity());
    const RigidMiResult result = registerRigidMi(*study.byRole(SeriesRole::T1w).volume,
                                                 *study.byRole(SeriesRole::CT).volume);
    const double startTre =
        maxTargetErrorMm(result.initialMovingToFixed, truth.ctToMr, truth.tumor.centerMrMm);
    const double tre = maxTargetErrorMm(result.movingToFixed, truth.ctToMr, truth.tumor.centerMrMm);
    INFO("start TRE " << startTre << " mm, TRE " << tre << " mm, " << result.iterations
                      << " iterations, MI " << result.metric << ", " << result.ms << " ms");
    REQUIRE(tre < 1.0);
}

TEST_CASE("automatic registration of the phantom recovers from an extra 20 mm / 10 degree offset",
          "[registration][phantom]") {
    const PhantomStudy& study = smallStudy();
    const auto& truth = study.truth;
    const Volume& mr = *study.byRole(SeriesRole::T1w).volume;
    const Volume& ct = *study.byRole(SeriesRole::CT).volume;
    const Eigen::Matrix4d offset = offsetAboutTumour(truth);

    SECTION("started 20 mm and 10 degrees off the truth") {
        RigidMiOptions options;
        options.initialMovingToFixed = offset * truth.ctToMr;
        const RigidMiResult result = registerRigidMi(mr, ct, options);
        const double startTre =
            maxTargetErrorMm(result.initialMovingToFixed, truth.ctToMr, truth.tumor.centerMrMm);
        const double tre =
            maxTargetErrorMm(result.movingToFixed, truth.ctToMr, truth.tumor.centerMrMm);
        INFO("start TRE " << startTre << " mm, TRE " << tre << " mm, " << result.iterations
                          << " iterations");
        REQUIRE(startTre > 20.0);
        REQUIRE(tre < 1.0);
    }
    SECTION("the CT frame moved by a further 20 mm and 10 degrees, default start") {
        // CT' = D * CT, so the truth becomes ctToMr * D^-1.
        const Eigen::Matrix4d d = rigidInverse(truth.ctToMr) * offset * truth.ctToMr;
        const auto movedCt = movedCopy(ct, d);
        const Eigen::Matrix4d movedTruth = truth.ctToMr * rigidInverse(d);
        const RigidMiResult result = registerRigidMi(mr, *movedCt);
        const double tre =
            maxTargetErrorMm(result.movingToFixed, movedTruth, truth.tumor.centerMrMm);
        INFO("TRE " << tre << " mm, " << result.iterations << " iterations");
        REQUIRE(tre < 1.0);
    }
}

TEST_CASE("automatic registration of the phantom sCT onto its CT recovers mr_to_ct within 1 mm",
          "[registration][phantom]") {
    const PhantomStudy& study = smallStudy();
    const auto& truth = study.truth;
    // The sCT lives in the MR frame: moving sCT -> fixed CT is the inverse of ct_to_mr.
    const Eigen::Matrix4d sctToCt = rigidInverse(truth.ctToMr);
    const RigidMiResult result = registerRigidMi(*study.byRole(SeriesRole::CT).volume,
                                                 *study.byRole(SeriesRole::sCT).volume);
    const double tre = maxTargetErrorMm(result.movingToFixed, sctToCt, truth.tumor.centerCtMm);
    INFO("TRE " << tre << " mm, " << result.iterations << " iterations, " << result.ms << " ms");
    REQUIRE(tre < 1.0);
}

TEST_CASE("landmark registration on phantom points with added noise gives the expected RMS",
          "[registration][phantom]") {
    // Ground-truth points (tumour centre and the corners of a 100 mm cube around it, plus
    // a few more), seen in both frames; 1 mm sd noise on the CT side. The expected RMS of
    // the residuals is sd * sqrt(3 - 6/n); pooled over 200 trials it is checked to 5 %.
    // With the tumour at the landmarks' centroid its mapped position errs by about
    // sd * 1.6 / 3 = 0.53 mm on average (a chi distribution with 3 degrees of freedom).
    const auto& truth = smallStudy().truth;
    std::mt19937 random(5);
    std::normal_distribution<double> noise(0.0, 1.0);
    double sumSquares = 0.0;
    int count = 0;
    double sumTumourError = 0.0;
    const Eigen::Matrix4d mrToCt = rigidInverse(truth.ctToMr);
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<LandmarkPair> pairs;
        for (int corner = -1; corner < 8; ++corner) {
            Eigen::Vector3d p = truth.tumor.centerMrMm;
            if (corner >= 0) {
                for (int a = 0; a < 3; ++a) {
                    p[a] += ((corner >> a) & 1 ? 50.0 : -50.0);
                }
            }
            LandmarkPair pair;
            pair.fixed.mm = p;
            pair.moving.mm = transformPoint(mrToCt, PatientPoint{p}).mm +
                             Eigen::Vector3d(noise(random), noise(random), noise(random));
            pairs.push_back(pair);
        }
        const auto result = registerLandmarks(pairs);
        sumSquares += result.rmsMm * result.rmsMm * pairs.size();
        count += static_cast<int>(pairs.size());
        const Eigen::Vector3d tumourCt =
            transformPoint(mrToCt, PatientPoint{truth.tumor.centerMrMm}).mm;
        sumTumourError += (transformPoint(result.movingToFixed, PatientPoint{tumourCt}).mm -
                           truth.tumor.centerMrMm)
                              .norm();
    }
    // Pooled over trials: E[sum of squared residuals] = sd^2 (3n - 6) per trial.
    const double pooledRms = std::sqrt(sumSquares / count);
    REQUIRE(pooledRms == Approx(std::sqrt(3.0 - 6.0 / 9.0)).epsilon(0.05));
    REQUIRE(sumTumourError / 200 == Approx(1.596 / 3.0).epsilon(0.15));
}

TEST_CASE("phantom frames compose CT -> MR -> sCT through the registry",
          "[registration][phantom]") {
    const auto& truth = smallStudy().truth;
    FrameTransforms transforms;
    transforms.set(truth.ctFrameUid, truth.mrFrameUid, truth.ctToMr, {TransformBasis::AutomaticMi});
    const auto ctToMr = transforms.transform(truth.ctFrameUid, truth.mrFrameUid);
    REQUIRE(
        (transformPoint(*ctToMr, PatientPoint{truth.tumor.centerCtMm}).mm - truth.tumor.centerMrMm)
            .norm() < 0.05);
    const auto mrToCt = transforms.transform(truth.mrFrameUid, truth.ctFrameUid);
    REQUIRE(
        (transformPoint(*mrToCt, PatientPoint{truth.tumor.centerMrMm}).mm - truth.tumor.centerCtMm)
            .norm() < 0.05);
}
