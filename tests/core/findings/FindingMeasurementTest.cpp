// "Measure this finding" end to end: the flagged tumour, measured through the fitted axial
// and sagittal ellipses, is visible on CT at its true section size and absent on sCT (the
// published pattern), in every series of the study. Known answers: the phantom's ground
// truth (diameters craniocaudal, anteroposterior, left-right).
//
// The fitted ellipse holds the tumour with a margin, so its mean HU mixes the tumour with
// what surrounds it: only the order of CT and sCT means is checked here, not the
// tumour's own mean.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/findings/FindingMeasurement.h"
#include "core/phantom/PhantomCohort.h"
#include "tests/core/roi/RoiTestSupport.h"

using namespace crosscheck;

namespace {

const SeriesMeasurement& rowOf(const MeasuredFinding& finding, SeriesRole role) {
    for (const SeriesMeasurement& row : finding.measurements) {
        if (row.role == role) {
            return row;
        }
    }
    FAIL("no measurement in " << toString(role));
    return finding.measurements.front();
}

/// Measures the phantom's flagged tumour; `sizeMarginMm` is how close the CT's visible size
/// must be to the true section (0: not checked).
void checkMeasuredTumour(PhantomSize size, std::uint64_t seed, double sizeMarginMm) {
    PhantomOptions options;
    options.size = size;
    options.seed = seed;
    const PhantomStudy phantom = generatePhantomStudy(options);
    const Study study = test::studyFromPhantom(phantom, true);
    DiscrepancyInputs in;
    in.ct = phantom.byRole(SeriesRole::CT).volume;
    in.sct = phantom.byRole(SeriesRole::sCT).volume;
    in.ctToSct =
        FrameTransform(phantom.truth.ctFrameUid, phantom.truth.mrFrameUid, phantom.truth.ctToMr);
    const DiscrepancyResult result = analyzeDiscrepancy(in);
    const std::vector<MeasuredFinding> measured =
        measureFindings(result.regions, study, in.ct->geometry(), phantom.truth.ctFrameUid);

    // The tumour's flag: dense on CT, not on sCT, nearest the true centre.
    const Eigen::Vector3d& d = phantom.truth.tumor.diametersMm;
    int tumourRank = 0;
    double nearest = 1e300;
    for (const DiscrepancyRegion& region : result.regions) {
        const double distance = (region.centroidMm - phantom.truth.tumor.centerCtMm).norm();
        if (region.kind == DiscrepancyKind::CtDenseSctNot && distance < nearest) {
            nearest = distance;
            tumourRank = region.rank;
        }
    }
    REQUIRE(nearest < 5.0);
    int planes = 0;
    for (const MeasuredFinding& finding : measured) {
        if (finding.flagRank != tumourRank) {
            continue;
        }
        ++planes;
        INFO("seed " << seed << ", " << finding.label);
        CHECK(finding.label ==
              "Finding " + std::to_string(tumourRank) + " " + toString(finding.plane));
        // One row per series, CT, sCT and both MR included.
        CHECK(finding.measurements.size() == study.series.size());
        const RoiMeasurement& ct = rowOf(finding, SeriesRole::CT).measurement;
        const RoiMeasurement& sct = rowOf(finding, SeriesRole::sCT).measurement;
        REQUIRE(ct.hasNumbers);
        REQUIRE(sct.hasNumbers);
        const bool axial = finding.plane == FindingPlane::Axial;
        const std::optional<Eigen::Vector2d>& ctSize =
            axial ? ct.visibleAxialMm : ct.visibleSagittalMm;
        const std::optional<Eigen::Vector2d>& sctSize =
            axial ? sct.visibleAxialMm : sct.visibleSagittalMm;
        REQUIRE(ctSize);
        REQUIRE(sctSize);
        // Axial section: anteroposterior x left-right; sagittal: craniocaudal x AP.
        const double a = axial ? d[1] : d[0];
        const double b = axial ? d[2] : d[1];
        if (sizeMarginMm > 0.0) {
            CHECK((*ctSize)[0] == Approx(std::max(a, b)).margin(sizeMarginMm));
            CHECK((*ctSize)[1] == Approx(std::min(a, b)).margin(sizeMarginMm));
        } else {
            CHECK((*ctSize)[0] > 0.0);
        }
        CHECK(sctSize->isZero());
        CHECK(ct.values.mean > sct.values.mean + 100.0);
    }
    CHECK(planes == 2);
}

}  // namespace

TEST_CASE("measure this finding: found on CT, 0 mm on sCT, in every series (small phantom)",
          "[findings][phantom]") {
    checkMeasuredTumour(PhantomSize::Small, GENERATE(1, 2, 3), 0.0);
}

TEST_CASE("measure this finding: the tumour's section size on CT within 1 mm, 0 mm on sCT",
          "[findings][phantom][full]") {
    checkMeasuredTumour(PhantomSize::Full, 1, 1.0);
}

TEST_CASE(
    "the published 5-patient phantom: every tumour visible on CT in both planes, 0 mm on "
    "sCT, its CT HU within 2 HU of truth",
    "[findings][phantom][full][cohort]") {
    PhantomOptions base;
    base.size = PhantomSize::Full;
    base.published = true;
    for (int patient = 1; patient <= 5; ++patient) {
        const PhantomStudy phantom = generatePhantomStudy(cohortPatientOptions(base, patient, 5));
        const Study study = test::studyFromPhantom(phantom, true);
        DiscrepancyInputs in;
        in.ct = phantom.byRole(SeriesRole::CT).volume;
        in.sct = phantom.byRole(SeriesRole::sCT).volume;
        in.ctToSct = FrameTransform(phantom.truth.ctFrameUid, phantom.truth.mrFrameUid,
                                    phantom.truth.ctToMr);
        const DiscrepancyResult result = analyzeDiscrepancy(in);
        const PhantomLesionTruth& tumour = phantom.truth.tumor;
        INFO("nominal " << cohortPatientOptions(base, patient, 5).tumorHu << " HU, truth voxels "
                        << tumour.ctVoxelCount);
        INFO("patient " << patient << ": tumour " << tumour.diametersMm.transpose() << " mm, "
                        << tumour.ctMeanHu << " HU on CT, " << tumour.sctMeanHu << " on sCT");
        REQUIRE_FALSE(result.regions.empty());
        const DiscrepancyRegion& top = result.regions.front();
        REQUIRE((top.centroidMm - tumour.centerCtMm).norm() < 3.0);
        REQUIRE(top.attenuation);
        INFO("object " << top.attenuation->voxels
                       << " voxels at >= " << top.attenuation->thresholdHu << " HU: CT "
                       << top.attenuation->ctMeanHu << ", sCT " << top.attenuation->sctMeanHu
                       << "; region CT mean " << top.ctMeanHu);
        CHECK(top.attenuation->ctMeanHu == Approx(tumour.ctMeanHu).margin(2.0));
        CHECK(top.attenuation->sctMeanHu == Approx(tumour.sctMeanHu).margin(5.0));

        const std::vector<MeasuredFinding> measured =
            measureFindings({top}, study, in.ct->geometry(), phantom.truth.ctFrameUid);
        REQUIRE(measured.size() == 2);
        for (const MeasuredFinding& finding : measured) {
            INFO(finding.label);
            const RoiMeasurement& ct = rowOf(finding, SeriesRole::CT).measurement;
            const RoiMeasurement& sct = rowOf(finding, SeriesRole::sCT).measurement;
            const bool axial = finding.plane == FindingPlane::Axial;
            const auto& ctSize = axial ? ct.visibleAxialMm : ct.visibleSagittalMm;
            const auto& sctSize = axial ? sct.visibleAxialMm : sct.visibleSagittalMm;
            REQUIRE(ctSize);
            REQUIRE(sctSize);
            const Eigen::Vector3d& d = tumour.diametersMm;
            const double trueLong = axial ? std::max(d[1], d[2]) : std::max(d[0], d[1]);
            CHECK((*ctSize)[0] == Approx(trueLong).margin(1.0));
            CHECK(sctSize->isZero());
        }
    }
}
