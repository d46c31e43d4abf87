#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "core/roi/RoiJson.h"
#include "tests/core/phantom/PhantomTestSupport.h"

using namespace crosscheck;

namespace {

std::string errorOf(const nlohmann::json& j) {
    try {
        roiFromJson(j, "roi.json");
    } catch (const RoiFormatError& e) {
        return e.what();
    }
    return {};
}

}  // namespace

TEST_CASE("the ROI.json examples of docs/cli.md are read as written", "[roi]") {
    const auto ellipse =
        roiFromJson(nlohmann::json::parse(R"({"shape": "ellipse", "frame_of_reference_uid": "1.2.3",
            "center_mm": [1, 2, 3], "axis_u": [1, 0, 0], "axis_v": [0, 1, 0], "radii_mm": [5, 4]})"),
                    "example");
    CHECK(ellipse.shape == RoiShape::Ellipse);
    CHECK(ellipse.frameOfReferenceUid == "1.2.3");
    CHECK(ellipse.centerMm == Eigen::Vector3d(1, 2, 3));
    CHECK(ellipse.radiiMm == Eigen::Vector2d(5, 4));
    const auto polygon =
        roiFromJson(nlohmann::json::parse(R"({"shape": "polygon", "frame_of_reference_uid": "1.2.3",
            "points_mm": [[0, 0, 0], [10, 0, 0], [0, 10, 0]]})"),
                    "example");
    CHECK(polygon.pointsMm.size() == 3);
    const auto sphere =
        roiFromJson(nlohmann::json::parse(R"({"shape": "sphere", "frame_of_reference_uid": "1.2.3",
            "center_mm": [0, 0, 0], "radius_mm": 7.5})"),
                    "example");
    CHECK(sphere.radiusMm == 7.5);
    CHECK(roiFromJson(nlohmann::json::parse(R"({"shape": "freehand", "frame_of_reference_uid":
            "1", "points_mm": [[0, 0, 0], [1, 0, 0], [0, 1, 0]]})"),
                      "x")
              .shape == RoiShape::Polygon);
}

TEST_CASE("every ROI shape survives a JSON round trip exactly", "[roi]") {
    const std::string f = "1.2.840.99";
    std::vector<Roi> rois{
        Roi::ellipse(f, {1.25, -2.5, 3.125}, {1, 0, 0}, {0, 0, -1}, {7.1, 3.3}),
        Roi::rectangle(f, {0, 0, 10}, {0, 1, 0}, {0, 0, 1}, {12, 8.5}),
        Roi::polygon(f, {{0, 0, 0}, {10, 0, 0}, {10, 5, 0}, {0.1, 7.7, 0}}),
        Roi::ruler(f, {0, 0, 0}, {3, 4, 0}),
        Roi::bidirectional(f, {-10, 0, 0}, {10, 0, 0}, {0, -6, 0}, {0, 6, 0}),
        Roi::point(f, {1e-3, 2e5, -3.3}),
        Roi::sphere(f, {4, 5, 6}, 0.1 + 0.2),
    };
    Eigen::Matrix4d grid = Eigen::Matrix4d::Identity();
    grid.block<3, 1>(0, 3) = Eigen::Vector3d(-5, -5, -2);
    auto mask = std::make_shared<BrushMask>(VolumeGeometry({10, 10, 4}, grid));
    mask->paintSphere({0, 0, 0}, 3.0, 1);
    mask->paintSphere({3, 3, 0}, 1.0, 2);
    rois.push_back(Roi::brush(f, mask));
    for (const Roi& roi : rois) {
        INFO(toString(roi.shape));
        const std::string text = toJson(roi).dump();
        const Roi back = roiFromJson(nlohmann::json::parse(text), "round trip");
        CHECK(back == roi);
        CHECK(toJson(back).dump() == text);
    }
}

TEST_CASE("malformed ROI JSON gives an error naming the file and the key", "[roi]") {
    auto base = nlohmann::json::parse(R"({"shape": "ellipse", "frame_of_reference_uid": "1.2.3",
        "center_mm": [1, 2, 3], "axis_u": [1, 0, 0], "axis_v": [0, 1, 0], "radii_mm": [5, 4]})");
    CHECK(errorOf(base).empty());

    auto missing = base;
    missing.erase("radii_mm");
    CHECK(errorOf(missing) == "roi.json: key \"radii_mm\": missing");

    auto wrongType = base;
    wrongType["center_mm"] = {1, "two", 3};
    CHECK_THAT(errorOf(wrongType), Catch::Contains("roi.json") && Catch::Contains("center_mm") &&
                                       Catch::Contains("expected a number"));

    auto shortVector = base;
    shortVector["axis_u"] = {1, 0};
    CHECK_THAT(errorOf(shortVector), Catch::Contains("\"axis_u\"") && Catch::Contains("3 numbers"));

    auto notUnit = base;
    notUnit["axis_v"] = {0, 2, 0};
    CHECK_THAT(errorOf(notUnit), Catch::Contains("\"axis_v\"") && Catch::Contains("unit"));

    auto oblique = base;
    oblique["axis_v"] = {0.6, 0.8, 0};
    CHECK_THAT(errorOf(oblique), Catch::Contains("orthogonal"));

    auto badShape = base;
    badShape["shape"] = "triangle";
    CHECK_THAT(errorOf(badShape), Catch::Contains("\"shape\"") && Catch::Contains("triangle"));

    auto noFrame = base;
    noFrame.erase("frame_of_reference_uid");
    CHECK_THAT(errorOf(noFrame), Catch::Contains("frame_of_reference_uid"));

    CHECK_THAT(errorOf(nlohmann::json::parse(R"({"shape": "polygon", "frame_of_reference_uid":
        "1", "points_mm": [[0, 0, 0], [1, 0, 0]]})")),
               Catch::Contains("points_mm") && Catch::Contains("at least 3"));
    CHECK_THAT(errorOf(nlohmann::json::parse(R"({"shape": "sphere", "frame_of_reference_uid":
        "1", "center_mm": [0, 0, 0], "radius_mm": -1})")),
               Catch::Contains("radius_mm"));
    CHECK_THAT(errorOf(nlohmann::json::parse(R"({"shape": "brush", "frame_of_reference_uid": "1",
        "grid": {"dims": [2, 2, 1], "index_to_patient": [[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]},
        "mask_runs": [[0, 3]]})")),
               Catch::Contains("mask_runs") && Catch::Contains("3 voxels"));
    CHECK_THAT(errorOf(nlohmann::json::array()), Catch::Contains("roi.json"));
}

TEST_CASE("reading an ROI file that is not JSON names the file", "[roi]") {
    crosscheck::test::TempDir dir;
    const auto path = dir.path() / "broken.json";
    std::ofstream(path) << "{\"shape\": \"ellipse\", ";
    try {
        readRoiFile(path);
        FAIL("no error");
    } catch (const RoiFormatError& e) {
        CHECK_THAT(e.what(), Catch::Contains(path.string()) && Catch::Contains("not valid JSON"));
    }
    CHECK_THROWS_WITH(readRoiFile(dir.path() / "missing.json"),
                      Catch::Contains("missing.json") && Catch::Contains("cannot open"));
}
