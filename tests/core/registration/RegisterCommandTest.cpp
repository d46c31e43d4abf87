// crosscheck-cli register end to end: DICOM written by `crosscheck-cli phantom`, loaded
// and registered by the CLI, the printed transform file checked against ground_truth.json.
#include <sys/wait.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include "tests/core/TestSupport.h"

#include "RegistrationTestUtil.h"
#include "core/registration/TransformFile.h"

using namespace crosscheck;
namespace fs = std::filesystem;

namespace {
const std::string kCli = crosscheck::test::cliPath();

Eigen::Matrix4d matrixOf(const nlohmann::json& rows) {
    Eigen::Matrix4d m;
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            m(r, c) = rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)].get<double>();
        }
    }
    return m;
}
}  // namespace

TEST_CASE("crosscheck-cli register aligns the phantom CT to its T1w and prints the transform file",
          "[registration][cli]") {
    REQUIRE(fs::exists(kCli));
    crosscheck::test::TempFolder dir("crosscheck-register");
    const fs::path study = dir.path() / "study";
    REQUIRE(crosscheck::test::runStatus(kCli + " phantom " + study.string() +
                                        " --size small --seed 2 > /dev/null 2>&1") == 0);
    const fs::path printed = dir.path() / "printed.json";
    const fs::path written = dir.path() / "written.json";
    REQUIRE(crosscheck::test::runStatus(kCli + " register --fixed " + (study / "T1w").string() +
                                        " --moving " + (study / "CT").string() + " --json --out " +
                                        written.string() + " > " + printed.string() +
                                        " 2> /dev/null") == 0);

    nlohmann::json truth;
    std::ifstream(study / "ground_truth.json") >> truth;
    nlohmann::json output;
    std::ifstream(printed) >> output;
    REQUIRE(output["method"] == "rigid-mi");
    REQUIRE(output["fixed_frame_uid"] == truth["mr_frame_uid"]);
    REQUIRE(output["moving_frame_uid"] == truth["ct_frame_uid"]);
    REQUIRE(output["iterations"].get<int>() > 0);
    const Eigen::Vector3d tumour(truth["tumor"]["center_mr_mm"][0].get<double>(),
                                 truth["tumor"]["center_mr_mm"][1].get<double>(),
                                 truth["tumor"]["center_mr_mm"][2].get<double>());
    const double tre = test::maxTargetErrorMm(matrixOf(output["moving_to_fixed"]),
                                              matrixOf(truth["ct_to_mr"]), tumour);
    INFO("TRE " << tre << " mm");
    REQUIRE(tre < 1.0);

    // What --out wrote is the same transform file, readable by every --transform.
    const TransformFile file = readTransformFile(written);
    REQUIRE((file.movingToFixed - matrixOf(output["moving_to_fixed"])).cwiseAbs().maxCoeff() <
            1e-9);
    REQUIRE(file.between(truth["ct_frame_uid"], truth["mr_frame_uid"]).has_value());
}

TEST_CASE("crosscheck-cli register names the input it cannot use and exits 1 or 2",
          "[registration][cli]") {
    REQUIRE(fs::exists(kCli));
    crosscheck::test::TempFolder dir("crosscheck-register");
    const fs::path log = dir.path() / "stderr.txt";
    const std::string missing = (dir.path() / "missing").string();
    REQUIRE(crosscheck::test::runStatus(kCli + " register --fixed " + missing + " --moving " +
                                        missing + " > /dev/null 2> " + log.string()) == 1);
    std::ifstream in(log);
    const std::string message((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    REQUIRE_THAT(message, Catch::Contains(missing));
    // A usage error: landmarks asked for without a landmark file.
    REQUIRE(crosscheck::test::runStatus(kCli + " register --fixed " + missing + " --moving " +
                                        missing + " --method landmarks > /dev/null 2>&1") == 2);
}
