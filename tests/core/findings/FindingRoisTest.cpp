// "Measure this finding" on the phantom: the ellipses fitted to the flagged tumour hold
// its whole section, are not much larger than it, and measure it in CT and sCT as the
// study reported (visible on CT at its true size, nothing on sCT). Known answers: the
// phantom's ground truth (tumour centre and diameters; diameters are craniocaudal,
// anteroposterior, left-right).
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/findings/FindingRois.h"
#include "core/phantom/PhantomStudy.h"

using namespace crosscheck;

namespace {

struct AnalysedPhantom {
    PhantomStudy study;
    DiscrepancyRegion tumour;
};

const AnalysedPhantom& analysedPhantom(std::uint64_t seed) {
    static std::map<std::uint64_t, AnalysedPhantom> cache;
    auto found = cache.find(seed);
    if (found != cache.end()) {
        return found->second;
    }
    PhantomOptions options;
    options.size = PhantomSize::Small;
    options.seed = seed;
    AnalysedPhantom analysed{generatePhantomStudy(options), {}};
    const PhantomStudy& study = analysed.study;
    DiscrepancyInputs in;
    in.ct = study.byRole(SeriesRole::CT).volume;
    in.sct = study.byRole(SeriesRole::sCT).volume;
    in.ctToSct = FrameTransform(study.truth.ctFrameUid, study.truth.mrFrameUid, study.truth.ctToMr);
    const DiscrepancyResult result = analyzeDiscrepancy(in);
    double nearest = 1e300;
    for (const DiscrepancyRegion& region : result.regions) {
        const double distance = (region.centroidMm - study.truth.tumor.centerCtMm).norm();
        if (region.kind == DiscrepancyKind::CtDenseSctNot && distance < nearest) {
            nearest = distance;
            analysed.tumour = region;
        }
    }
    REQUIRE(nearest < 5.0);
    return cache.emplace(seed, std::move(analysed)).first->second;
}

/// Where a point lies in an ellipse: <= 1 inside (in-plane part only).
double ellipseRadius(const Roi& ellipse, const Eigen::Vector3d& p) {
    const Eigen::Vector3d d = p - ellipse.centerMm;
    return std::hypot(d.dot(ellipse.axisU) / ellipse.radiiMm.x(),
                      d.dot(ellipse.axisV) / ellipse.radiiMm.y());
}

}  // namespace

TEST_CASE("the ROIs fitted to a flagged tumour lie in the axial and sagittal planes through it",
          "[findings][phantom]") {
    const std::uint64_t seed = GENERATE(1, 2, 3);
    const AnalysedPhantom& phantom = analysedPhantom(seed);
    const PhantomStudy& study = phantom.study;
    const auto& ct = *study.byRole(SeriesRole::CT).volume;
    const double spacing = ct.geometry().spacingMm().maxCoeff();
    const std::vector<FindingRoi> rois =
        fitFindingRois(phantom.tumour, ct.geometry(), study.truth.ctFrameUid);
    REQUIRE(rois.size() == 2);
    INFO("seed " << seed << ", voxel " << spacing << " mm");
    const Eigen::Vector3d truthCentre = study.truth.tumor.centerCtMm;
    const Eigen::Vector3d& diameters = study.truth.tumor.diametersMm;
    for (const FindingRoi& fitted : rois) {
        const Roi& roi = fitted.roi;
        REQUIRE(roi.shape == RoiShape::Ellipse);
        REQUIRE(roi.frameOfReferenceUid == study.truth.ctFrameUid);
        const Eigen::Vector3d normal = roi.axisU.cross(roi.axisV);
        const int normalAxis = fitted.plane == FindingPlane::Axial ? 2 : 0;
        CHECK(std::abs(normal[normalAxis]) == Approx(1.0).margin(1e-9));
        // In the plane through the region's centroid, centred on the tumour.
        CHECK(roi.centerMm[normalAxis] == Approx(phantom.tumour.centroidMm[normalAxis]));
        Eigen::Vector3d offset = roi.centerMm - truthCentre;
        offset[normalAxis] = 0.0;
        CHECK(offset.norm() < spacing);
        // Not much larger than the tumour's section: its larger in-plane diameter (axial:
        // AP and LR; sagittal: craniocaudal and AP), the margin and a voxel's footprint.
        const double largest = fitted.plane == FindingPlane::Axial
                                   ? std::max(diameters[1], diameters[2])
                                   : std::max(diameters[0], diameters[1]);
        CHECK(roi.radiiMm.maxCoeff() <= largest / 2.0 + 2.0 + 1.5 * spacing);
    }
}

TEST_CASE("the ROIs fitted to a flagged region hold every voxel of its section",
          "[findings][phantom]") {
    const AnalysedPhantom& phantom = analysedPhantom(1);
    const auto& geometry = phantom.study.byRole(SeriesRole::CT).volume->geometry();
    const Eigen::Matrix4d& m = geometry.indexToPatient();
    for (const FindingRoi& fitted : fitFindingRois(phantom.tumour, geometry, "1.2.3", 0.0)) {
        const Eigen::Vector3d normal = fitted.roi.axisU.cross(fitted.roi.axisV);
        const double halfSlice =
            0.5 * std::abs((m.topLeftCorner<3, 3>().transpose() * normal).cwiseAbs().sum());
        int inSection = 0;
        for (const VoxelRun& run : phantom.tumour.runs) {
            for (int i = run.iBegin; i < run.iEnd; ++i) {
                const Eigen::Vector3d p = (m * Eigen::Vector4d(i, run.j, run.k, 1)).head<3>();
                if (std::abs((p - fitted.roi.centerMm).dot(normal)) <= halfSlice) {
                    ++inSection;
                    CHECK(ellipseRadius(fitted.roi, p) <= 1.0);
                }
            }
        }
        CHECK(inSection > 0);
    }
}
