// Region-focused rigid registration (issue 22) on the phantom with a change of posture:
// each vertebral level of the MRI turned differently (phantom --posture), with the true
// CT -> MR map of every level in the ground truth. Small size keeps this fast.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <memory>

#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/geometry/RigidTransform.h"
#include "core/phantom/PhantomStudy.h"
#include "core/registration/RegistrationError.h"
#include "core/registration/RegistrationQuality.h"
#include "core/registration/RigidMiRegistration.h"

using namespace crosscheck;

namespace {

constexpr double kPostureDegrees = 8.0;

const PhantomStudy& postureStudy() {
    static const PhantomStudy study = [] {
        PhantomOptions options;
        options.size = PhantomSize::Small;
        options.postureDegrees = kPostureDegrees;
        return generatePhantomStudy(options);
    }();
    return study;
}

const Volume& mr() {
    return *postureStudy().byRole(SeriesRole::T1w).volume;
}
const Volume& ct() {
    return *postureStudy().byRole(SeriesRole::CT).volume;
}

// Largest error (mm) of an estimated CT -> MR registration (moving CT, fixed MR) against a
// level's truth, at the level's body centre and 6 points 20 mm from it (MR mm).
double levelTreMm(const Eigen::Matrix4d& estimatedCtToMr, const PhantomLevelTruth& level) {
    const Eigen::Matrix4d mrToCt = rigidInverse(level.ctToMr);
    double worst = 0.0;
    for (int p = -1; p < 6; ++p) {
        Eigen::Vector3d point = level.centerMrMm;
        if (p >= 0) {
            point[p / 2] += (p % 2 ? -20.0 : 20.0);
        }
        const PatientPoint inCt = transformPoint(mrToCt, PatientPoint{point});
        worst = std::max(worst, (transformPoint(estimatedCtToMr, inCt).mm - point).norm());
    }
    return worst;
}

const PhantomLevelTruth& levelTruth(int level) {
    for (const auto& l : postureStudy().truth.levels) {
        if (l.level == level) {
            return l;
        }
    }
    throw std::logic_error("no such level in the phantom");
}

RigidMiOptions regionAt(const Eigen::Vector3d& centreMm, double radiusMm = 40.0) {
    RigidMiOptions options;
    options.region = RegistrationRegion{centreMm, radiusMm};
    return options;
}

}  // namespace

TEST_CASE("the posture phantom's levels each have their own CT to MR map",
          "[registration][phantom][posture]") {
    const auto& truth = postureStudy().truth;
    REQUIRE(truth.postureDegrees == kPostureDegrees);
    REQUIRE(truth.levels.size() >= 5);
    // Off-centre levels are turned by several degrees, relative to each other too.
    const double turn =
        rotationAngleDegrees(levelTruth(2).ctToMr * rigidInverse(levelTruth(-2).ctToMr));
    CHECK(turn > 4.0);
    for (const auto& l : truth.levels) {
        CHECK(l.rotationDegrees.cwiseAbs().maxCoeff() <= kPostureDegrees + 1e-9);
        // The level's map carries its body centre from CT to MR.
        CHECK((transformPoint(l.ctToMr, PatientPoint{l.centerCtMm}).mm - l.centerMrMm).norm() <
              1e-6);
    }
}

TEST_CASE(
    "whole-image rigid registration of the posture phantom misaligns off-centre levels by "
    "more than 2 mm",
    "[registration][phantom][posture]") {
    const RigidMiResult global = registerRigidMi(mr(), ct());
    for (int level : {-2, 2}) {
        const double tre = levelTreMm(global.movingToFixed, levelTruth(level));
        INFO("level " << level << ": TRE " << tre << " mm");
        CHECK(tre > 2.0);
    }
}

TEST_CASE(
    "region-focused registration at each level of the posture phantom brings that level's "
    "TRE under 1 mm",
    "[registration][phantom][posture]") {
    for (const auto& level : postureStudy().truth.levels) {
        const RigidMiResult local = registerRigidMi(mr(), ct(), regionAt(level.centerMrMm));
        const double tre = levelTreMm(local.movingToFixed, level);
        const double startTre = levelTreMm(local.initialMovingToFixed, level);
        INFO("level " << level.level << ": start TRE " << startTre << " mm, TRE " << tre
                      << " mm, NGF " << local.quality.ngfBefore << " -> " << local.quality.ngfAfter
                      << ", " << local.ms << " ms");
        CHECK(tre < 1.0);
        REQUIRE(local.region);
        CHECK(local.region->radiusMm == 40.0);
        CHECK(local.quality.warning.empty());
        CHECK(local.quality.ngfAfter >= local.quality.ngfBefore);
    }
}

TEST_CASE("the quality figure warns about a fit that is off by 10 mm and 10 degrees",
          "[registration][phantom][posture][quality]") {
    const PhantomLevelTruth& level = levelTruth(0);
    const RegistrationRegion region{level.centerMrMm, 40.0};
    const RegistrationQuality good =
        assessRegistration(mr(), ct(), level.ctToMr, level.ctToMr, region);
    const Eigen::Matrix4d off = rigidFromEuler(Eigen::Vector3d(10.0 * M_PI / 180.0, 0, 0),
                                               Eigen::Vector3d(10, 0, 0), level.centerMrMm) *
                                level.ctToMr;
    const RegistrationQuality poor = assessRegistration(mr(), ct(), level.ctToMr, off, region);
    INFO("NGF at the truth " << good.ngfAfter << ", off " << poor.ngfAfter << "; MI "
                             << good.miAfter << ", " << poor.miAfter);
    CHECK(good.warning.empty());
    CHECK(good.ngfAfter > poor.ngfAfter + 0.05);
    CHECK(poor.miAfter < good.miAfter);
    CHECK_FALSE(poor.warning.empty());
    CHECK(landmarkQuality(0.8).warning.empty());
    CHECK_FALSE(landmarkQuality(3.5).warning.empty());
}

TEST_CASE("a region that cannot be registered is refused with a reason",
          "[registration][phantom][posture]") {
    const PhantomLevelTruth& level = levelTruth(0);
    SECTION("too small") {
        REQUIRE_THROWS_WITH(registerRigidMi(mr(), ct(), regionAt(level.centerMrMm, 5.0)),
                            Catch::Contains("too small"));
    }
    SECTION("outside the overlap of the two series") {
        REQUIRE_THROWS_WITH(
            registerRigidMi(mr(), ct(), regionAt(level.centerMrMm + Eigen::Vector3d(0, 0, 400))),
            Catch::Contains("outside the overlap"));
    }
    SECTION("on a flat image") {
        auto flat = std::make_shared<Volume>(ct().geometry(), VoxelType::Int16);
        std::fill(flat->voxels<std::int16_t>(),
                  flat->voxels<std::int16_t>() + flat->geometry().voxelCount(),
                  static_cast<std::int16_t>(40));
        RigidMiOptions options = regionAt(level.centerMrMm);
        options.initialMovingToFixed = level.ctToMr;
        REQUIRE_THROWS_WITH(registerRigidMi(mr(), *flat, options), Catch::Contains("flat"));
    }
}

TEST_CASE(
    "CT versus sCT at a locally registered level flags the tumour and no bone edge in "
    "the region",
    "[registration][analysis][phantom][posture]") {
    const PhantomStudy& study = postureStudy();
    const auto& truth = study.truth;
    // The tumour's level: the one whose body centre is nearest the tumour (MR frame).
    const PhantomLevelTruth* level = &truth.levels.front();
    for (const auto& l : truth.levels) {
        if ((l.centerMrMm - truth.tumor.centerMrMm).norm() <
            (level->centerMrMm - truth.tumor.centerMrMm).norm()) {
            level = &l;
        }
    }
    const RegistrationRegion region{level->centerMrMm, 40.0};
    const RigidMiResult local = registerRigidMi(mr(), ct(), regionAt(region.centreMm));
    REQUIRE(levelTreMm(local.movingToFixed, *level) < 1.0);

    // The sCT is made from the MRI: it sits in the MR frame, so CT -> sCT is CT -> MR.
    DiscrepancyInputs in;
    in.ct = study.byRole(SeriesRole::CT).volume;
    in.sct = study.byRole(SeriesRole::sCT).volume;
    const FrameTransform ctToMr(truth.ctFrameUid, truth.mrFrameUid, local.movingToFixed);
    in.ctToSct = ctToMr;
    in.mr = {{"T1w", study.byRole(SeriesRole::T1w).volume.get(), ctToMr}};
    const DiscrepancyResult result = analyzeDiscrepancy(in);

    int tumourFlags = 0, otherFlagsInRegion = 0;
    for (const auto& r : result.regions) {
        const Eigen::Vector3d inMr =
            transformPoint(local.movingToFixed, PatientPoint{r.centroidMm}).mm;
        const bool isTumour = (r.centroidMm - truth.tumor.centerCtMm).norm() < 5.0 &&
                              r.kind == DiscrepancyKind::CtDenseSctNot;
        INFO(toString(r.kind) << " at MR " << inMr.transpose() << ", " << r.volumeMm3 << " mm3");
        tumourFlags += isTumour ? 1 : 0;
        otherFlagsInRegion += !isTumour && region.contains(inMr) ? 1 : 0;
    }
    CHECK(tumourFlags == 1);
    CHECK(otherFlagsInRegion == 0);
}

TEST_CASE(
    "on the full-size posture phantom a region brings an off-centre level under 1 mm "
    "where the whole image leaves it over 2 mm",
    "[registration][phantom][posture][full]") {
    PhantomOptions options;
    options.size = PhantomSize::Full;
    options.postureDegrees = kPostureDegrees;
    const PhantomStudy study = generatePhantomStudy(options);
    const Volume& fullMr = *study.byRole(SeriesRole::T1w).volume;
    const Volume& fullCt = *study.byRole(SeriesRole::CT).volume;
    const PhantomLevelTruth* level = nullptr;
    for (const auto& l : study.truth.levels) {
        level = l.level == 2 ? &l : level;
    }
    REQUIRE(level != nullptr);
    const RigidMiResult global = registerRigidMi(fullMr, fullCt);
    const RigidMiResult local = registerRigidMi(fullMr, fullCt, regionAt(level->centerMrMm));
    const double globalTre = levelTreMm(global.movingToFixed, *level);
    const double localTre = levelTreMm(local.movingToFixed, *level);
    INFO("level 2: whole image " << globalTre << " mm, region " << localTre << " mm, NGF "
                                 << local.quality.ngfBefore << " -> " << local.quality.ngfAfter);
    CHECK(globalTre > 2.0);
    CHECK(localTre < 1.0);
    CHECK(local.quality.warning.empty());
}
