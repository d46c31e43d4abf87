// crosscheck-cli register --region and phantom --posture end to end: the posture phantom
// written as DICOM, one level registered through the CLI, the transform file's region and
// quality checked, and a region that cannot be used refused without touching --out.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "core/geometry/RigidTransform.h"
#include "tests/core/TestSupport.h"

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

Eigen::Vector3d vectorOf(const nlohmann::json& v) {
    return Eigen::Vector3d(v[0].get<double>(), v[1].get<double>(), v[2].get<double>());
}

std::string readText(const fs::path& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

TEST_CASE(
    "crosscheck-cli register --region aligns one level of the posture phantom and says "
    "how good the fit is",
    "[registration][cli][posture]") {
    REQUIRE(fs::exists(kCli));
    crosscheck::test::TempFolder dir("crosscheck-register-region");
    const fs::path study = dir.path() / "study";
    REQUIRE(crosscheck::test::runStatus(kCli + " phantom " + study.string() +
                                        " --size small --posture 8 > /dev/null 2>&1") == 0);
    nlohmann::json truth;
    std::ifstream(study / "ground_truth.json") >> truth;
    REQUIRE(truth["posture_degrees"].get<double>() == 8.0);
    nlohmann::json level;
    for (const auto& l : truth["levels"]) {
        if (l["level"] == 2) {
            level = l;
        }
    }
    REQUIRE(level.is_object());
    const Eigen::Vector3d centre = vectorOf(level["center_mr_mm"]);
    const std::string region = std::to_string(centre.x()) + "," + std::to_string(centre.y()) + "," +
                               std::to_string(centre.z());
    const std::string base = kCli + " register --fixed " + (study / "T1w").string() + " --moving " +
                             (study / "CT").string();

    const fs::path printed = dir.path() / "level.json";
    REQUIRE(crosscheck::test::runStatus(base + " --region " + region + " --json > " +
                                        printed.string() + " 2> /dev/null") == 0);
    nlohmann::json output;
    std::ifstream(printed) >> output;
    REQUIRE((vectorOf(output["region"]["center_mm"]) - centre).norm() < 1e-3);
    REQUIRE(output["region"]["radius_mm"].get<double>() == 40.0);
    REQUIRE(output["quality"]["warning"].is_null());
    REQUIRE(output["quality"]["ngf_after"].get<double>() >=
            output["quality"]["ngf_before"].get<double>());
    // The level's own truth, at its body centre and 20 mm away along each axis.
    const Eigen::Matrix4d estimated = matrixOf(output["moving_to_fixed"]);
    const Eigen::Matrix4d mrToCt = rigidInverse(matrixOf(level["ct_to_mr"]));
    double worst = 0.0;
    for (int p = -1; p < 6; ++p) {
        Eigen::Vector3d point = centre;
        if (p >= 0) {
            point[p / 2] += p % 2 ? -20.0 : 20.0;
        }
        const PatientPoint inCt = transformPoint(mrToCt, PatientPoint{point});
        worst = std::max(worst, (transformPoint(estimated, inCt).mm - point).norm());
    }
    INFO("TRE " << worst << " mm");
    REQUIRE(worst < 1.0);

    {  // a malformed region is a usage error
        REQUIRE(crosscheck::test::runStatus(base + " --region 1,2 > /dev/null 2>&1") == 2);
        REQUIRE(crosscheck::test::runStatus(base + " --region 1,2,x,4 > /dev/null 2>&1") == 2);
    }
    {  // a region too small or outside the overlap exits 1 and leaves --out as it was
        const fs::path out = dir.path() / "previous.json";
        std::ofstream(out) << "{\"previous\": true}";
        const fs::path log = dir.path() / "stderr.txt";
        REQUIRE(crosscheck::test::runStatus(base + " --region " + region + ",4 --out " +
                                            out.string() + " > /dev/null 2> " + log.string()) == 1);
        CHECK(readText(log).find("too small") != std::string::npos);
        REQUIRE(crosscheck::test::runStatus(base + " --region 0,0,900,40 --out " + out.string() +
                                            " > /dev/null 2> " + log.string()) == 1);
        CHECK(readText(log).find("outside the overlap") != std::string::npos);
        CHECK(readText(out) == "{\"previous\": true}");
    }
}
