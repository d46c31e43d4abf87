// The discrepancy analysis on the project's phantom (issue 9 "done when"), small size,
// in memory. Known answers: the phantom's ground truth (tumour centre and diameters in
// CT coordinates, ct_to_mr).
#include <catch2/catch.hpp>
#include <cmath>

#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/analysis/RegionExtraction.h"
#include "core/geometry/RigidTransform.h"
#include "core/phantom/PhantomCohort.h"
#include "core/phantom/PhantomStudy.h"
#include "core/registration/RigidMiRegistration.h"

using namespace crosscheck;

namespace {

PhantomOptions smallOptions() {
    PhantomOptions options;
    options.size = PhantomSize::Small;
    return options;
}

const PhantomStudy& defaultStudy() {
    static const PhantomStudy study = generatePhantomStudy(smallOptions());
    return study;
}

DiscrepancyInputs inputsOf(const PhantomStudy& study, const Eigen::Matrix4d& ctToSct) {
    DiscrepancyInputs in;
    in.ct = study.byRole(SeriesRole::CT).volume;
    in.sct = study.byRole(SeriesRole::sCT).volume;
    const FrameTransform ctToMr(study.truth.ctFrameUid, study.truth.mrFrameUid, study.truth.ctToMr);
    in.ctToSct = FrameTransform(study.truth.ctFrameUid, study.truth.mrFrameUid, ctToSct);
    in.mr = {{"T1w", study.byRole(SeriesRole::T1w).volume.get(), ctToMr},
             {"T2w", study.byRole(SeriesRole::T2w).volume.get(), ctToMr}};
    return in;
}

// The true tumour volume: the ellipsoid of the ground-truth diameters.
double ellipsoidMm3(const Eigen::Vector3d& diameters) {
    return 4.0 / 3.0 * M_PI * diameters.prod() / 8.0;
}

std::string describe(const std::vector<DiscrepancyRegion>& regions) {
    std::string text;
    for (const auto& r : regions) {
        text += std::string(toString(r.kind)) + " at " + std::to_string(r.centroidMm.x()) + "," +
                std::to_string(r.centroidMm.y()) + "," + std::to_string(r.centroidMm.z()) + " " +
                std::to_string(r.volumeMm3) + " mm3; ";
    }
    return text;
}

}  // namespace

TEST_CASE(
    "the default phantom gives one flag: the calcified tumour, at its place and size, "
    "visible on MRI",
    "[analysis][phantom]") {
    const PhantomStudy& study = defaultStudy();
    const auto& tumour = study.truth.tumor;
    const DiscrepancyResult result = analyzeDiscrepancy(inputsOf(study, study.truth.ctToMr));
    INFO(describe(result.regions));
    // Exactly one flag of any kind: neither the soft-tissue lesion nor the bone (cortical
    // 1000 vs 900 HU, sCT blur at every bone edge) nor bowel gas gives one.
    REQUIRE(result.regions.size() == 1);
    const DiscrepancyRegion& r = result.regions[0];
    REQUIRE(r.kind == DiscrepancyKind::CtDenseSctNot);
    const double centroidError = (r.centroidMm - tumour.centerCtMm).norm();
    INFO("centroid error " << centroidError << " mm, volume " << r.volumeMm3 << " mm3 vs "
                           << ellipsoidMm3(tumour.diametersMm) << " mm3");
    REQUIRE(centroidError < 1.5);
    // Against the true ellipsoid (not the voxel count): at 2.8 x 2.8 x 3.3 mm voxels the
    // boundary voxels decide about 30 % of the volume, and a voxel counts when its
    // partial-volume CT value still reaches 200 HU (460 HU tumour in 40 HU surroundings:
    // about 40 % filled), so the region is a little larger than the ellipsoid.
    REQUIRE(r.volumeMm3 == Approx(ellipsoidMm3(tumour.diametersMm)).epsilon(0.2));
    REQUIRE(r.ctMeanHu > 300.0);
    REQUIRE(std::abs(r.sctMeanHu - tumour.sctMeanHu) < 30.0);
    REQUIRE(r.visibleOnMr.has_value());
    REQUIRE(*r.visibleOnMr);
    // The longest extent is the craniocaudal diameter (20 mm), within a voxel.
    REQUIRE(r.extentMm[0] == Approx(tumour.diametersMm[0]).margin(3.3));
    // The soft-tissue lesion is in the study, but not flagged.
    REQUIRE_FALSE(study.truth.lesions.empty());
}

TEST_CASE("an sCT that shows the tumour gives no flag", "[analysis][phantom]") {
    PhantomOptions options = smallOptions();
    options.sctShowsTumor = true;
    const PhantomStudy study = generatePhantomStudy(options);
    const DiscrepancyResult result = analyzeDiscrepancy(inputsOf(study, study.truth.ctToMr));
    INFO(describe(result.regions));
    REQUIRE(result.regions.empty());
}

TEST_CASE("the CT against itself gives no flag and zero error", "[analysis][phantom]") {
    const PhantomStudy& study = defaultStudy();
    DiscrepancyInputs in;
    in.ct = study.byRole(SeriesRole::CT).volume;
    in.sct = in.ct;
    const DiscrepancyResult result = analyzeDiscrepancy(in);
    const DiscrepancyMetrics& m = result.difference->metrics();
    REQUIRE(result.regions.empty());
    REQUIRE(m.voxels > 100000);
    REQUIRE(m.maeHu == 0.0);
    REQUIRE(m.meHu == 0.0);
    REQUIRE(m.rmseHu == 0.0);
    REQUIRE(std::isinf(m.psnrDb));
    REQUIRE(m.ssim == Approx(1.0));
    REQUIRE(m.boneDice == Approx(1.0));
}

TEST_CASE("the metrics of the default phantom are those of a good sCT except for the tumour",
          "[analysis][phantom]") {
    const PhantomStudy& study = defaultStudy();
    const DiscrepancyResult result = analyzeDiscrepancy(inputsOf(study, study.truth.ctToMr));
    const DiscrepancyMetrics& m = result.difference->metrics();
    INFO("MAE " << m.maeHu << " ME " << m.meHu << " RMSE " << m.rmseHu << " PSNR " << m.psnrDb
                << " SSIM " << m.ssim << " Dice " << m.boneDice << " bone " << m.bone.maeHu
                << " soft " << m.softTissue.maeHu << " air " << m.air.maeHu);
    // Soft tissue: CT and sCT tissue values differ by 2 to 10 HU, CT noise about 10 HU.
    REQUIRE(m.softTissue.maeHu > 5.0);
    REQUIRE(m.softTissue.maeHu < 40.0);
    // Bone: cortical 1000 vs 900 HU and blur; errors above soft tissue's.
    REQUIRE(m.bone.maeHu > m.softTissue.maeHu);
    REQUIRE(m.boneDice > 0.8);
    REQUIRE(m.boneDice < 1.0);
    REQUIRE(m.ssim > 0.8);
    REQUIRE(m.ssim < 1.0);
    // Clipping to [-1024, 3000] HU can only lower the MSE behind PSNR.
    REQUIRE(m.psnrDb >= 20.0 * std::log10(4024.0 / m.rmseHu) - 1e-9);
    REQUIRE(m.ssimVoxels > 0);
    REQUIRE(m.ssimVoxels <= m.voxels);
}

TEST_CASE(
    "a stricter not-dense threshold turns the tumour into a large difference, reusing the "
    "difference volume",
    "[analysis][phantom]") {
    const PhantomStudy& study = defaultStudy();
    const DiscrepancyResult result = analyzeDiscrepancy(inputsOf(study, study.truth.ctToMr));
    DiscrepancyThresholds t;
    t.notDenseHu = 0.0;  // the sCT's tumour (about 20 HU) no longer counts as "not dense"
    const auto regions = extractRegions(*result.difference, t);
    REQUIRE(regions.size() == 1);
    REQUIRE(regions[0].kind == DiscrepancyKind::LargeDifference);
    REQUIRE((regions[0].centroidMm - study.truth.tumor.centerCtMm).norm() < 1.5);
    t.minVolumeMm3 = 1.2 * ellipsoidMm3(study.truth.tumor.diametersMm) * 2.0;
    REQUIRE(extractRegions(*result.difference, t).empty());
}

TEST_CASE("a cohort of five patients has five of five tumours flagged", "[analysis][phantom]") {
    int flagged = 0;
    for (int n = 1; n <= 5; ++n) {
        const PhantomStudy study = generatePhantomStudy(cohortPatientOptions(smallOptions(), n, 5));
        const DiscrepancyResult result = analyzeDiscrepancy(inputsOf(study, study.truth.ctToMr));
        INFO("patient " << n << ": tumour " << study.truth.tumor.ctMeanHu << " HU; "
                        << describe(result.regions));
        // The top flag is the tumour; a faintly calcified one (about 190 HU) may come out
        // as a large difference rather than dense-on-CT.
        REQUIRE_FALSE(result.regions.empty());
        const DiscrepancyRegion& top = result.regions[0];
        if ((top.centroidMm - study.truth.tumor.centerCtMm).norm() < 3.0) {
            ++flagged;
        }
        if (study.truth.tumor.denselyCalcified) {
            CHECK(top.kind == DiscrepancyKind::CtDenseSctNot);
        }
        CHECK(top.visibleOnMr.value_or(false));
    }
    REQUIRE(flagged == 5);
}

TEST_CASE(
    "the different-frame study gives the same flag through the ground-truth transform "
    "and through automatic registration",
    "[analysis][phantom][registration]") {
    const PhantomStudy& study = defaultStudy();
    REQUIRE_FALSE(study.truth.ctToMr.isIdentity());
    const RigidMiResult registration = registerRigidMi(*study.byRole(SeriesRole::CT).volume,
                                                       *study.byRole(SeriesRole::sCT).volume);
    const Eigen::Matrix4d ctToSctRegistered = rigidInverse(registration.movingToFixed);
    const DiscrepancyResult truth = analyzeDiscrepancy(inputsOf(study, study.truth.ctToMr));
    const DiscrepancyResult registered = analyzeDiscrepancy(inputsOf(study, ctToSctRegistered));
    INFO("truth: " << describe(truth.regions) << " registered: " << describe(registered.regions));
    REQUIRE(truth.regions.size() == 1);
    REQUIRE(registered.regions.size() == 1);
    const DiscrepancyRegion& a = truth.regions[0];
    const DiscrepancyRegion& b = registered.regions[0];
    REQUIRE(b.kind == a.kind);
    REQUIRE((b.centroidMm - a.centroidMm).norm() < 1.0);
    REQUIRE(b.volumeMm3 == Approx(a.volumeMm3).epsilon(0.15));
    REQUIRE(b.visibleOnMr == a.visibleOnMr);
}
