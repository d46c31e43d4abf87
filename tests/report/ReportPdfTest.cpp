#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "core/analysis/MissedRegions.h"
#include "core/report/ReportAnonymizer.h"
#include "core/report/ReportWriteError.h"
#include "tests/core/report/ReportTestSupport.h"
#include "tests/report/PdfTestSupport.h"
#include "viewer/report/ReportExport.h"
#include "viewer/report/ReportPdfText.h"
#include "viewer/report/ReportPdfWriter.h"

using namespace crosscheck;
using crosscheck::test::pdfPageCount;
using crosscheck::test::pdfText;
using crosscheck::test::readWholeFile;
using crosscheck::test::reportFixture;
using crosscheck::test::ReportTempDir;
using crosscheck::viewer::formatReportValue;

namespace {

/// An ellipse around the phantom's tumour in the axial CT plane through its centre, with the
/// ground truth's left-right and anteroposterior diameters.
ReportRoiInput tumourEllipse(const PhantomGroundTruth& truth) {
    const PhantomLesionTruth& t = truth.tumor;
    return {"1", "tumour",
            Roi::ellipse(truth.ctFrameUid, t.centerCtMm, Eigen::Vector3d::UnitX(),
                         Eigen::Vector3d::UnitY(),
                         Eigen::Vector2d(0.5 * t.diametersMm[2], 0.5 * t.diametersMm[1]))};
}

double meanOf(const ReportRoi& roi, SeriesRole role) {
    for (const ReportMeasurement& m : roi.measurements) {
        if (m.row.role == role && m.row.measurement.hasNumbers) {
            return m.row.measurement.values.mean;
        }
    }
    FAIL("no " << toString(role) << " numbers");
    return 0.0;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE(
    "the PDF report has a cover, a page per ROI, the findings and the provenance, and "
    "shows the ROI's CT and sCT means and the sCT statement",
    "[report][pdf]") {
    auto& f = reportFixture();
    const auto discrepancy = runReportDiscrepancy(f.study);
    REQUIRE(discrepancy);
    REQUIRE_FALSE(discrepancy->findings.empty());
    const ReportModel report =
        buildReport(f.study, {tumourEllipse(f.phantom.truth)}, {}, discrepancy);
    ReportTempDir out("pdf");
    const auto written = viewer::writeReportFiles(report, f.study, out.path(), {{}, true}, false);
    REQUIRE(written.size() == 1);
    const auto pdf = out.path() / "report.pdf";
    REQUIRE(std::filesystem::exists(pdf));

    // Cover + 1 ROI + findings (4 a page) + provenance.
    const int findingsPages = static_cast<int>((discrepancy->findings.size() + 3) / 4);
    CHECK(pdfPageCount(pdf) == 1 + 1 + findingsPages + 1);

    const std::string text = pdfText(pdf);
    const ReportRoi& roi = report.rois.front();
    const double ctMean = meanOf(roi, SeriesRole::CT);
    const double sctMean = meanOf(roi, SeriesRole::sCT);
    // The phantom's tumour: dense on CT, soft tissue on sCT (ground truth about 410 / 18 HU).
    CHECK(ctMean > 250.0);
    CHECK(sctMean < 100.0);
    CHECK(contains(text, formatReportValue(ctMean).toStdString()));
    CHECK(contains(text, formatReportValue(sctMean).toStdString()));
    CHECK(contains(text, kSyntheticCtStatement));
    CHECK(contains(
        text, "CT - sCT: mean " + formatReportValue(roi.ctMinusSct->deltaMeanHu).toStdString()));
    CHECK(contains(text, "FLAGGED"));
    CHECK(contains(text, "W 1800 / L 400 HU (bone)"));
    CHECK(contains(text, "ct_dense_sct_not"));
    // The miss leads the cover: in the first page's text, with the largest missed region.
    const std::string cover = crosscheck::test::commandOutput(
        std::string(CROSSCHECK_PDFTOTEXT) + " -f 1 -l 1 '" + pdf.string() + "' - 2>/dev/null");
    CHECK(contains(cover, "sCT MISSES " + std::to_string(countMissed(discrepancy->findings)) +
                              " dense region(s) seen on CT"));
    const DiscrepancyRegion* largest = largestMissed(discrepancy->findings);
    REQUIRE(largest != nullptr);
    CHECK(contains(cover, "CT " + formatReportValue(largest->objectCtHu()).toStdString() +
                              " HU vs sCT " +
                              formatReportValue(largest->objectSctHu()).toStdString() + " HU"));
    CHECK(contains(text, "PHANTOM^CROSSCHECK^P001"));
    CHECK(contains(text, "page 1 of " + std::to_string(3 + findingsPages)));
    CHECK(contains(text, "page " + std::to_string(3 + findingsPages) + " of " +
                             std::to_string(3 + findingsPages)));
    for (const ReportSeries& s : report.series) {
        CHECK(contains(text, s.seriesInstanceUid));
    }
}

TEST_CASE("the PDF of an anonymized report names no one and still shows its images and numbers",
          "[report][pdf][anonymize]") {
    auto& f = reportFixture();
    const ReportModel original = buildReport(f.study, {tumourEllipse(f.phantom.truth)});
    UidRemapper uids;
    const ReportModel report = anonymizeReport(original, uids);
    ReportTempDir out("pdf-anon");
    viewer::writeReportFiles(report, f.study, out.path(), {{}, true}, false);
    const std::string text = pdfText(out.path() / "report.pdf");
    CHECK(contains(text, "anonymized"));
    CHECK(contains(text,
                   formatReportValue(meanOf(report.rois.front(), SeriesRole::CT)).toStdString()));
    const std::string bytes = readWholeFile(out.path() / "report.pdf");
    for (const std::string& identifying :
         {original.patient.name, original.patient.id, original.study.accessionNumber,
          original.study.studyInstanceUid, original.series.front().seriesInstanceUid}) {
        REQUIRE_FALSE(identifying.empty());
        CHECK_FALSE(contains(text, identifying));
        CHECK_FALSE(contains(bytes, identifying));
    }
    // The images were still found through the renamed frames: no "not registered" placeholder.
    CHECK_FALSE(contains(text, "not registered to the ROI's frame"));
}

TEST_CASE("the PDF is never written over an existing file without force", "[report][pdf]") {
    auto& f = reportFixture();
    const ReportModel report = buildReport(f.study, {tumourEllipse(f.phantom.truth)});
    ReportTempDir out("pdf-overwrite");
    { std::ofstream(out.path() / "report.pdf") << "precious"; }
    CHECK_THROWS_AS(
        viewer::writeReportFiles(report, f.study, out.path(), {{ReportFormat::Csv}, true}, false),
        ReportWriteError);
    CHECK(readWholeFile(out.path() / "report.pdf") == "precious");
    // Checked before anything was written.
    CHECK_FALSE(std::filesystem::exists(out.path() / "measurements.csv"));
    viewer::writeReportFiles(report, f.study, out.path(), {{ReportFormat::Csv}, true}, true);
    CHECK(readWholeFile(out.path() / "report.pdf").rfind("%PDF-", 0) == 0);
    int entries = 0;  // no temporary file left behind
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(out.path())) {
        ++entries;
    }
    CHECK(entries == 2);
}

TEST_CASE("findings beyond four a page continue on further pages", "[report][pdf]") {
    auto& f = reportFixture();
    auto discrepancy = runReportDiscrepancy(f.study);
    REQUIRE(discrepancy);
    REQUIRE_FALSE(discrepancy->findings.empty());
    const DiscrepancyRegion finding = discrepancy->findings.front();
    discrepancy->findings.clear();
    for (int rank = 1; rank <= 9; ++rank) {
        discrepancy->findings.push_back(finding);
        discrepancy->findings.back().rank = rank;
    }
    const ReportModel report =
        buildReport(f.study, {tumourEllipse(f.phantom.truth)}, {}, discrepancy);
    ReportTempDir out("pdf-findings");
    viewer::writeReportFiles(report, f.study, out.path(), {{}, true}, false);
    const auto pdf = out.path() / "report.pdf";
    // Cover, the ROI, 9 findings on 3 pages, provenance.
    CHECK(pdfPageCount(pdf) == 6);
    const std::string text = pdfText(pdf);
    CHECK(contains(text, "CT versus sCT findings (1 of 3)"));
    CHECK(contains(text, "CT versus sCT findings (3 of 3)"));
    CHECK(contains(text, "#9 dense on CT, not on sCT"));
    CHECK(contains(text, "page 6 of 6"));
}

TEST_CASE("a study with many series continues its tables on further pages and loses no row",
          "[report][pdf]") {
    auto& f = reportFixture();
    // The phantom's series and ten more copies of its T1w in the same frame: 14 series,
    // more than a cover or an ROI page holds.
    Study study = f.study;
    const LoadedSeries* t1 = study.find(SeriesRole::T1w);
    REQUIRE(t1);
    const LoadedSeries extra = *t1;
    for (int i = 0; i < 10; ++i) {
        study.series.push_back(extra);
        study.series.back().info.seriesInstanceUid =
            "1.2.826.0.1.3680043.10.1.9." + std::to_string(i);
        study.series.back().info.description = "extra copy " + std::to_string(i);
    }
    const ReportModel report = buildReport(study, {tumourEllipse(f.phantom.truth)});
    REQUIRE(report.series.size() == 14);
    REQUIRE(report.rois.front().measurements.size() == 14);
    ReportTempDir out("pdf-many-series");
    viewer::writeReportFiles(report, study, out.path(), {{}, true}, false);
    const auto pdf = out.path() / "report.pdf";
    const int pages = viewer::ReportPdfWriter(report, study).pageCount();
    // More than cover + ROI + findings + provenance, and the footers agree with the file.
    CHECK(pages > 4);
    CHECK(pdfPageCount(pdf) == pages);
    const std::string text = pdfText(pdf);
    CHECK(contains(text, "page " + std::to_string(pages) + " of " + std::to_string(pages)));
    CHECK(contains(text, "(continued)"));
    // Every series is on the cover and in the provenance, every measurement row is printed:
    // each extra series' description once (cover), its UID once (provenance).
    for (int i = 0; i < 10; ++i) {
        CHECK(contains(text, "extra copy " + std::to_string(i)));
        CHECK(contains(text, "1.2.826.0.1.3680043.10.1.9." + std::to_string(i)));
    }
    // The T1w row (role, unit, the same mean for each copy) appears 11 times in the ROI table.
    const std::string t1Mean =
        formatReportValue(meanOf(report.rois.front(), SeriesRole::T1w)).toStdString();
    std::size_t rows = 0;
    for (std::size_t at = text.find(t1Mean); at != std::string::npos;
         at = text.find(t1Mean, at + 1)) {
        ++rows;
    }
    CHECK(rows >= 11);
}

TEST_CASE(
    "a report with imported structures has a page of sCT agreement per structure, the "
    "same rows as its CSV",
    "[report][pdf][import]") {
    auto& f = reportFixture();
    const PhantomGroundTruth& t = f.phantom.truth;
    // Two structures as a label map would bring them: the tumour (dense on CT, soft tissue on
    // sCT: the larger MAE, first) and a sphere of soft tissue beside it.
    auto imported = [&](const std::string& label, const Eigen::Vector3d& centre, int number) {
        Roi roi = Roi::sphere(t.ctFrameUid, centre, 4.0);
        roi.importedFrom = RoiProvenance{"labels", "labels.nii.gz", "", number, "", std::nullopt};
        return ReportRoiInput{std::to_string(number), label, roi};
    };
    const ReportModel report = buildReport(
        f.study, {imported("soft tissue", t.tumor.centerCtMm + Eigen::Vector3d(0, 25, 0), 2),
                  imported("tumour", t.tumor.centerCtMm, 1)});
    REQUIRE(report.structureAgreement);
    const auto& rows = report.structureAgreement->rows;
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].label == "tumour");
    CHECK(rows[0].metrics.maeHu > rows[1].metrics.maeHu);

    ReportTempDir out("pdf-structures");
    viewer::ReportFormats formats{{ReportFormat::Csv}, true};
    const auto written = viewer::writeReportFiles(report, f.study, out.path(), formats, false);
    CHECK(written.size() == 3);  // report.pdf, measurements.csv, structure_agreement.csv
    const auto pdf = out.path() / "report.pdf";
    // Cover + 2 ROI pages + findings + structures + provenance.
    CHECK(pdfPageCount(pdf) == 6);
    const std::string text = pdfText(pdf);
    CHECK(contains(text, "sCT agreement per structure"));
    const std::string csv = readWholeFile(out.path() / "structure_agreement.csv");
    for (const StructureAgreementRow& r : rows) {
        // "tumour 412.3 20.1 392.2 392.2 268": the row as the PDF prints it, and in the CSV.
        CHECK(contains(text, r.label + " " + formatReportValue(r.ctMeanHu).toStdString() + " " +
                                 formatReportValue(r.sctMeanHu).toStdString() + " " +
                                 formatReportValue(r.metrics.maeHu).toStdString() + " " +
                                 formatReportValue(r.metrics.meHu).toStdString() + " " +
                                 std::to_string(r.metrics.voxels)));
        CHECK(contains(csv, "\n" + r.label + ","));
    }
    CHECK(csv.find("\ntumour,") < csv.find("\nsoft tissue,"));  // sorted by MAE in both
    const std::string docs =
        std::getenv("CROSSCHECK_DOC_IMAGES") ? std::getenv("CROSSCHECK_DOC_IMAGES") : "";
    if (!docs.empty()) {
        std::filesystem::copy_file(pdf, std::filesystem::path(docs) / "import-report.pdf",
                                   std::filesystem::copy_options::overwrite_existing);
    }
}
