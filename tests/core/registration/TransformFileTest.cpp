#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include "tests/core/TestSupport.h"

#include "core/geometry/RigidTransform.h"
#include "core/registration/FrameTransforms.h"
#include "core/registration/TransformFile.h"

using namespace crosscheck;
namespace fs = std::filesystem;

namespace {
void writeText(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}
}  // namespace

TEST_CASE("a transform file survives a write and read round trip with the CLI keys",
          "[registration]") {
    crosscheck::test::TempFolder dir("crosscheck-reg");
    TransformFile file;
    file.movingToFixed =
        rigidFromEuler(Eigen::Vector3d(0.1, 0.2, -0.3), Eigen::Vector3d(1.5, -2, 30));
    file.fixedFrameUid = "1.2.3.4";
    file.movingFrameUid = "1.2.3.5";
    file.method = "rigid-mi";
    file.metric = 0.61;
    file.iterations = 87;
    file.ms = 812.5;
    file.extra["rms_mm"] = 0.7;
    const fs::path p = dir.path() / "t.json";
    writeTransformFile(file, p);
    REQUIRE_FALSE(fs::exists(dir.path() / "t.json.partial"));

    nlohmann::json raw;
    std::ifstream(p) >> raw;
    for (const char* key : {"moving_to_fixed", "fixed_frame_uid", "moving_frame_uid", "method",
                            "metric", "iterations", "ms"}) {
        REQUIRE(raw.contains(key));
    }
    REQUIRE(raw["moving_to_fixed"].size() == 4);
    REQUIRE(raw["moving_to_fixed"][1][3].get<double>() == Approx(file.movingToFixed(1, 3)));

    const TransformFile back = readTransformFile(p);
    REQUIRE((back.movingToFixed - file.movingToFixed).cwiseAbs().maxCoeff() < 1e-12);
    REQUIRE(back.fixedFrameUid == "1.2.3.4");
    REQUIRE(back.movingFrameUid == "1.2.3.5");
    REQUIRE(back.method == "rigid-mi");
    REQUIRE(back.metric == Approx(0.61));
    REQUIRE(back.iterations == 87);
    REQUIRE(back.extra["rms_mm"].get<double>() == Approx(0.7));
}

TEST_CASE("a transform file is applied in the direction its frame UIDs name", "[registration]") {
    TransformFile file;
    file.movingToFixed = rigidFromEuler(Eigen::Vector3d::Zero(), Eigen::Vector3d(10, 0, 0));
    file.fixedFrameUid = "F";
    file.movingFrameUid = "M";
    REQUIRE((*file.between("M", "F"))(0, 3) == Approx(10.0));
    REQUIRE((*file.between("F", "M"))(0, 3) == Approx(-10.0));
    REQUIRE(file.between("F", "F")->isIdentity());
    REQUIRE_FALSE(file.between("F", "X").has_value());
}

TEST_CASE("a flat row-major matrix of 16 numbers is accepted", "[registration]") {
    const auto j = nlohmann::json::parse(
        R"({"moving_to_fixed": [1,0,0,5, 0,1,0,6, 0,0,1,7, 0,0,0,1], "fixed_frame_uid": "F",
            "moving_frame_uid": "M", "method": "landmarks", "metric": 0.4, "iterations": 0, "ms": 1})");
    const TransformFile file = transformFileFromJson(j, "inline");
    REQUIRE(file.movingToFixed(0, 3) == 5.0);
    REQUIRE(file.movingToFixed(2, 3) == 7.0);
}

TEST_CASE("bad transform files are refused with the file name and the reason", "[registration]") {
    crosscheck::test::TempFolder dir("crosscheck-reg");
    const fs::path missing = dir.path() / "missing.json";
    REQUIRE_THROWS_WITH(readTransformFile(missing),
                        Catch::Contains("missing.json") && Catch::Contains("cannot be opened"));
    const fs::path broken = dir.path() / "broken.json";
    writeText(broken, "{\"moving_to_fixed\": [[1,0,0");
    REQUIRE_THROWS_WITH(readTransformFile(broken),
                        Catch::Contains("broken.json") && Catch::Contains("not valid JSON"));
    const fs::path scaled = dir.path() / "scaled.json";
    writeText(scaled, R"({"moving_to_fixed": [[2,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]],
                          "fixed_frame_uid": "F", "moving_frame_uid": "M"})");
    REQUIRE_THROWS_WITH(readTransformFile(scaled), Catch::Contains("not a rigid"));
    const fs::path noFrames = dir.path() / "noframes.json";
    writeText(noFrames, R"({"moving_to_fixed": [[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]})");
    REQUIRE_THROWS_WITH(readTransformFile(noFrames), Catch::Contains("fixed_frame_uid"));
    const fs::path shortRow = dir.path() / "short.json";
    writeText(shortRow, R"({"moving_to_fixed": [[1,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]],
                          "fixed_frame_uid": "F", "moving_frame_uid": "M"})");
    REQUIRE_THROWS_AS(readTransformFile(shortRow), TransformFileError);
}

TEST_CASE("a transform file joins the frame registry with the badge of its method",
          "[registration]") {
    TransformFile file;
    file.movingToFixed = rigidFromEuler(Eigen::Vector3d(0, 0, 0.1), Eigen::Vector3d(3, 4, 5));
    file.fixedFrameUid = "MR";
    file.movingFrameUid = "CT";
    file.method = "landmarks";
    file.metric = 0.66;
    file.extra["rms_mm"] = 0.66;
    FrameTransforms transforms;
    transforms.set(file.movingFrameUid, file.fixedFrameUid, file.movingToFixed, provenanceOf(file));
    REQUIRE(transforms.badge("CT", "MR") == "landmarks: RMS 0.7 mm");
    file.method = "rigid-mi";
    transforms.set(file.movingFrameUid, file.fixedFrameUid, file.movingToFixed, provenanceOf(file));
    REQUIRE(transforms.badge("MR", "CT") == "registered: automatic MI");
    file.method = "something-else";
    REQUIRE(provenanceOf(file).label() == "transform file");
}
