// Series identity without SeriesInstanceUID and series of several volumes, on hand-made
// frame headers (the files themselves are checked against dcm2niix in
// realworld/check_series_identity.py).
#include <catch2/catch.hpp>

#include "core/dicom/SeriesAssembler.h"
#include "core/dicom/SeriesSelection.h"

using namespace crosscheck;

namespace {

FrameHeader slice(double z, int instance, const std::string& uid, int seriesNumber = 3) {
    FrameHeader h;
    h.file = "f" + std::to_string(instance) + "_" + std::to_string(seriesNumber);
    h.sopInstanceUid = "1.9." + h.file;
    h.seriesInstanceUid = uid;
    h.studyInstanceUid = "1.5";
    h.seriesNumber = seriesNumber;
    h.frameOfReferenceUid = "9.9";
    h.modality = "MR";
    h.instanceNumber = instance;
    h.rows = 4;
    h.columns = 6;
    h.bitsAllocated = 16;
    h.bitsStored = 12;
    h.highBit = 11;
    h.position = Eigen::Vector3d(0.0, 0.0, z);
    h.rowDirection = Eigen::Vector3d::UnitX();
    h.columnDirection = Eigen::Vector3d::UnitY();
    h.pixelSpacingRowCol = Eigen::Vector2d(1.0, 1.0);
    return h;
}

}  // namespace

TEST_CASE("slices without a SeriesInstanceUID form one series per series number",
          "[dicom][identity]") {
    std::vector<FrameHeader> frames;
    for (int k = 0; k < 5; ++k) {
        frames.push_back(slice(2.0 * k, k + 1, ""));
        frames.push_back(slice(2.0 * k, k + 1, "", 4));
    }
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 2);
    for (const SeriesInfo& s : series) {
        CHECK(s.dims[2] == 5);
        CHECK(s.hasWarning("no series uid"));
        CHECK(s.seriesInstanceUid.rfind("2.25.", 0) == 0);
        CHECK(s.volumeCount() == 1);
    }
    CHECK(series[0].seriesInstanceUid != series[1].seriesInstanceUid);
    // The same files get the same UID in every scan.
    CHECK(assembleSeries(frames)[0].seriesInstanceUid == series[0].seriesInstanceUid);
}

TEST_CASE("one UID written on two series is split by series number", "[dicom][identity]") {
    std::vector<FrameHeader> frames;
    for (int k = 0; k < 3; ++k) {
        frames.push_back(slice(2.0 * k, k + 1, "1.2.3", 5));
        frames.push_back(slice(2.0 * k, k + 1, "1.2.3", 6));
    }
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 2);
    CHECK(series[0].hasWarning("shared series uid"));
    CHECK(series[0].seriesInstanceUid != series[1].seriesInstanceUid);
    CHECK(series[0].dims[2] == 3);
}

TEST_CASE("every position three times makes three volumes in time order", "[dicom][identity]") {
    std::vector<FrameHeader> frames;
    for (int t = 3; t >= 1; --t) {  // out of order on purpose
        for (int k = 0; k < 4; ++k) {
            FrameHeader f = slice(2.0 * k, 100 * t + k, "1.2.3");
            f.temporalPosition = t;
            frames.push_back(f);
        }
    }
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 3);
    for (int v = 0; v < 3; ++v) {
        const SeriesInfo& s = series[static_cast<std::size_t>(v)];
        CHECK(s.volumeIndex == v);
        CHECK(s.volumeCount() == 3);
        CHECK(s.dims[2] == 4);
        CHECK(s.splitLabel ==
              "volume " + std::to_string(v + 1) + " (time point " + std::to_string(v + 1) + ")");
        CHECK(s.slices[0].file == "f" + std::to_string(100 * (v + 1)) + "_3");
        CHECK_FALSE(s.hasWarning("duplicate positions"));
    }
}

TEST_CASE("b-values label the volumes of a diffusion series", "[dicom][identity]") {
    std::vector<FrameHeader> frames;
    const double b[] = {0.0, 1000.0, 1000.0};
    for (int v = 0; v < 3; ++v) {
        for (int k = 0; k < 2; ++k) {
            FrameHeader f = slice(2.0 * k, 10 * v + k, "1.2.3");
            f.bValue = b[v];
            frames.push_back(f);
        }
    }
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 3);
    CHECK(series[0].splitLabel == "volume 1 (b=0)");
    CHECK(series[2].splitLabel == "volume 3 (b=1000)");
    CHECK(series[1].volumeLabels == series[0].volumeLabels);
}

TEST_CASE("a file copied twice is a duplicate, not a second volume", "[dicom][identity]") {
    std::vector<FrameHeader> frames;
    for (int k = 0; k < 3; ++k) {
        frames.push_back(slice(2.0 * k, k + 1, "1.2.3"));
        FrameHeader copy = slice(2.0 * k, k + 1, "1.2.3");
        copy.file = "copy/" + copy.file;  // same SOPInstanceUID
        frames.push_back(copy);
    }
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 1);
    CHECK(series[0].hasWarning("duplicate positions"));
    CHECK(series[0].dims[2] == 3);
}

TEST_CASE("echoes of one series are volumes of that series", "[dicom][identity]") {
    std::vector<FrameHeader> frames;
    for (int e = 1; e <= 2; ++e) {
        for (int k = 0; k < 3; ++k) {
            FrameHeader f = slice(2.0 * k, 10 * e + k, "1.2.3");
            f.echoNumber = e;
            frames.push_back(f);
        }
    }
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 2);
    CHECK(series[0].seriesInstanceUid == series[1].seriesInstanceUid);
    CHECK(series[1].volumeIndex == 1);
    CHECK(series[1].splitLabel == "echo 2");
    CHECK(series[1].hasWarning("split by echo"));
}

TEST_CASE("a volume of a series is found by UID and index, and --volume picks it",
          "[dicom][identity]") {
    std::vector<FrameHeader> frames;
    for (int e = 1; e <= 3; ++e) {
        for (int k = 0; k < 2; ++k) {
            FrameHeader f = slice(2.0 * k, 10 * e + k, "1.2.3");
            f.echoNumber = e;
            frames.push_back(f);
        }
    }
    ScanResult scan;
    scan.series = assembleSeries(frames);
    REQUIRE(scan.series.size() == 3);
    const SeriesInfo* second = findVolume(scan, "1.2.3", 1);
    REQUIRE(second != nullptr);
    CHECK(second->echoNumber == 2);
    CHECK(findVolume(scan, "1.2.3", 3) == nullptr);
    CHECK(&selectSeries(scan, "dir") == &scan.series[0]);  // one series: its first volume
    CHECK(&selectSeries(scan, "dir", {}, std::nullopt, 2) == &scan.series[2]);
    CHECK_THROWS_WITH(selectSeries(scan, "dir", "1.2.3", std::nullopt, 3),
                      Catch::Contains("has 3 volume(s): --volume takes 0 to 2"));
}
