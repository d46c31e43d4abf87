#include <catch2/catch.hpp>

#include "core/report/ReportJson.h"
#include "core/report/ReportSeg.h"
#include "core/roi/RoiImport.h"
#include "core/session/SessionDocument.h"
#include "tests/core/report/ReportTestSupport.h"

using namespace crosscheck;
using crosscheck::test::reportFixture;
using crosscheck::test::ReportTempDir;

namespace {

/// The fixture's sphere exported as SEG by Crosscheck and imported again: an imported ROI
/// with its label and provenance.
ImportedRoi importedSphere(const std::filesystem::path& dir) {
    auto& f = reportFixture();
    const std::vector<ReportRoiInput> rois{{"1", "vertebra L1", f.rois[1].roi}};
    const ReportModel report = buildReport(f.study, rois);
    const auto segmentation = buildReportSegmentation(f.study, report);
    REQUIRE(segmentation);
    writeReportSeg(report, *segmentation, dir / "seg.dcm");
    ImportResult r = importRois({dir / "seg.dcm", ImportFormat::Seg, std::nullopt}, f.study);
    REQUIRE(r.rois.size() == 1);
    return r.rois.front();
}

}  // namespace

TEST_CASE("an imported ROI keeps its mask, label and provenance through a saved session",
          "[session][import]") {
    ReportTempDir dir("import-session");
    const ImportedRoi imported = importedSphere(dir.path());
    SessionDocument document;
    document.annotations.push_back({"a1", imported.label, imported.roi});
    const SessionDocument back = sessionFromJson(toJson(document), "session.json");
    REQUIRE(back.annotations.size() == 1);
    const Annotation& a = back.annotations.front();
    CHECK(a.label == "vertebra L1");
    CHECK(a.roi == imported.roi);  // mask voxels, grid and provenance
    REQUIRE(a.roi.importedFrom);
    CHECK(a.roi.importedFrom->format == "seg");
    CHECK(a.roi.importedFrom->number == 1);
    CHECK(a.roi.importedFrom->sopInstanceUid == imported.roi.importedFrom->sopInstanceUid);
    CHECK(a.roi.mask->labelledCount() == imported.roi.mask->labelledCount());
    // A session written before import existed (no "imported_from") still reads as drawn.
    nlohmann::json drawn = toJson(document);
    drawn["annotations"][0].erase("imported_from");
    CHECK_FALSE(sessionFromJson(drawn, "old.json").annotations.front().roi.importedFrom);
}

TEST_CASE("an imported ROI is listed in the report with its label and where it came from",
          "[report][import]") {
    auto& f = reportFixture();
    ReportTempDir dir("import-report");
    const ImportedRoi imported = importedSphere(dir.path());
    const ReportModel report = buildReport(f.study, {{"1", imported.label, imported.roi}});
    REQUIRE(report.rois.size() == 1);
    CHECK(report.rois.front().label == "vertebra L1");
    REQUIRE(report.rois.front().measurements.size() == 4);
    const nlohmann::json j = reportToJson(report);
    const auto& roi = j.at("rois").at(0);
    CHECK(roi.at("label") == "vertebra L1");
    CHECK(roi.at("roi").at("imported_from").at("format") == "seg");
    CHECK(roi.at("roi").at("imported_from").at("number") == 1);
}
