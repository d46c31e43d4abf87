// Progressive loading: the fill decodes the slices nearest each series' focus first,
// follows a focus that moves while it runs, gives the same voxels as a plain load, and a
// series that fails stops alone.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <vector>

#include "core/dicom/DicomError.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/DicomSeriesWriter.h"
#include "core/dicom/SeriesFiller.h"
#include "core/dicom/SeriesLoader.h"
#include "core/util/ParallelFor.h"
#include "tests/core/TestSupport.h"

using namespace crosscheck;
namespace fs = std::filesystem;

namespace {

// A CT of `slices` slices, 16 x 12, each voxel's value its slice index.
std::shared_ptr<Volume> makeCt(int slices) {
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m(2, 2) = 2.0;
    auto v = std::make_shared<Volume>(VolumeGeometry({16, 12, slices}, m), VoxelType::Int16);
    auto* p = v->voxels<std::int16_t>();
    for (int k = 0; k < slices; ++k)
        for (int j = 0; j < 12; ++j)
            for (int i = 0; i < 16; ++i)
                p[v->offset(i, j, k)] = static_cast<std::int16_t>(k);
    return v;
}

DicomSeriesMetadata ctMetadata(const std::string& uid) {
    DicomSeriesMetadata m;
    m.kind = DicomImageKind::CT;
    m.patientName = "TEST^FILLER";
    m.patientId = "F1";
    m.studyInstanceUid = "1.2.826.0.1.3680043.2.1125.8";
    m.seriesInstanceUid = uid;
    m.frameOfReferenceUid = "1.2.826.0.1.3680043.2.1125.8.9";
    m.sopInstanceUidPrefix = uid;
    m.seriesDescription = "filler CT";
    m.imageType = "ORIGINAL\\PRIMARY\\AXIAL";
    m.rescaleIntercept = -1024.0;
    return m;
}

SeriesInfo writeAndScan(const fs::path& dir, const std::string& uid, int slices) {
    DicomSeriesWriter(ctMetadata(uid)).write(*makeCt(slices), dir);
    const ScanResult scan = scanPaths({dir});
    REQUIRE(scan.series.size() == 1);
    return scan.series[0];
}

// The order in which slices became ready, per target.
struct ReadyLog {
    std::mutex mutex;
    std::vector<std::pair<std::size_t, int>> order;
    void add(std::size_t target, int slice) {
        std::lock_guard<std::mutex> lock(mutex);
        order.emplace_back(target, slice);
    }
};

}  // namespace

TEST_CASE("a fill gives the voxels of a plain load, the background before",
          "[dicom][loader][progressive]") {
    test::TempFolder dir;
    const SeriesInfo info = writeAndScan(dir.path(), "1.2.826.0.1.3680043.2.1125.8.1", 40);
    auto volume = allocateSeriesVolume(info, true);
    // Before the fill, every slice holds the background (air for CT), not stale memory.
    CHECK(volume->value(3, 3, 25) == -1024.0);
    SeriesFiller filler({{info, volume}});
    filler.setFocus(0, 25);
    CHECK_FALSE(filler.isDecoded(0, 25));
    ReadyLog log;
    const auto outcomes = filler.run({}, [&](std::size_t t, int k) { log.add(t, k); });
    REQUIRE(outcomes.size() == 1);
    CHECK_FALSE(outcomes[0].error);
    CHECK(log.order.size() == 40);
    CHECK(filler.isDecoded(0, 25));
    CHECK(filler.isDecoded(0, 0));
    const LoadedSeries plain = loadSeries(info);
    CHECK(std::memcmp(plain.volume->data(), volume->data(), volume->byteCount()) == 0);
    CHECK(volume->value(3, 3, 25) == 25.0);  // the HU written
}

TEST_CASE("the slices nearest the focus are decoded first, outwards",
          "[dicom][loader][progressive]") {
    test::TempFolder dir;
    const SeriesInfo info = writeAndScan(dir.path(), "1.2.826.0.1.3680043.2.1125.8.2", 40);
    SeriesFiller filler({{info, allocateSeriesVolume(info)}});
    filler.setFocus(0, 25);
    ReadyLog log;
    filler.run(
        {}, [&](std::size_t t, int k) { log.add(t, k); }, 1);
    REQUIRE(log.order.size() == 40);
    // One thread takes slices in order of distance: 25, then 24 and 26, then 23 and 27, ...
    // until the stack's end at 39 (distance 14, the 29th slice); then 10, 9, ... 0.
    for (int n = 0; n < 29; ++n) {
        CHECK(std::abs(log.order[static_cast<std::size_t>(n)].second - 25) == (n + 1) / 2);
    }
    for (int n = 29; n < 40; ++n) {
        CHECK(log.order[static_cast<std::size_t>(n)].second == 39 - n);
    }
}

TEST_CASE("a focus moved during the fill is followed from the next slice",
          "[dicom][loader][progressive]") {
    test::TempFolder dir;
    const SeriesInfo info = writeAndScan(dir.path(), "1.2.826.0.1.3680043.2.1125.8.6", 30);
    SeriesFiller filler({{info, allocateSeriesVolume(info)}});
    ReadyLog log;
    filler.run(
        {},
        [&](std::size_t t, int k) {
            log.add(t, k);
            if (log.order.size() == 3) {
                filler.setFocus(0, 29);  // the user scrolled to the other end
            }
        },
        1);
    REQUIRE(log.order.size() == 30);
    CHECK(log.order[0].second == 0);
    CHECK(log.order[2].second == 2);
    for (int n = 3; n < 30; ++n) {
        CHECK(log.order[static_cast<std::size_t>(n)].second == 32 - n);  // 29, 28, ..., 3
    }
}

TEST_CASE("two series are filled side by side, each from its own focus",
          "[dicom][loader][progressive]") {
    test::TempFolder a;
    test::TempFolder b;
    const SeriesInfo first = writeAndScan(a.path(), "1.2.826.0.1.3680043.2.1125.8.7", 10);
    const SeriesInfo second = writeAndScan(b.path(), "1.2.826.0.1.3680043.2.1125.8.8", 10);
    SeriesFiller filler(
        {{first, allocateSeriesVolume(first)}, {second, allocateSeriesVolume(second)}});
    filler.setFocus(0, 7);
    filler.setFocus(1, 2);
    ReadyLog log;
    filler.run(
        {}, [&](std::size_t t, int k) { log.add(t, k); }, 1);
    REQUIRE(log.order.size() == 20);
    // Each pane's slice before any other slice of either series.
    CHECK(log.order[0] == std::make_pair(std::size_t{0}, 7));
    CHECK(log.order[1] == std::make_pair(std::size_t{1}, 2));
}

TEST_CASE("a series whose file is truncated during the fill fails alone with the file named",
          "[dicom][loader][progressive]") {
    test::TempFolder good;
    test::TempFolder bad;
    const SeriesInfo goodInfo = writeAndScan(good.path(), "1.2.826.0.1.3680043.2.1125.8.3", 8);
    const SeriesInfo badInfo = writeAndScan(bad.path(), "1.2.826.0.1.3680043.2.1125.8.4", 8);
    const std::string victim = badInfo.slices[4].file;
    fs::resize_file(victim, fs::file_size(victim) / 2);
    SeriesFiller filler(
        {{goodInfo, allocateSeriesVolume(goodInfo)}, {badInfo, allocateSeriesVolume(badInfo)}});
    const auto outcomes = filler.run();
    REQUIRE(outcomes.size() == 2);
    CHECK_FALSE(outcomes[0].error);
    REQUIRE(outcomes[1].error);
    try {
        std::rethrow_exception(outcomes[1].error);
    } catch (const DicomError& e) {
        CHECK(e.file() == victim);
    }
    CHECK(filler.isDecoded(0, 7));
}

TEST_CASE("a cancelled fill throws Cancelled", "[dicom][loader][progressive]") {
    test::TempFolder dir;
    const SeriesInfo info = writeAndScan(dir.path(), "1.2.826.0.1.3680043.2.1125.8.5", 20);
    SeriesFiller filler({{info, allocateSeriesVolume(info)}});
    std::atomic<bool> cancel{true};
    Progress progress;
    progress.cancel = &cancel;
    CHECK_THROWS_AS(filler.run(progress), Cancelled);
}
