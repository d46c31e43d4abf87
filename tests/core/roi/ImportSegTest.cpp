#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <tuple>

#include "core/report/ReportSeg.h"
#include "core/roi/RoiImport.h"
#include "core/roi/RoiSampler.h"
#include "core/roi/SegReader.h"
#include "core/roi/StudyMeasurement.h"
#include "tests/core/report/ReportTestSupport.h"

using namespace crosscheck;
using crosscheck::test::reportFixture;
using crosscheck::test::ReportTempDir;

namespace {

/// The ROIs exported: the fixture's ellipse and sphere on the tumour, and a brush painted on
/// the CT grid over several slices.
std::vector<ReportRoiInput> exportedRois() {
    auto& f = reportFixture();
    const LoadedSeries& ct = *f.study.find(SeriesRole::CT);
    auto mask = std::make_shared<BrushMask>(ct.volume->geometry());
    const Eigen::Vector3d c = f.phantom.truth.tumor.centerCtMm;
    mask->paintSphere(c, 3.5, 1);
    mask->paintSphere(c + Eigen::Vector3d(2.0, -1.0, 3.0), 2.5, 1);
    return {f.rois[0],
            f.rois[1],
            {"3", "brush on tumour", Roi::brush(ct.info.frameOfReferenceUid, mask)}};
}

/// Crosscheck's own SEG export of the ROIs (the report's writer), in `dir`.
std::filesystem::path exportSeg(const std::vector<ReportRoiInput>& rois,
                                const std::filesystem::path& dir) {
    auto& f = reportFixture();
    const ReportModel report = buildReport(f.study, rois);
    const auto segmentation = buildReportSegmentation(f.study, report);
    REQUIRE(segmentation);
    const auto path = dir / "rois_seg.dcm";
    writeReportSeg(report, *segmentation, path);
    return path;
}

std::set<std::tuple<int, int, int>> ctVoxels(const Roi& roi) {
    const Volume& ct = *reportFixture().study.find(SeriesRole::CT)->volume;
    std::set<std::tuple<int, int, int>> out;
    for (const SampledVoxel& v : sampleRoi(roi, ct, 0.0).inside) {
        out.insert({v.ijk.x(), v.ijk.y(), v.ijk.z()});
    }
    return out;
}

/// The fixture's study with the series of one role left out.
Study without(SeriesRole role) {
    Study s = reportFixture().study;
    s.series.erase(std::remove_if(s.series.begin(), s.series.end(),
                                  [&](const LoadedSeries& l) { return l.info.role == role; }),
                   s.series.end());
    return s;
}

}  // namespace

TEST_CASE("Crosscheck's own SEG export reads back as the same voxels and measurements",
          "[roi][import][seg]") {
    auto& f = reportFixture();
    ReportTempDir dir("import-seg");
    const std::vector<ReportRoiInput> rois = exportedRois();
    const auto path = exportSeg(rois, dir.path());

    const ImportResult imported = importRois({path, ImportFormat::Seg, std::nullopt}, f.study);
    CHECK(imported.warnings.empty());
    REQUIRE(imported.rois.size() == rois.size());
    for (std::size_t n = 0; n < rois.size(); ++n) {
        const ImportedRoi& r = imported.rois[n];
        INFO(rois[n].label);
        CHECK(r.label == rois[n].label);
        CHECK(r.roi.shape == RoiShape::Brush);
        REQUIRE(r.roi.importedFrom);
        CHECK(r.roi.importedFrom->format == "seg");
        CHECK(r.roi.importedFrom->file == path.string());
        CHECK_FALSE(r.roi.importedFrom->sopInstanceUid.empty());
        CHECK(r.roi.importedFrom->number == static_cast<int>(n + 1));
        CHECK(r.roi.importedFrom->codes.find("49755003 SCT") != std::string::npos);
        // Exactly the CT voxels the original's CT measurement took.
        const auto original = ctVoxels(rois[n].roi);
        CHECK(original.size() > 3);
        CHECK(ctVoxels(r.roi) == original);
        CHECK(r.roi.mask->labelledCount() == original.size());
    }
    // The brush was painted on the CT grid: the imported mask is the same region, so every
    // series (CT, sCT, T1w, T2w through the CT -> MR transform) measures the same numbers.
    const auto before = measureInStudy(rois[2].roi, f.study);
    const auto after = measureInStudy(imported.rois[2].roi, f.study);
    REQUIRE(before.size() == 4);
    REQUIRE(after.size() == before.size());
    for (std::size_t s = 0; s < before.size(); ++s) {
        INFO(toString(before[s].role));
        const RoiMeasurement &a = before[s].measurement, &b = after[s].measurement;
        REQUIRE(a.hasNumbers);
        REQUIRE(b.hasNumbers);
        CHECK(b.values.count == a.values.count);
        CHECK(b.values.mean == Approx(a.values.mean).epsilon(1e-12));
        CHECK(b.values.sd == Approx(a.values.sd).epsilon(1e-12));
        CHECK(b.values.max == a.values.max);
        CHECK(*b.size.volumeMm3 == Approx(*a.size.volumeMm3).epsilon(1e-9));
    }
}

TEST_CASE("a SEG whose source images are not loaded is refused in one sentence",
          "[roi][import][seg]") {
    ReportTempDir dir("import-seg-refused");
    const auto path = exportSeg(exportedRois(), dir.path());
    const Study mrOnly = without(SeriesRole::CT);
    try {
        readSegmentation(path, mrOnly);
        FAIL("imported without its CT");
    } catch (const RoiImportError& e) {
        const std::string what = e.what();
        CHECK(what.find(path.string()) == 0);
        CHECK(what.find("references images that are not loaded") != std::string::npos);
        CHECK(what.find('\n') == std::string::npos);
    }
}

TEST_CASE("a SEG whose frame of reference matches no loaded series is refused",
          "[roi][import][seg]") {
    ReportTempDir dir("import-seg-frame");
    const auto path = exportSeg(exportedRois(), dir.path());
    Study moved = reportFixture().study;
    for (LoadedSeries& s : moved.series) {
        s.info.frameOfReferenceUid = "1.2.826.0.1.3680043.2.1125.999";
    }
    CHECK_THROWS_WITH(
        readSegmentation(path, moved),
        Catch::Contains("frame of reference") && Catch::Contains("matches no loaded series"));
}

TEST_CASE("a file that is not a segmentation is named with the reason", "[roi][import][seg]") {
    const auto& ct = *reportFixture().study.find(SeriesRole::CT);
    CHECK_THROWS_WITH(readSegmentation(ct.info.files.front(), reportFixture().study),
                      Catch::Contains("is not a DICOM Segmentation"));
    CHECK(guessImportFormat(ct.info.files.front()) == std::nullopt);
    CHECK_THROWS_WITH(importRois({"/nonexistent/seg.dcm", ImportFormat::Seg, std::nullopt},
                                 reportFixture().study),
                      Catch::Contains("no such file"));
}
