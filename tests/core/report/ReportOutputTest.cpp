#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "core/report/ReportOutput.h"
#include "core/roi/RoiJson.h"
#include "core/session/SessionFile.h"
#include "tests/core/report/ReportTestSupport.h"

using namespace crosscheck;
using crosscheck::test::readWholeFile;
using crosscheck::test::reportFixture;
using crosscheck::test::ReportTempDir;

TEST_CASE("a report never overwrites an existing file without force", "[report]") {
    auto& f = reportFixture();
    const ReportModel report = buildReport(f.study, f.rois);
    ReportTempDir out("overwrite");
    { std::ofstream(out.path() / "report.json") << "precious"; }
    try {
        writeReport(report, out.path(), {ReportFormat::Csv, ReportFormat::Json}, false);
        FAIL("no error");
    } catch (const ReportWriteError& e) {
        const std::string message = e.what();
        CHECK(message.find((out.path() / "report.json").string()) != std::string::npos);
        CHECK(message.find("already exists") != std::string::npos);
    }
    // Checked before anything was written: the CSV is not there either.
    CHECK_FALSE(std::filesystem::exists(out.path() / "measurements.csv"));
    CHECK(readWholeFile(out.path() / "report.json") == "precious");

    const auto written =
        writeReport(report, out.path(), {ReportFormat::Csv, ReportFormat::Json}, true);
    CHECK(written.size() == 2);
    CHECK(nlohmann::json::parse(readWholeFile(out.path() / "report.json"))["schema_version"] == 1);
    // No temporary file is left behind.
    int entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(out.path())) {
        (void)e;
        ++entries;
    }
    CHECK(entries == 2);
}

TEST_CASE("crosscheck-cli report writes csv, json and sr and refuses pdf and overwriting",
          "[report][cli]") {
    auto& f = reportFixture();
    const std::string cli = std::string(CROSSCHECK_BINARY_DIR) + "/bin/crosscheck-cli";
    ReportTempDir out("cli");
    const auto roiPath = out.path() / "roi.json";
    std::ofstream(roiPath) << toJson(f.rois.front().roi).dump();
    const std::string study = (f.dir.path() / "study").string();
    auto run = [&](const std::string& args) {
        const int status = std::system(
            (cli + " report " + args + " > '" + (out.path() / "log").string() + "' 2>&1").c_str());
        return WEXITSTATUS(status);
    };
    const std::string base = "'" + study + "' --roi '" + roiPath.string() + "' --out '" +
                             (out.path() / "r").string() + "'";
#ifndef CROSSCHECK_CLI_HAS_PDF
    // Built without the viewer: no PDF renderer (tests/report covers the PDF otherwise).
    CHECK(run(base + " --formats pdf") == 2);
    CHECK(readWholeFile(out.path() / "log").find("not available") != std::string::npos);
#endif
    CHECK(run(base + " --formats csv,xls") == 2);
    CHECK(run(base) == 0);
    for (const char* name : {"measurements.csv", "report.json", "report_sr.dcm"}) {
        CHECK(std::filesystem::exists(out.path() / "r" / name));
    }
    CHECK(run(base) == 1);
    CHECK(readWholeFile(out.path() / "log").find("already exists") != std::string::npos);
    CHECK(run(base + " --force --anonymize") == 0);
    const auto json = nlohmann::json::parse(readWholeFile(out.path() / "r" / "report.json"));
    CHECK(json["anonymized"] == true);
    // Without the ground-truth transform the MR series have no numbers and no analysis runs.
    CHECK(json["discrepancy"].is_null());
}

TEST_CASE("crosscheck-cli report --session reports the session's annotations with its transforms",
          "[report][cli]") {
    auto& f = reportFixture();
    ReportTempDir out("session");
    SessionDocument doc;
    for (const auto& s : f.phantom.series) {
        doc.series.push_back({s.metadata.seriesInstanceUid, s.metadata.frameOfReferenceUid,
                              (f.dir.path() / "study" / s.dir).string(), s.role});
    }
    doc.referenceFrameUid = f.phantom.truth.ctFrameUid;
    doc.transforms = f.study.transforms.links();
    for (const auto& r : f.rois) {
        doc.annotations.push_back({"a" + r.id, r.label, r.roi});
    }
    const auto sessionPath = out.path() / "case.crosscheck.json";
    saveSession(doc, sessionPath);
    const std::string cli = std::string(CROSSCHECK_BINARY_DIR) + "/bin/crosscheck-cli";
    const int status =
        std::system((cli + " report --session '" + sessionPath.string() + "' --out '" +
                     (out.path() / "r").string() + "' --formats json > /dev/null 2>&1")
                        .c_str());
    REQUIRE(WEXITSTATUS(status) == 0);
    const auto json = nlohmann::json::parse(readWholeFile(out.path() / "r" / "report.json"));
    const ReportModel expected = buildReport(f.study, f.rois);
    REQUIRE(json["rois"].size() == 2);
    CHECK(json["rois"][0]["id"] == "a1");
    CHECK(json["rois"][1]["label"] == "tumour sphere");
    for (std::size_t n = 0; n < 2; ++n) {
        const auto& rows = json["rois"][n]["measurements"];
        REQUIRE(rows.size() == 4);
        for (std::size_t i = 0; i < 4; ++i) {
            CHECK(rows[i]["mean"] == expected.rois[n].measurements[i].row.measurement.values.mean);
        }
    }
    CHECK(json["discrepancy"].is_object());
}
