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

TEST_CASE(
    "crosscheck-cli analyze writes the mask and the resampled sCT, and Python recomputes its "
    "metrics from them",
    "[analysis][cli]") {
    // analyze --write-mask --write-resampled, the CT converted to NIfTI by dcm2niix (a peer
    // tool), and tests/core/analysis/recompute_metrics.py (numpy and scipy only) recomputing
    // MAE, ME, RMSE, PSNR, SSIM and bone Dice: agreement to 1e-6 relative.
    crosscheck::test::TempFolder dir("crosscheck-analyze");
    const fs::path study = dir.path() / "study";
    REQUIRE(crosscheck::test::runStatus(kCli + " phantom " + study.string() +
                                        " --size small --same-frame > /dev/null 2>&1") == 0);
    const fs::path mask = dir.path() / "mask.nii", sct = dir.path() / "sct_on_ct.nii.gz";
    const fs::path out = dir.path() / "analysis.json";
    const std::string analyze = kCli + " analyze --ct " + (study / "CT").string() + " --sct " +
                                (study / "sCT").string() + " --write-mask " + mask.string() +
                                " --write-resampled " + sct.string() + " --json";
    REQUIRE(crosscheck::test::runStatus(analyze + " > " + out.string() + " 2> /dev/null") == 0);
    const nlohmann::json j = nlohmann::json::parse(std::ifstream(out));
    REQUIRE(j["written"] == nlohmann::json::array({mask.string(), sct.string()}));
    const nlohmann::json& m = j["metrics"];
    REQUIRE(m["mask"] == "ct_body_where_sct");
    REQUIRE(m["clip_hu"] == nlohmann::json::array({-1024.0, 3000.0}));
    REQUIRE(m["psnr_data_range"] == 4024.0);
    REQUIRE(m["ssim_window"] == 7);
    REQUIRE(m["ssim_edge_crop_voxels"] == 3);
    REQUIRE(m["mask_voxels"].get<long long>() > 0);
    REQUIRE(m["ssim_voxels"].get<long long>() <= m["mask_voxels"].get<long long>());

    const fs::path ctDir = dir.path() / "ct_nifti";
    fs::create_directories(ctDir);
    REQUIRE(crosscheck::test::runStatus("dcm2niix -z n -b n -f ct -o " + ctDir.string() + " " +
                                        (study / "CT").string() + " > /dev/null 2>&1") == 0);
    const std::string python =
        "/usr/bin/python3 " CROSSCHECK_SOURCE_DIR "/tests/core/analysis/recompute_metrics.py ";
    const fs::path report = dir.path() / "recomputed.json";
    const int status = crosscheck::test::runStatus(
        python + (ctDir / "ct.nii").string() + " " + mask.string() + " " + sct.string() + " " +
        out.string() + " > " + report.string() + " 2>&1");
    std::ifstream reportIn(report);
    const std::string text((std::istreambuf_iterator<char>(reportIn)), {});
    INFO(text);
    REQUIRE(status == 0);

    // The files exist now: a second run refuses to overwrite them, naming the file...
    const fs::path err = dir.path() / "err.txt";
    REQUIRE(crosscheck::test::runStatus(analyze + " > /dev/null 2> " + err.string()) == 1);
    std::ifstream errIn(err);
    const std::string message((std::istreambuf_iterator<char>(errIn)), {});
    REQUIRE(message.find(mask.string()) != std::string::npos);
    REQUIRE(message.find("--force") != std::string::npos);
    // ... and replaces them with --force; a name that is not NIfTI is a usage error.
    REQUIRE(crosscheck::test::runStatus(analyze + " --force > /dev/null 2>&1") == 0);
    REQUIRE(crosscheck::test::runStatus(kCli + " analyze --ct " + (study / "CT").string() +
                                        " --sct " + (study / "sCT").string() + " --write-mask " +
                                        (dir.path() / "mask.raw").string() + " > /dev/null 2>&1") ==
            2);
}
