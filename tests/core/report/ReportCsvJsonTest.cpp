#include <catch2/catch.hpp>
#include <map>

#include "core/Version.h"
#include "core/report/ReportCsv.h"
#include "core/report/ReportJson.h"
#include "core/roi/StudyMeasurement.h"
#include "tests/core/report/ReportTestSupport.h"

using namespace crosscheck;
using crosscheck::test::reportFixture;

namespace {

/// RFC 4180 rows: an independent little reader, so a writer's quoting slip shows.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(cell);
            cell.clear();
        } else if (c == '\r') {
        } else if (c == '\n') {
            rows.back().push_back(cell);
            cell.clear();
            rows.emplace_back();
        } else {
            cell += c;
        }
    }
    rows.pop_back();  // after the last line end
    return rows;
}

}  // namespace

TEST_CASE("the CSV has a row per ROI and series with the measurement API's numbers", "[report]") {
    auto& f = reportFixture();
    const ReportModel report = buildReport(f.study, f.rois);
    const auto rows = parseCsv(reportToCsv(report));
    REQUIRE(rows.size() == 1 + f.rois.size() * f.study.series.size());
    const auto& header = rows.front();
    CHECK(header == reportCsvColumns());
    auto column = [&](const std::string& name) {
        const auto it = std::find(header.begin(), header.end(), name);
        REQUIRE(it != header.end());
        return static_cast<std::size_t>(it - header.begin());
    };
    std::size_t r = 1;
    for (const auto& input : f.rois) {
        const auto expected = measureInStudy(input.roi, f.study);
        const auto diff = compareCtSct(expected);
        REQUIRE(diff);
        for (const SeriesMeasurement& e : expected) {
            const auto& row = rows[r++];
            REQUIRE(row.size() == header.size());
            INFO(input.label << " in " << toString(e.role));
            CHECK(row[column("roi_label")] == input.label);
            CHECK(row[column("role")] == toString(e.role));
            CHECK(row[column("series_instance_uid")] == e.seriesInstanceUid);
            REQUIRE(e.measurement.hasNumbers);
            // Shortest round-trip form: the doubles read back exactly.
            CHECK(std::stod(row[column("mean")]) == e.measurement.values.mean);
            CHECK(std::stod(row[column("sd")]) == e.measurement.values.sd);
            CHECK(std::stod(row[column("min")]) == e.measurement.values.min);
            CHECK(std::stod(row[column("max")]) == e.measurement.values.max);
            CHECK(std::stoi(row[column("count")]) == e.measurement.values.count);
            CHECK(std::stod(row[column("long_axis_mm")]) == e.measurement.size.longAxisMm);
            if (e.role == SeriesRole::CT || e.role == SeriesRole::sCT) {
                CHECK(std::stod(row[column("ct_minus_sct_mean_hu")]) == diff->deltaMeanHu);
                CHECK(row[column("ct_sct_flagged")] == (diff->flagged ? "true" : "false"));
            } else {
                CHECK(row[column("ct_minus_sct_mean_hu")].empty());
            }
            CHECK(row[column("git_commit")] == gitCommit());
            CHECK_FALSE(row[column("transform")].empty());
        }
    }
    // The published failure, reproduced by the phantom: the calcified tumour is flagged.
    CHECK(report.rois.front().ctMinusSct->flagged);
}

TEST_CASE("report.json is versioned and carries the measurement API's rows and provenance",
          "[report]") {
    auto& f = reportFixture();
    ReportOptions options;
    options.createdAt = "2026-01-02T03:04:05Z";
    const ReportModel report = buildReport(f.study, f.rois, options, runReportDiscrepancy(f.study));
    const nlohmann::json j = nlohmann::json::parse(reportToJson(report).dump());
    CHECK(j["schema_version"] == kReportJsonSchemaVersion);
    CHECK(j["created_at"] == "2026-01-02T03:04:05Z");
    CHECK(j["software"]["git_commit"] == gitCommit());
    CHECK(j["statement"] == kSyntheticCtStatement);
    CHECK(j["patient"]["id"] == f.phantom.truth.patientId);
    REQUIRE(j["series"].size() == f.study.series.size());
    for (const auto& s : j["series"]) {
        // CT is the reference; the MR frame is joined by the landmark link set in the fixture.
        CHECK(s["sync_basis"] == (s["role"] == "CT" ? "same frame" : "landmarks: RMS 0.5 mm"));
    }
    REQUIRE(j["rois"].size() == f.rois.size());
    for (std::size_t n = 0; n < f.rois.size(); ++n) {
        const auto expected = measureInStudy(f.rois[n].roi, f.study);
        const auto& rows = j["rois"][n]["measurements"];
        REQUIRE(rows.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            nlohmann::json api = toJson(expected[i]);
            nlohmann::json written = rows[i];
            CHECK_FALSE(written["transform"].get<std::string>().empty());
            CHECK(written["image"].is_object());
            written.erase("transform");
            written.erase("transform_used");
            written.erase("image");
            CHECK(written == api);
        }
        CHECK(j["rois"][n]["ct_minus_sct"] == toJson(*compareCtSct(expected)));
    }
    // The discrepancy analysis found the calcified tumour, the first-ranked flag.
    REQUIRE(j["discrepancy"].is_object());
    REQUIRE_FALSE(j["discrepancy"]["flags"].empty());
    const auto& flag = j["discrepancy"]["flags"][0];
    CHECK(flag["kind"] == "ct_dense_sct_not");
    const Eigen::Vector3d c(flag["centroid_mm"][0], flag["centroid_mm"][1], flag["centroid_mm"][2]);
    CHECK((c - f.phantom.truth.tumor.centerCtMm).norm() < 3.0);
    CHECK(j["discrepancy"]["metrics"].contains("mae_hu"));
    CHECK(j["discrepancy"]["metrics"]["mask"] == "ct_body_where_sct");
    // The methods sentence names the mask and the SSIM window (docs/metrics.md).
    const std::string methods = j["discrepancy"]["metrics_methods"].get<std::string>();
    CHECK(methods.find("ct_body_where_sct") != std::string::npos);
    CHECK(methods.find("7x7x7") != std::string::npos);
}
