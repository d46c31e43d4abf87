#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "core/analysis/DifferenceVolume.h"
#include "core/analysis/StudyComparison.h"
#include "core/report/ReportJson.h"
#include "core/report/ReportOutput.h"
#include "core/report/ReportSeg.h"
#include "core/roi/RoiImport.h"
#include "core/roi/RoiSampler.h"
#include "core/session/SessionDocument.h"
#include "tests/core/report/ReportTestSupport.h"

using namespace crosscheck;
using crosscheck::test::readWholeFile;
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

TEST_CASE("a report with imported structures carries their sCT agreement in JSON and CSV",
          "[report][import]") {
    auto& f = reportFixture();
    ReportTempDir dir("import-agreement");
    const ImportedRoi imported = importedSphere(dir.path());
    // A drawn ROI beside it is measured but has no agreement row.
    const ReportModel report =
        buildReport(f.study, {{"1", imported.label, imported.roi}, f.rois[0]});
    REQUIRE(report.structureAgreement);
    const ReportStructureAgreement& a = *report.structureAgreement;
    CHECK(a.whyNot.empty());
    CHECK(a.ctSeriesInstanceUid == f.study.find(SeriesRole::CT)->info.seriesInstanceUid);
    CHECK(a.sctSeriesInstanceUid == f.study.find(SeriesRole::sCT)->info.seriesInstanceUid);
    REQUIRE(a.rows.size() == 1);
    const StructureAgreementRow& row = a.rows.front();
    CHECK(row.label == "vertebra L1");
    REQUIRE(row.measured);

    // The CT mean inside the structure, recounted from its CT voxels within the comparison's
    // domain (every voxel of a small sphere in the phantom's body has an sCT value).
    const StudyComparison pair = comparisonInputs(f.study);
    REQUIRE(pair.inputs);
    const auto difference = DifferenceVolume::compute(pair.inputs->ct, *pair.inputs->sct,
                                                      pair.inputs->ctToSct.matrix());
    const Volume& ct = difference->ct();
    const Eigen::Vector3i d = ct.geometry().dims();
    double ctSum = 0.0, sctSum = 0.0, absSum = 0.0;
    long long n = 0;
    for (const SampledVoxel& v : sampleRoi(imported.roi, ct, 0.0).inside) {
        const std::size_t o =
            (static_cast<std::size_t>(v.ijk.z()) * d.y() + v.ijk.y()) * d.x() + v.ijk.x();
        if (difference->domain()[o]) {
            const double c = ct.voxels<std::int16_t>()[o];
            const double s = difference->sctOnCtGrid().voxels<std::int16_t>()[o];
            ctSum += c;
            sctSum += s;
            absSum += std::abs(c - s);
            ++n;
        }
    }
    REQUIRE(n > 0);
    CHECK(row.metrics.voxels == n);
    CHECK(row.ctMeanHu == Approx(ctSum / n).epsilon(1e-9));
    CHECK(row.sctMeanHu == Approx(sctSum / n).epsilon(1e-9));
    CHECK(row.metrics.maeHu == Approx(absSum / n).epsilon(1e-9));
    CHECK(row.metrics.meHu == Approx((ctSum - sctSum) / n).margin(1e-9));

    const nlohmann::json j = reportToJson(report);
    const auto& table = j.at("structure_agreement");
    CHECK(table.at("sorted_by") == "mae_hu, largest first");
    REQUIRE(table.at("rows").size() == 1);
    CHECK(table.at("rows").at(0).at("label") == "vertebra L1");
    CHECK(table.at("rows").at(0).at("mae_hu").get<double>() == Approx(row.metrics.maeHu));

    const auto written = writeReport(report, dir.path() / "out", {ReportFormat::Csv}, false);
    REQUIRE(written.size() == 2);
    const std::string csv = readWholeFile(dir.path() / "out" / "structure_agreement.csv");
    CHECK(csv == structureAgreementCsv(a.rows));
    CHECK(csv.find("\nvertebra L1,") != std::string::npos);

    // Without an imported ROI: no table, no file, null in the JSON.
    const ReportModel drawn = buildReport(f.study, {f.rois[0]});
    CHECK_FALSE(drawn.structureAgreement);
    CHECK(reportToJson(drawn).at("structure_agreement").is_null());
    CHECK(writeReport(drawn, dir.path() / "drawn", {ReportFormat::Csv}, false).size() == 1);
}
