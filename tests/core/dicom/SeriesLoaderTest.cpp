// End-to-end on small series written with DicomSeriesWriter inside the test: the loaded
// voxels and geometry equal what was written, and damaged copies are reported as such.
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/dicom/DicomError.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/DicomSeriesWriter.h"
#include "core/dicom/SeriesLoader.h"
#include "core/dicom/VoxelSummary.h"
#include "tests/core/TestSupport.h"

using namespace crosscheck;
namespace fs = std::filesystem;

namespace {

constexpr double kPi = 3.14159265358979323846;

// A CT volume 7 x 5 x 6 (odd sizes catch row/column mix-ups) whose every voxel value
// encodes its index, so any misplaced voxel shows.
std::shared_ptr<Volume> makeCt(const Eigen::Matrix4d& indexToPatient,
                               Eigen::Vector3i dims = {7, 5, 6}) {
    auto v = std::make_shared<Volume>(VolumeGeometry(dims, indexToPatient), VoxelType::Int16);
    auto* p = v->voxels<std::int16_t>();
    for (int k = 0; k < dims[2]; ++k)
        for (int j = 0; j < dims[1]; ++j)
            for (int i = 0; i < dims[0]; ++i)
                p[v->offset(i, j, k)] = static_cast<std::int16_t>(-1000 + 100 * k + 10 * j + i);
    return v;
}

Eigen::Matrix4d axial(double step = 2.5) {
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m(0, 0) = 0.8;
    m(1, 1) = 0.6;
    m(2, 2) = step;
    m.block<3, 1>(0, 3) = Eigen::Vector3d(-30.0, -20.0, 40.0);
    return m;
}

DicomSeriesMetadata ctMetadata(const std::string& seriesUid = "1.2.826.0.1.3680043.2.1125.7.1") {
    DicomSeriesMetadata m;
    m.kind = DicomImageKind::CT;
    m.patientName = "TEST^LOADER";
    m.patientId = "L1";
    m.studyInstanceUid = "1.2.826.0.1.3680043.2.1125.7";
    m.seriesInstanceUid = seriesUid;
    m.frameOfReferenceUid = "1.2.826.0.1.3680043.2.1125.7.9";
    m.sopInstanceUidPrefix = seriesUid;
    m.seriesDescription = "test CT";
    m.imageType = "ORIGINAL\\PRIMARY\\AXIAL";
    m.rescaleIntercept = -1024.0;
    return m;
}

}  // namespace

TEST_CASE("a written CT series loads back voxel for voxel with its geometry", "[dicom][loader]") {
    test::TempFolder dir;
    const auto written = makeCt(axial());
    DicomSeriesWriter(ctMetadata()).write(*written, dir.path());
    const ScanResult scan = scanPaths({dir.path()});
    REQUIRE(scan.problems.empty());
    REQUIRE(scan.series.size() == 1);
    const SeriesInfo& info = scan.series[0];
    CHECK(info.role == SeriesRole::CT);
    CHECK(info.warnings.empty());
    CHECK(info.files.size() == 6);
    const LoadedSeries loaded = loadSeries(info);
    REQUIRE(loaded.volume->voxelType() == VoxelType::Int16);
    CHECK(loaded.volume->geometry().dims() == written->geometry().dims());
    CHECK(loaded.volume->geometry().indexToPatient().isApprox(written->geometry().indexToPatient(),
                                                              1e-6));
    CHECK(std::memcmp(loaded.volume->data(), written->data(), written->byteCount()) == 0);
    CHECK(summarizeVoxels(*loaded.volume).sha256 == summarizeVoxels(*written).sha256);
}

TEST_CASE("an MR series keeps its unsigned stored type", "[dicom][loader]") {
    test::TempFolder dir;
    Eigen::Vector3i dims(6, 4, 3);
    auto v = std::make_shared<Volume>(VolumeGeometry(dims, axial(3.0)), VoxelType::UInt16);
    for (std::size_t n = 0; n < v->geometry().voxelCount(); ++n)
        v->voxels<std::uint16_t>()[n] = static_cast<std::uint16_t>(40000 + n);
    DicomSeriesMetadata m = ctMetadata("1.2.826.0.1.3680043.2.1125.7.2");
    m.kind = DicomImageKind::MR;
    m.rescaleIntercept = 0.0;
    m.seriesDescription = "t2_tse_sag";
    DicomSeriesWriter(m).write(*v, dir.path());
    const ScanResult scan = scanPaths({dir.path()});
    REQUIRE(scan.series.size() == 1);
    CHECK(scan.series[0].role == SeriesRole::T2w);
    const LoadedSeries loaded = loadSeries(scan.series[0]);
    REQUIRE(loaded.volume->voxelType() == VoxelType::UInt16);
    CHECK(std::memcmp(loaded.volume->data(), v->data(), v->byteCount()) == 0);
    // Values above 32767 do not fit int16: the contract hashes them as float32.
    CHECK(summarizeVoxels(*loaded.volume).max == 40071.0);
}

TEST_CASE("a copy with a slice removed is reported as a gap and the rest stays in place",
          "[dicom][loader]") {
    test::TempFolder dir;
    const auto written = makeCt(axial());
    DicomSeriesWriter writer(ctMetadata());
    writer.write(*written, dir.path());
    fs::remove(dir.path() / writer.fileName(3));  // slice k = 2
    const ScanResult scan = scanPaths({dir.path()});
    REQUIRE(scan.series.size() == 1);
    const SeriesInfo& info = scan.series[0];
    CHECK(info.hasWarning("gap"));
    CHECK(info.dims[2] == 6);
    const LoadedSeries loaded = loadSeries(info);
    const Volume& v = *loaded.volume;
    CHECK(v.geometry().indexToPatient().isApprox(written->geometry().indexToPatient(), 1e-6));
    CHECK(v.value(3, 2, 1) == written->value(3, 2, 1));
    CHECK(v.value(3, 2, 3) == written->value(3, 2, 3));
    CHECK(v.value(3, 2, 2) == -1024.0);  // the filled slice
}

TEST_CASE("a gantry-tilted copy is reported as tilted and keeps its sheared geometry",
          "[dicom][loader]") {
    test::TempFolder dir;
    Eigen::Matrix4d m = axial(2.0);
    m(1, 2) = 2.0 * std::tan(15.0 * kPi / 180.0);  // each slice moves along y: 15 degrees of tilt
    const auto written = makeCt(m);
    DicomSeriesMetadata meta = ctMetadata();
    meta.extra["GantryDetectorTilt"] = "15";
    DicomSeriesWriter(meta).write(*written, dir.path());
    const ScanResult scan = scanPaths({dir.path()});
    REQUIRE(scan.series.size() == 1);
    CHECK(scan.series[0].hasWarning("tilted"));
    const LoadedSeries loaded = loadSeries(scan.series[0]);
    CHECK(loaded.volume->geometry().isSheared());
    CHECK(loaded.volume->geometry().indexToPatient().isApprox(m, 1e-6));
}

TEST_CASE("a copy with mixed image sizes is split and reported as mixed sizes", "[dicom][loader]") {
    test::TempFolder dir;
    DicomSeriesMetadata meta = ctMetadata();
    DicomSeriesWriter(meta).write(*makeCt(axial()), dir.path());
    meta.fileNamePrefix = "SMALL";
    meta.sopInstanceUidPrefix += ".2";
    Eigen::Matrix4d far = axial();
    far(2, 3) = 200.0;
    DicomSeriesWriter(meta).write(*makeCt(far, {4, 3, 2}), dir.path());
    const ScanResult scan = scanPaths({dir.path()});
    REQUIRE(scan.series.size() == 2);
    for (const SeriesInfo& s : scan.series) {
        CHECK(s.hasWarning("mixed sizes"));
        CHECK_NOTHROW(loadSeries(s));
    }
}

TEST_CASE("a truncated slice makes the load fail naming that file", "[dicom][loader]") {
    test::TempFolder dir;
    DicomSeriesWriter writer(ctMetadata());
    writer.write(*makeCt(axial()), dir.path());
    const ScanResult scan = scanPaths({dir.path()});
    REQUIRE(scan.series.size() == 1);
    const fs::path victim = dir.path() / writer.fileName(4);
    fs::resize_file(victim, fs::file_size(victim) - 20);
    try {
        loadSeries(scan.series[0]);
        FAIL("a truncated file loaded");
    } catch (const DicomError& e) {
        CHECK(e.file() == victim.string());
        CHECK_FALSE(e.reason().empty());
    }
}

TEST_CASE("absurd dimensions are refused before any allocation", "[dicom][loader]") {
    SeriesInfo s;
    s.seriesInstanceUid = "1.2.3";
    s.dims = Eigen::Vector3i(65535, 65535, 4000);
    s.slices.resize(4000);
    s.voxelType = VoxelType::Int16;
    try {
        loadSeries(s);
        FAIL("an absurd volume was accepted");
    } catch (const DicomError& e) {
        CHECK(std::string(e.what()).find("exceeds the limit") != std::string::npos);
    }
}

TEST_CASE("a set cancel flag stops loading with Cancelled", "[dicom][loader]") {
    test::TempFolder dir;
    DicomSeriesWriter(ctMetadata()).write(*makeCt(axial()), dir.path());
    const ScanResult scan = scanPaths({dir.path()});
    REQUIRE(scan.series.size() == 1);
    std::atomic<bool> cancel{true};
    Progress progress;
    progress.cancel = &cancel;
    CHECK_THROWS_AS(loadSeries(scan.series[0], progress), Cancelled);
    CHECK_THROWS_AS(scanPaths({dir.path()}, progress), Cancelled);
}

TEST_CASE("copies re-encoded by DCMTK's tools decode to the same voxels",
          "[dicom][loader][codecs]") {
    if (std::system("command -v dcmcjpls > /dev/null 2>&1") != 0) {
        WARN("dcmtk tools are not installed: re-encoding check skipped");
        return;
    }
    test::TempFolder dir;
    const auto written = makeCt(axial());
    DicomSeriesWriter writer(ctMetadata());
    writer.write(*written, dir.path() / "raw");
    const std::string reference = summarizeVoxels(*written).sha256;
    // JPEG lossless SV1, JPEG-LS lossless, RLE, big endian, deflated, implicit little endian.
    const std::vector<std::pair<std::string, std::string>> encoders = {
        {"jpeg", "dcmcjpeg +e1"},     {"jpegls", "dcmcjpls"},      {"rle", "dcmcrle"},
        {"bigendian", "dcmconv +tb"}, {"deflated", "dcmconv +td"}, {"implicit", "dcmconv +ti"}};
    for (const auto& [name, tool] : encoders) {
        INFO(name);
        fs::create_directories(dir.path() / name);
        for (int n = 1; n <= written->geometry().dims()[2]; ++n) {
            const std::string command =
                tool + " '" + (dir.path() / "raw" / writer.fileName(n)).string() + "' '" +
                (dir.path() / name / writer.fileName(n)).string() + "' > /dev/null 2>&1";
            REQUIRE(std::system(command.c_str()) == 0);
        }
        const ScanResult scan = scanPaths({dir.path() / name});
        REQUIRE(scan.series.size() == 1);
        const LoadedSeries loaded = loadSeries(scan.series[0]);
        CHECK(summarizeVoxels(*loaded.volume).sha256 == reference);
        CHECK(loaded.volume->geometry().indexToPatient().isApprox(
            written->geometry().indexToPatient(), 1e-6));
    }
}
