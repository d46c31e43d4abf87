// sCT agreement inside an ROI (metricsInMask, agreementInRoi). Known answers: the body
// metrics themselves (a mask of the whole domain), a plain recount of the CT and resampled
// sCT voxels the ROI takes, and the phantom's ground truth (the tumour is bone-dense on CT
// and soft tissue on sCT, so inside it the bone Dice is 0 and CT - sCT is large).
#include <catch2/catch.hpp>
#include <cmath>

#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/analysis/MaskedMetrics.h"
#include "core/findings/RoiAgreement.h"
#include "core/roi/RoiSampler.h"
#include "tests/core/roi/RoiTestSupport.h"

using namespace crosscheck;

namespace {

std::shared_ptr<const DifferenceVolume> phantomDifference() {
    const PhantomStudy& p = test::smallPhantom();
    DiscrepancyInputs in;
    in.ct = p.byRole(SeriesRole::CT).volume;
    in.sct = p.byRole(SeriesRole::sCT).volume;
    in.ctToSct = FrameTransform(p.truth.ctFrameUid, p.truth.mrFrameUid, p.truth.ctToMr);
    return analyzeDiscrepancy(in).difference;
}

}  // namespace

TEST_CASE("metrics over a mask of the whole domain are the body metrics", "[findings][metrics]") {
    const auto difference = phantomDifference();
    const std::vector<std::uint8_t> all(difference->domain().size(), 1);
    const DiscrepancyMetrics m = metricsInMask(*difference, all, "everything");
    const DiscrepancyMetrics& body = difference->metrics();
    CHECK(m.voxels == body.voxels);
    CHECK(m.maeHu == body.maeHu);
    CHECK(m.meHu == body.meHu);
    CHECK(m.psnrDb == body.psnrDb);
    CHECK(m.ssim == body.ssim);
    CHECK(m.boneDice == body.boneDice);
    CHECK(m.mask == "everything");
    CHECK_THROWS_AS(metricsInMask(*difference, std::vector<std::uint8_t>(5, 1), "x"),
                    std::invalid_argument);
}

TEST_CASE("inside a sphere in the tumour the sCT misses all the bone the CT has",
          "[findings][metrics][phantom]") {
    const PhantomStudy& p = test::smallPhantom();
    const auto difference = phantomDifference();
    const Roi sphere = Roi::sphere(p.truth.ctFrameUid, p.truth.tumor.centerCtMm, 4.0);
    const DiscrepancyMetrics m = agreementInRoi(*difference, sphere);
    CHECK(m.mask == "roi");

    // Recount: the voxels the sphere takes on the CT grid, CT minus the resampled sCT.
    const Volume& ct = difference->ct();
    const Volume& sct = difference->sctOnCtGrid();
    long long n = 0;
    double sum = 0.0, sumAbs = 0.0;
    int ctBone = 0, sctBone = 0;
    for (const SampledVoxel& v : sampleRoi(sphere, ct, 0.0).inside) {
        const double c = ct.value(v.ijk[0], v.ijk[1], v.ijk[2]);
        const double s = sct.value(v.ijk[0], v.ijk[1], v.ijk[2]);
        ++n;
        sum += c - s;
        sumAbs += std::abs(c - s);
        ctBone += c >= 200.0;
        sctBone += s >= 200.0;
    }
    REQUIRE(n > 0);
    CHECK(m.voxels == n);
    CHECK(m.meHu == Approx(sum / n));
    CHECK(m.maeHu == Approx(sumAbs / n));
    // The tumour: dense on CT, soft tissue on sCT (ground truth about 460 vs 20 HU).
    CHECK(ctBone > 0);
    CHECK(sctBone == 0);
    CHECK(m.boneDice == 0.0);
    CHECK(m.meHu > 0.5 * (p.truth.tumor.ctMeanHu - p.truth.tumor.sctMeanHu));
    CHECK(m.maeHu > m.meHu - 1e-9);
    // The same ROI is far worse than the body as a whole: the point of measuring inside it.
    CHECK(m.maeHu > 5.0 * difference->metrics().maeHu);
}

TEST_CASE("an ROI in a frame no transform reaches gives no metrics", "[findings][metrics]") {
    const PhantomStudy& p = test::smallPhantom();
    const auto difference = phantomDifference();
    const Roi elsewhere = Roi::sphere("1.2.3.4.unknown", p.truth.tumor.centerCtMm, 4.0);
    CHECK_FALSE(agreementInRoi(*difference, elsewhere, FrameTransforms{}, p.truth.ctFrameUid));
    // Through the ground-truth link, an ROI drawn in the MR frame reaches the CT's.
    FrameTransforms links;
    links.set(p.truth.ctFrameUid, p.truth.mrFrameUid, p.truth.ctToMr,
              TransformProvenance{TransformBasis::Manual});
    const Roi inMr = Roi::sphere(p.truth.mrFrameUid, p.truth.tumor.centerMrMm, 4.0);
    const auto viaMr = agreementInRoi(*difference, inMr, links, p.truth.ctFrameUid);
    REQUIRE(viaMr);
    const DiscrepancyMetrics direct =
        agreementInRoi(*difference, Roi::sphere(p.truth.ctFrameUid, p.truth.tumor.centerCtMm, 4.0));
    CHECK(viaMr->voxels == direct.voxels);
    CHECK(viaMr->maeHu == Approx(direct.maeHu));
}
