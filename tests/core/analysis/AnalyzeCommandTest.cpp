// crosscheck-cli analyze end to end: DICOM written by `crosscheck-cli phantom` (small),
// analysed through the ground-truth transform file, checked against ground_truth.json
// and the JSON keys of docs/cli.md.
#include <sys/wait.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include "tests/core/TestSupport.h"

using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {
const std::string kCli = crosscheck::test::cliPath();

}  // namespace

TEST_CASE("crosscheck-cli analyze flags the phantom tumour through a transform file",
          "[analysis][cli]") {
    REQUIRE(fs::exists(kCli));
    crosscheck::test::TempFolder dir("crosscheck-analyze");
    const fs::path study = dir.path() / "study";
    REQUIRE(crosscheck::test::runStatus(kCli + " phantom " + study.string() +
                                        " --size small > /dev/null 2>&1") == 0);
    const nlohmann::json truth = nlohmann::json::parse(std::ifstream(study / "ground_truth.json"));
    // The ground truth as a transform file: moving CT -> fixed MR (the sCT's frame).
    const fs::path transform = dir.path() / "ct_to_mr.json";
    std::ofstream(transform) << nlohmann::json{
        {"moving_to_fixed", truth["ct_to_mr"]},
        {"moving_frame_uid", truth["ct_frame_uid"]},
        {"fixed_frame_uid", truth["mr_frame_uid"]},
        {"method", "ground-truth"},
        {"metric", 0},
        {"iterations", 0},
        {"ms", 0}}.dump();
    const fs::path out = dir.path() / "analysis.json";
    REQUIRE(crosscheck::test::runStatus(kCli + " analyze --ct " + (study / "CT").string() +
                                        " --sct " + (study / "sCT").string() + " --transform " +
                                        transform.string() + " --t1w " + (study / "T1w").string() +
                                        " --t2w " + (study / "T2w").string() + " --json > " +
                                        out.string() + " 2> /dev/null") == 0);
    const nlohmann::json j = nlohmann::json::parse(std::ifstream(out));
    REQUIRE(j["reference_frame_uid"] == truth["ct_frame_uid"]);
    REQUIRE(j["flags"].size() == 1);
    const nlohmann::json& flag = j["flags"][0];
    REQUIRE(flag["kind"] == "ct_dense_sct_not");
    for (int a = 0; a < 3; ++a) {
        REQUIRE(flag["centroid_mm"][a].get<double>() ==
                Approx(truth["tumor"]["center_ct_mm"][a].get<double>()).margin(1.5));
        REQUIRE(flag["bbox_mm"][0][a].get<double>() < flag["centroid_mm"][a].get<double>());
        REQUIRE(flag["bbox_mm"][1][a].get<double>() > flag["centroid_mm"][a].get<double>());
    }
    REQUIRE(flag["extent_mm"].size() == 3);
    REQUIRE(flag["volume_mm3"].get<double>() > 0.0);
    REQUIRE(flag["ct_mean_hu"].get<double>() > 300.0);
    REQUIRE(flag["sct_mean_hu"].get<double>() < 100.0);
    REQUIRE(flag["visible_on_mr"] == true);
    for (const char* key : {"mae_hu", "me_hu", "rmse_hu", "psnr_db", "ssim", "bone_dice"}) {
        REQUIRE(j["metrics"][key].is_number());
    }
    REQUIRE(j["ms"].is_number());
}

TEST_CASE("crosscheck-cli analyze refuses bad input with exit 1 and usage errors with exit 2",
          "[analysis][cli]") {
    crosscheck::test::TempFolder dir("crosscheck-analyze");
    const fs::path study = dir.path() / "study";
    REQUIRE(crosscheck::test::runStatus(kCli + " phantom " + study.string() +
                                        " --size small > /dev/null 2>&1") == 0);
    const std::string pair =
        " --ct " + (study / "CT").string() + " --sct " + (study / "sCT").string();
    // Different frames, no transform, no automatic registration.
    REQUIRE(crosscheck::test::runStatus(kCli + " analyze" + pair +
                                        " --no-register > /dev/null 2>&1") == 1);
    // A transform file that does not join the two frames.
    const fs::path unrelated = dir.path() / "unrelated.json";
    std::ofstream(unrelated) << R"({"moving_to_fixed": [[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]],
        "moving_frame_uid": "1.2.3", "fixed_frame_uid": "1.2.4", "method": "x", "metric": 0,
        "iterations": 0, "ms": 0})";
    REQUIRE(crosscheck::test::runStatus(kCli + " analyze" + pair + " --transform " +
                                        unrelated.string() + " > /dev/null 2>&1") == 1);
    REQUIRE(crosscheck::test::runStatus(kCli + " analyze" + pair + " --transform " +
                                        (dir.path() / "missing.json").string() +
                                        " > /dev/null 2>&1") == 1);
    REQUIRE(crosscheck::test::runStatus(kCli + " analyze --ct " +
                                        (dir.path() / "nothing").string() + " --sct " +
                                        (study / "sCT").string() + " > /dev/null 2>&1") == 1);
    REQUIRE(crosscheck::test::runStatus(kCli + " analyze --ct " + (study / "CT").string() +
                                        " > /dev/null 2>&1") == 2);
}
