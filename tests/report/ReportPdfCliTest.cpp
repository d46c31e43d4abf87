#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/registration/TransformFile.h"
#include "core/roi/RoiJson.h"
#include "tests/core/report/ReportTestSupport.h"
#include "tests/report/PdfTestSupport.h"
#include "viewer/report/ReportPdfText.h"

using namespace crosscheck;
using crosscheck::test::pdfPageCount;
using crosscheck::test::pdfText;
using crosscheck::test::readWholeFile;
using crosscheck::test::reportFixture;
using crosscheck::test::ReportTempDir;

namespace {

std::vector<std::string> splitCsvLine(const std::string& line) {
    // The cells this test reads (role, mean) are never quoted.
    std::vector<std::string> cells;
    std::stringstream stream(line);
    std::string cell;
    while (std::getline(stream, cell, ',')) {
        cells.push_back(cell);
    }
    return cells;
}

/// The `mean` cell of the CSV row of this role.
/// The `name` column of the CSV row of `role` (empty when there is none).
std::string csvValue(const std::string& csv, const std::string& role, const std::string& name) {
    std::stringstream lines(csv);
    std::string line;
    std::getline(lines, line);
    const auto header = splitCsvLine(line.substr(0, line.find('\r')));
    const auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) -
                                        header.begin());
    };
    while (std::getline(lines, line)) {
        const auto cells = splitCsvLine(line.substr(0, line.find('\r')));
        if (cells.size() > column(name) && cells[column("role")] == role) {
            return cells[column(name)];
        }
    }
    return {};
}

}  // namespace

TEST_CASE(
    "crosscheck-cli report --formats pdf,csv writes a PDF with the CSV's numbers and never "
    "overwrites it",
    "[report][pdf][cli]") {
    auto& f = reportFixture();
    const PhantomGroundTruth& truth = f.phantom.truth;
    ReportTempDir work("pdf-cli");
    const auto roiPath = work.path() / "tumour.json";
    std::ofstream(roiPath) << toJson(
                                  Roi::ellipse(truth.ctFrameUid, truth.tumor.centerCtMm,
                                               Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(),
                                               Eigen::Vector2d(0.5 * truth.tumor.diametersMm[2],
                                                               0.5 * truth.tumor.diametersMm[1])))
                                  .dump();
    TransformFile transform;
    transform.movingFrameUid = truth.ctFrameUid;
    transform.fixedFrameUid = truth.mrFrameUid;
    transform.movingToFixed = truth.ctToMr;
    transform.method = "ground-truth";
    const auto transformPath = work.path() / "ct_to_mr.json";
    writeTransformFile(transform, transformPath);

    const auto out = work.path() / "out";
    // No display: the command must bring its own offscreen platform.
    const std::string command =
        "env -u DISPLAY -u QT_QPA_PLATFORM '" + std::string(CROSSCHECK_BINARY_DIR) +
        "/bin/crosscheck-cli' report '" + (f.dir.path() / "study").string() + "' --roi '" +
        roiPath.string() + "' --transform '" + transformPath.string() + "' --out '" + out.string() +
        "' --formats pdf,csv > '" + (work.path() / "log").string() + "' 2>&1";
    auto run = [&] {
        const int status = std::system(command.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    REQUIRE(run() == 0);
    const auto pdf = out / "report.pdf";
    REQUIRE(std::filesystem::exists(pdf));
    REQUIRE(std::filesystem::exists(out / "measurements.csv"));
    CHECK(pdfPageCount(pdf) >= 4);

    const std::string csv = readWholeFile(out / "measurements.csv");
    const std::string ctMean = csvValue(csv, "CT", "mean");
    const std::string sctMean = csvValue(csv, "sCT", "mean");
    REQUIRE_FALSE(ctMean.empty());
    REQUIRE_FALSE(sctMean.empty());
    const std::string text = pdfText(pdf);
    CHECK(text.find(viewer::formatReportValue(std::stod(ctMean)).toStdString()) !=
          std::string::npos);
    CHECK(text.find(viewer::formatReportValue(std::stod(sctMean)).toStdString()) !=
          std::string::npos);
    // The study's form: the CT's visible axial long and short axis as the CSV has them.
    CHECK(text.find("Visible size and HU as the study reported them") != std::string::npos);
    for (const char* axis : {"visible_axial_long_mm", "visible_axial_short_mm"}) {
        const std::string value = csvValue(csv, "CT", axis);
        REQUIRE_FALSE(value.empty());
        CHECK(text.find(viewer::formatReportValue(std::stod(value)).toStdString()) !=
              std::string::npos);
    }

    const std::string first = readWholeFile(pdf);
    CHECK(run() == 1);
    CHECK(readWholeFile(work.path() / "log").find("already exists") != std::string::npos);
    CHECK(readWholeFile(pdf) == first);
}
