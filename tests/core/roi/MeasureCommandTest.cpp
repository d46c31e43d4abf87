// crosscheck-cli measure end to end: the small phantom written as DICOM, an ROI drawn in the
// MR frame, the CT reached through a --transform file made from the ground truth.
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include "tests/core/TestSupport.h"

#include "core/phantom/PhantomWriter.h"
#include "core/registration/TransformFile.h"
#include "core/roi/RoiJson.h"
#include "core/roi/StudyMeasurement.h"
#include "tests/core/phantom/PhantomTestSupport.h"
#include "tests/core/roi/RoiTestSupport.h"

using namespace crosscheck;

namespace {

const std::string kCli = crosscheck::test::cliPath();

std::string readAll(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const nlohmann::json& rowOf(const nlohmann::json& j, const std::string& role) {
    for (const auto& m : j["measurements"]) {
        if (m["role"] == role) {
            return m;
        }
    }
    FAIL("no row for " << role);
    return j;
}

/// The small phantom written once per test process (sections re-run the test case), an
/// ellipse ROI inside the tumour drawn in the MR frame, and the ground-truth CT -> MR
/// transform as a transform file.
struct WrittenPhantom {
    test::TempDir dir;
    std::filesystem::path study;
    std::filesystem::path transformPath;
    Roi roi;
};

const WrittenPhantom& writtenPhantom() {
    static std::unique_ptr<WrittenPhantom> w;
    if (!w) {
        w = std::make_unique<WrittenPhantom>();
        const PhantomStudy& p = test::smallPhantom();
        const auto& tumor = p.truth.tumor;
        w->study = w->dir.path() / "study";
        writePhantomStudy(w->study, p);
        std::filesystem::remove(w->study / "ground_truth.json");  // keep the folder DICOM only
        w->roi = Roi::ellipse(p.truth.mrFrameUid, tumor.centerMrMm, tumor.axesMr.row(0).transpose(),
                              tumor.axesMr.row(1).transpose(), {8.0, 4.8});
        TransformFile transform;
        transform.movingFrameUid = p.truth.ctFrameUid;
        transform.fixedFrameUid = p.truth.mrFrameUid;
        transform.movingToFixed = p.truth.ctToMr;
        transform.method = "ground-truth";
        w->transformPath = w->dir.path() / "ct_to_mr.json";
        writeTransformFile(transform, w->transformPath);
    }
    return *w;
}

}  // namespace

TEST_CASE("crosscheck-cli measure samples an MR-frame ROI in every series of the written phantom",
          "[roi][cli]") {
    const PhantomStudy& p = test::smallPhantom();
    const WrittenPhantom& w = writtenPhantom();
    const auto& study = w.study;
    const auto& roi = w.roi;
    const auto& dir = w.dir;
    const auto roiPath = dir.path() / "roi.json";
    std::ofstream(roiPath, std::ios::trunc) << toJson(roi).dump();
    const auto& transformPath = w.transformPath;
    const auto out = dir.path() / "out.json";
    const auto err = dir.path() / "err.txt";

    REQUIRE(crosscheck::test::runStatus(kCli + " measure '" + study.string() + "' --roi '" +
                                        roiPath.string() + "' --transform '" +
                                        transformPath.string() + "' --json > '" + out.string() +
                                        "' 2> '" + err.string() + "'") == 0);
    const auto j = nlohmann::json::parse(readAll(out));
    REQUIRE(j["measurements"].size() == 4);
    const auto expected = measureInStudy(roi, test::studyFromPhantom(p, true));
    for (const auto& e : expected) {
        const auto& row = rowOf(j, toString(e.role));
        INFO(toString(e.role));
        CHECK(row["series_instance_uid"] == e.seriesInstanceUid);
        CHECK(row["mean"].get<double>() == Approx(e.measurement.values.mean));
        CHECK(row["count"].get<int>() == e.measurement.values.count);
        for (const char* key : {"unit", "sd", "median", "min", "max", "p5", "p95", "area_mm2",
                                "long_axis_mm", "short_axis_mm", "visible_extent_mm",
                                "visible_axial_mm", "visible_sagittal_mm", "warnings"}) {
            CHECK(row.contains(key));
        }
        const auto& m = e.measurement;
        for (const auto& [key, size] : {std::pair{"visible_axial_mm", m.visibleAxialMm},
                                        std::pair{"visible_sagittal_mm", m.visibleSagittalMm}}) {
            INFO(key);
            if (size && m.hasNumbers) {
                REQUIRE(row[key].size() == 2);
                CHECK(row[key][0].get<double>() == Approx(size->x()));
                CHECK(row[key][1].get<double>() == Approx(size->y()));
            } else {
                CHECK(row[key].is_null());
            }
        }
    }
    CHECK(rowOf(j, "CT")["unit"] == "HU");
    CHECK(rowOf(j, "T1w")["unit"] == "intensity");
    CHECK(rowOf(j, "CT")["mean"].get<double>() > 300.0);
    CHECK(rowOf(j, "sCT")["warnings"] == nlohmann::json::array({"synthetic: derived from MRI"}));
    CHECK(rowOf(j, "sCT")["visible_extent_mm"].get<double>() == 0.0);
    // The ROI is sagittal (craniocaudal x AP): the CT shows the tumour's sagittal section
    // (inside the 16 mm ROI), the sCT nothing; MR has no threshold.
    CHECK(rowOf(j, "CT")["visible_sagittal_mm"][0].get<double>() > 10.0);
    CHECK(rowOf(j, "CT")["visible_sagittal_mm"][0].get<double>() <= 16.0);
    CHECK(rowOf(j, "sCT")["visible_sagittal_mm"] == nlohmann::json::array({0.0, 0.0}));
    CHECK(rowOf(j, "CT")["visible_axial_mm"].is_null());
    CHECK(rowOf(j, "T1w")["visible_sagittal_mm"].is_null());
    CHECK(j["ct_minus_sct"]["flagged"] == true);

    SECTION("without the transform the CT has no numbers and says why") {
        REQUIRE(crosscheck::test::runStatus(kCli + " measure '" + study.string() + "' --roi '" +
                                            roiPath.string() + "' --json > '" + out.string() +
                                            "' 2> '" + err.string() + "'") == 0);
        const auto k = nlohmann::json::parse(readAll(out));
        CHECK(rowOf(k, "CT")["mean"].is_null());
        CHECK(rowOf(k, "CT")["warnings"] == nlohmann::json::array({"no transform"}));
        CHECK(rowOf(k, "T1w")["mean"].is_number());
    }
    SECTION("a malformed ROI file is exit 1 with the file and the key named") {
        std::ofstream(roiPath, std::ios::trunc)
            << R"({"shape": "ellipse", "frame_of_reference_uid": "1", "center_mm": [0, 0, 0],
                  "axis_u": [1, 0, 0], "axis_v": [0, 1, 0]})";
        CHECK(crosscheck::test::runStatus(kCli + " measure '" + study.string() + "' --roi '" +
                                          roiPath.string() + "' --json > '" + out.string() +
                                          "' 2> '" + err.string() + "'") == 1);
        CHECK(readAll(out).empty());
        CHECK_THAT(readAll(err), Catch::Contains(roiPath.string()) && Catch::Contains("radii_mm"));
    }
    SECTION("a missing --roi is a usage error") {
        CHECK(crosscheck::test::runStatus(kCli + " measure '" + study.string() + "' > '" +
                                          out.string() + "' 2> '" + err.string() + "'") == 2);
    }
}
