#include <catch2/catch.hpp>
#include <cstdint>

#include "core/roi/StudyMeasurement.h"
#include "core/roi/VisibleExtent.h"
#include "tests/core/roi/RoiTestSupport.h"

using namespace crosscheck;
using crosscheck::test::nearestSliceOrigin;
using crosscheck::test::smallPhantom;
using crosscheck::test::studyFromPhantom;
using crosscheck::test::tumourSection;

namespace {

const SeriesMeasurement& rowOf(const std::vector<SeriesMeasurement>& rows, SeriesRole role) {
    for (const auto& r : rows) {
        if (r.role == role) {
            return r;
        }
    }
    FAIL("no row for the role");
    return rows.front();
}

bool hasWarning(const RoiMeasurement& m, const std::string& w) {
    return std::find(m.warnings.begin(), m.warnings.end(), w) != m.warnings.end();
}

/// The mean of the CT voxels of slice k whose centres lie inside the ellipse, straight from
/// the int16 buffer: a deliberately plain path, independent of sampleRoi.
std::pair<double, int> plainEllipseMean(const Volume& ct, int k, const Eigen::Vector3d& center,
                                        const Eigen::Vector3d& u, const Eigen::Vector3d& v,
                                        const Eigen::Vector2d& radii) {
    const auto& d = ct.geometry().dims();
    const std::int16_t* hu = ct.voxels<std::int16_t>();
    const Eigen::Matrix4d m = ct.geometry().indexToPatient();
    double sum = 0.0;
    int count = 0;
    for (int j = 0; j < d[1]; ++j) {
        for (int i = 0; i < d[0]; ++i) {
            const Eigen::Vector3d p = (m * Eigen::Vector4d(i, j, k, 1)).head<3>() - center;
            const double a = p.dot(u) / radii.x(), b = p.dot(v) / radii.y();
            if (a * a + b * b <= 1.0) {
                sum += hu[(static_cast<std::size_t>(k) * d[1] + j) * d[0] + i];
                ++count;
            }
        }
    }
    return {count ? sum / count : 0.0, count};
}

}  // namespace

TEST_CASE("an ellipse inside the tumour on the axial CT plane gives its CT and sCT means",
          "[roi][phantom]") {
    const PhantomStudy& p = smallPhantom();
    const auto& tumor = p.truth.tumor;
    const Volume& ct = *p.byRole(SeriesRole::CT).volume;
    const Eigen::Vector3d origin = nearestSliceOrigin(ct, tumor.centerCtMm);
    const auto section = tumourSection(tumor, origin, ct.geometry().sliceNormal());
    const Roi inner = Roi::ellipse(p.truth.ctFrameUid, section.center, section.u, section.v,
                                   0.8 * section.semiAxes);
    const Study study = studyFromPhantom(p, true);
    const auto rows = measureInStudy(inner, study);
    REQUIRE(rows.size() == 4);

    const int k =
        static_cast<int>(std::lround(ct.geometry().toIndex(PatientPoint{origin}).ijk.z()));
    const auto [plainMean, plainCount] =
        plainEllipseMean(ct, k, section.center, section.u, section.v, 0.8 * section.semiAxes);
    const RoiMeasurement& ctRow = rowOf(rows, SeriesRole::CT).measurement;
    REQUIRE(ctRow.hasNumbers);
    INFO("CT mean " << ctRow.values.mean << " over " << ctRow.values.count << "; plain "
                    << plainMean << " over " << plainCount << "; truth " << tumor.ctMeanHu);
    CHECK(ctRow.values.count == plainCount);
    CHECK(ctRow.values.mean == Approx(plainMean).margin(2.0));
    CHECK(ctRow.unit == "HU");
    CHECK(ctRow.values.mean > 300.0);

    const RoiMeasurement& sctRow = rowOf(rows, SeriesRole::sCT).measurement;
    REQUIRE(sctRow.hasNumbers);
    INFO("sCT mean " << sctRow.values.mean << " over " << sctRow.values.count << "; truth "
                     << tumor.sctMeanHu);
    CHECK(sctRow.values.mean == Approx(tumor.sctMeanHu).margin(5.0));
    CHECK(hasWarning(sctRow, "synthetic: derived from MRI"));
    CHECK_FALSE(hasWarning(ctRow, "synthetic: derived from MRI"));
    CHECK(rowOf(rows, SeriesRole::T1w).measurement.unit == "intensity");
    INFO("small phantom, inner ellipse: CT mean "
         << ctRow.values.mean << " HU (plain " << plainMean << ", " << plainCount
         << " voxels), sCT mean " << sctRow.values.mean << " HU (truth " << tumor.sctMeanHu << ")");
}

TEST_CASE("a series with no known transform is reported as such, without numbers",
          "[roi][phantom]") {
    const PhantomStudy& p = smallPhantom();
    const Roi roi = Roi::sphere(p.truth.ctFrameUid, p.truth.tumor.centerCtMm, 5.0);
    const auto rows = measureInStudy(roi, studyFromPhantom(p, false));
    CHECK(rowOf(rows, SeriesRole::CT).measurement.hasNumbers);
    for (SeriesRole role : {SeriesRole::T1w, SeriesRole::T2w, SeriesRole::sCT}) {
        const auto& m = rowOf(rows, role).measurement;
        CHECK_FALSE(m.hasNumbers);
        CHECK(hasWarning(m, "no transform"));
        CHECK(toJson(rowOf(rows, role))["mean"].is_null());
    }
    CHECK_FALSE(compareCtSct(rows).has_value());
}

TEST_CASE("the visible extent on the small phantom: CT shows the tumour, sCT shows nothing",
          "[roi][phantom]") {
    const PhantomStudy& p = smallPhantom();
    const auto& tumor = p.truth.tumor;
    const Volume& ct = *p.byRole(SeriesRole::CT).volume;
    const Eigen::Vector3d origin = nearestSliceOrigin(ct, tumor.centerCtMm);
    const auto section = tumourSection(tumor, origin, ct.geometry().sliceNormal());
    const Roi outer = Roi::ellipse(p.truth.ctFrameUid, section.center, section.u, section.v,
                                   1.25 * section.semiAxes);
    const auto rows = measureInStudy(outer, studyFromPhantom(p, true));
    const RoiMeasurement& ctRow = rowOf(rows, SeriesRole::CT).measurement;
    const RoiMeasurement& sctRow = rowOf(rows, SeriesRole::sCT).measurement;
    REQUIRE(ctRow.visibleExtentMm);
    REQUIRE(sctRow.visibleExtentMm);
    INFO("small phantom, outer ellipse: CT visible extent "
         << *ctRow.visibleExtentMm << " mm (section long diameter " << 2 * section.semiAxes.x()
         << " mm), sCT " << *sctRow.visibleExtentMm << " mm; ring CT "
         << ctRow.ringMean.value_or(-9999) << ", contrast " << ctRow.contrast.value_or(-9999));
    CHECK(*ctRow.visibleExtentMm == Approx(2 * section.semiAxes.x()).margin(2.0));
    CHECK(*sctRow.visibleExtentMm == 0.0);
    const auto diff = compareCtSct(rows);
    REQUIRE(diff);
    CHECK(diff->flagged);
    CHECK(diff->reasons.size() == 2);
}

TEST_CASE(
    "on full-resolution CT voxels the visible extent and a fitted bidirectional match the "
    "tumour's diameters",
    "[roi][phantom]") {
    // The small phantom's 3.3 mm slices cannot resolve the craniocaudal diameter to 0.5 mm,
    // so this test renders the tumour's neighbourhood at the full-size CT resolution.
    const test::CtCrop crop = test::renderFullResolutionCtCrop();
    const auto& tumor = crop.truth;
    const Volume& ct = *crop.volume;

    SECTION("axial ellipse: visible extent = long diameter of the tumour's axial section") {
        const Eigen::Vector3d origin = nearestSliceOrigin(ct, tumor.centerCtMm);
        const auto section = tumourSection(tumor, origin, ct.geometry().sliceNormal());
        const Roi outer = Roi::ellipse(crop.frameUid, section.center, section.u, section.v,
                                       1.25 * section.semiAxes);
        const RoiMeasurement m = measureRoi(outer, ct, SeriesRole::CT);
        REQUIRE(m.visibleExtentMm);
        INFO("full resolution, axial ellipse: CT visible extent "
             << *m.visibleExtentMm << " mm, section long diameter " << 2 * section.semiAxes.x()
             << " mm");
        CHECK(*m.visibleExtentMm == Approx(2 * section.semiAxes.x()).margin(1.0));
    }
    SECTION("ellipse in the plane of the craniocaudal and AP axes: extent = 20 mm diameter") {
        const Eigen::Vector3d cc = tumor.axesCt.row(0).transpose();
        const Eigen::Vector3d ap = tumor.axesCt.row(1).transpose();
        const Roi outer =
            Roi::ellipse(crop.frameUid, tumor.centerCtMm, cc, ap,
                         0.5 * 1.3 * Eigen::Vector2d(tumor.diametersMm[0], tumor.diametersMm[1]));
        const RoiMeasurement m = measureRoi(outer, ct, SeriesRole::CT);
        REQUIRE(m.visibleExtentMm);
        INFO("full resolution, CC/AP ellipse: CT visible extent " << *m.visibleExtentMm << " mm");
        CHECK(*m.visibleExtentMm == Approx(tumor.diametersMm[0]).margin(1.0));

        const auto fit = fitBidirectional(outer, ct, 200.0);
        REQUIRE(fit);
        const RoiSize size = measureRoiSize(*fit);
        INFO("full resolution bidirectional: " << size.longAxisMm << " x " << size.shortAxisMm
                                               << " mm (truth " << tumor.diametersMm[0] << " x "
                                               << tumor.diametersMm[1] << ")");
        CHECK(size.longAxisMm == Approx(tumor.diametersMm[0]).margin(0.5));
        CHECK(size.shortAxisMm == Approx(tumor.diametersMm[1]).margin(0.5));
        // The short axis is perpendicular to the long one.
        const Eigen::Vector3d l = fit->pointsMm[1] - fit->pointsMm[0];
        const Eigen::Vector3d w = fit->pointsMm[3] - fit->pointsMm[2];
        CHECK(std::abs(l.normalized().dot(w.normalized())) < 1e-6);
    }
}

TEST_CASE("an ROI drawn in the MRI frame measures the CT through the ground-truth transform",
          "[roi][phantom]") {
    const PhantomStudy& p = smallPhantom();
    const auto& tumor = p.truth.tumor;
    const Study study = studyFromPhantom(p, true);
    // Drawn on the sagittal T1w through the tumour centre, in MR coordinates: the patient's
    // craniocaudal and AP axes (rows of axesMr).
    const Eigen::Vector3d ccMr = tumor.axesMr.row(0).transpose();
    const Eigen::Vector3d apMr = tumor.axesMr.row(1).transpose();
    const Eigen::Vector2d radii =
        0.5 * 0.8 * Eigen::Vector2d(tumor.diametersMm[0], tumor.diametersMm[1]);
    const Roi inMr = Roi::ellipse(p.truth.mrFrameUid, tumor.centerMrMm, ccMr, apMr, radii);
    // The same anatomy drawn directly in CT coordinates, from the CT-frame ground truth.
    const Roi inCt =
        Roi::ellipse(p.truth.ctFrameUid, tumor.centerCtMm, tumor.axesCt.row(0).transpose(),
                     tumor.axesCt.row(1).transpose(), radii);
    const auto fromMr = rowOf(measureInStudy(inMr, study), SeriesRole::CT).measurement;
    const auto fromCt = rowOf(measureInStudy(inCt, study), SeriesRole::CT).measurement;
    REQUIRE(fromMr.hasNumbers);
    REQUIRE(fromCt.hasNumbers);
    INFO("ROI drawn in the MR frame: CT mean "
         << fromMr.values.mean << " HU over " << fromMr.values.count
         << " voxels; drawn in the CT frame: " << fromCt.values.mean << " HU over "
         << fromCt.values.count);
    CHECK(fromMr.values.mean > 300.0);
    CHECK(fromMr.values.mean == Approx(fromCt.values.mean).margin(1.0));
    CHECK(fromMr.values.count == fromCt.values.count);
    // And the sCT, in the ROI's own frame, sees soft tissue there.
    const auto sct = rowOf(measureInStudy(inMr, study), SeriesRole::sCT).measurement;
    CHECK(sct.values.mean == Approx(tumor.sctMeanHu).margin(10.0));
}

TEST_CASE("a ruler across the tumour profiles CT and sCT on one axis; histograms count the ROI",
          "[roi][phantom]") {
    const PhantomStudy& p = smallPhantom();
    const auto& tumor = p.truth.tumor;
    const Study study = studyFromPhantom(p, true);
    // 30 mm along the left-right axis, centred on the tumour (15 mm wide): CT high in the
    // middle 15 mm, sCT soft tissue all along.
    const Eigen::Vector3d lr = tumor.axesCt.row(2).transpose();
    const Roi ruler =
        Roi::ruler(p.truth.ctFrameUid, tumor.centerCtMm - 15.0 * lr, tumor.centerCtMm + 15.0 * lr);
    const auto ct = profileInSeries(ruler, *study.find(SeriesRole::CT), study.transforms);
    const auto sct = profileInSeries(ruler, *study.find(SeriesRole::sCT), study.transforms);
    REQUIRE(ct);
    REQUIRE(sct);
    REQUIRE(ct->size() == 61);
    REQUIRE(sct->size() == 61);
    CHECK((*ct)[30].distanceMm == Approx(15.0));
    CHECK(*(*ct)[30].value > 300.0);
    CHECK(*(*sct)[30].value < 100.0);

    const Roi inner = Roi::sphere(p.truth.ctFrameUid, tumor.centerCtMm, 4.0);
    const auto values = valuesInSeries(inner, *study.find(SeriesRole::CT), study.transforms);
    REQUIRE(values);
    const Histogram h = makeHistogram(*values, 20, -200.0, 1000.0);
    int total = 0;
    for (int c : h.counts) {
        total += c;
    }
    CHECK(total == static_cast<int>(values->size()));
    CHECK(h.counts[0] == 0);  // nothing below -140 HU inside the tumour
    CHECK_FALSE(valuesInSeries(inner, *study.find(SeriesRole::T1w), FrameTransforms{}));
}
