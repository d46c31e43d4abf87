// The real files Debian's python3-pydicom ships: every one loads or is refused with a
// named reason, compressed twins decode to the same pixels, and known values agree with
// pydicom (values computed with /usr/bin/python3 + pydicom 2.3.1, noted next to each).
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>

#include "core/dicom/DicomError.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "core/dicom/VoxelSummary.h"

using namespace crosscheck;
namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

LoadedSeries loadFile(const fs::path& file) {
    const ScanResult scan = scanPaths({file});
    if (scan.series.size() != 1) {
        FAIL(file.string() + ": expected one series, found " + std::to_string(scan.series.size()) +
             (scan.problems.empty() ? "" : " (" + scan.problems.front().reason + ")"));
    }
    return loadSeries(scan.series.front());
}

}  // namespace

TEST_CASE("every pydicom test file either loads or is refused with a named reason",
          "[dicom][corpus]") {
    REQUIRE(fs::is_directory(kCorpus));
    int files = 0, loaded = 0, refused = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        ++files;
        const std::string name = entry.path().string();
        ScanResult scan;
        REQUIRE_NOTHROW(scan = scanPaths({entry.path()}));
        for (const ScanProblem& p : scan.problems) {
            INFO(name);
            CHECK_FALSE(p.reason.empty());
            ++refused;
        }
        for (const SeriesInfo& s : scan.series) {
            try {
                const LoadedSeries l = loadSeries(s);
                CHECK(l.volume->geometry().voxelCount() > 0);
                ++loaded;
            } catch (const DicomError& e) {
                INFO(name << ": " << e.what());
                CHECK_FALSE(e.reason().empty());
                ++refused;
            }
        }
    }
    // 165 files in python3-pydicom 2.3.1; 53 of them are grey images DCMTK/OpenJPEG decode.
    CHECK(files >= 150);
    CHECK(loaded >= 50);
    CHECK(loaded + refused >= files);
}

TEST_CASE("compressed and re-encoded variants of MR_small decode to the pixels of the original",
          "[dicom][corpus]") {
    const LoadedSeries reference = loadFile(kCorpus / "MR_small.dcm");
    // pydicom: pixel_array of MR_small.dcm as int16 little-endian.
    CHECK(summarizeVoxels(*reference.volume).sha256 ==
          "88617aaa46138fb1b6e2a951e762d962382354d69f47f8c04d4abff2f6a6a63e");
    for (const char* variant :
         {"MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm",
          "MR_small_bigendian.dcm", "MR_small_expb.dcm", "MR_small_implicit.dcm",
          "MR_small_padded.dcm"}) {
        INFO(variant);
        const LoadedSeries l = loadFile(kCorpus / variant);
        REQUIRE(l.volume->byteCount() == reference.volume->byteCount());
        CHECK(std::memcmp(l.volume->data(), reference.volume->data(),
                          reference.volume->byteCount()) == 0);
        CHECK(l.volume->geometry().indexToPatient().isApprox(
            reference.volume->geometry().indexToPatient()));
    }
}

TEST_CASE("JPEG extended and JPEG lossy copies of one image decode alike", "[dicom][corpus]") {
    const LoadedSeries a = loadFile(kCorpus / "JPGExtended.dcm");
    const LoadedSeries b = loadFile(kCorpus / "JPEG-lossy.dcm");
    CHECK(summarizeVoxels(*a.volume).sha256 == summarizeVoxels(*b.volume).sha256);
}

TEST_CASE("CT_small has pydicom's geometry and pixel values", "[dicom][corpus]") {
    const LoadedSeries ct = loadFile(kCorpus / "CT_small.dcm");
    const Volume& v = *ct.volume;
    CHECK(ct.info.role == SeriesRole::CT);
    CHECK(v.voxelType() == VoxelType::Int16);
    CHECK(v.geometry().dims() == Eigen::Vector3i(128, 128, 1));
    // PixelSpacing 0.661468\0.661468, IPP -158.135803\-179.035797\-75.699997, IOP axial.
    const Eigen::Matrix4d m = v.geometry().indexToPatient();
    CHECK(m(0, 0) == Approx(0.661468));
    CHECK(m(1, 1) == Approx(0.661468));
    CHECK(m(0, 3) == Approx(-158.135803));
    CHECK(m(1, 3) == Approx(-179.035797));
    CHECK(m(2, 3) == Approx(-75.699997));
    // pydicom: pixel_array[50, 60] = 1064, rescale -1024 -> 40 HU (row 50, column 60).
    CHECK(v.value(60, 50, 0) == 40.0);
    const VoxelSummary s = summarizeVoxels(v);
    CHECK(s.min == -896.0);
    CHECK(s.max == 1167.0);
    CHECK(s.mean == Approx(-119.0738525390625));
    CHECK(s.sha256 == "743dc0a86c09496177526f2a903e7d18016eacfee47afabd89b198224c8f8e5d");
}

TEST_CASE("32-bit RT dose in big endian equals its little-endian twin", "[dicom][corpus]") {
    const LoadedSeries little = loadFile(kCorpus / "rtdose.dcm");
    const LoadedSeries big = loadFile(kCorpus / "rtdose_expb.dcm");
    const LoadedSeries rle = loadFile(kCorpus / "rtdose_rle.dcm");
    // pydicom: 15 frames of 10 x 10, values 795000 .. 1254000.
    CHECK(little.volume->geometry().dims() == Eigen::Vector3i(10, 10, 15));
    const VoxelSummary s = summarizeVoxels(*little.volume);
    CHECK(s.min == 795000.0);
    CHECK(s.max == 1254000.0);
    CHECK(summarizeVoxels(*big.volume).sha256 == s.sha256);
    CHECK(summarizeVoxels(*rle.volume).sha256 == s.sha256);
}

TEST_CASE("a truncated file is refused naming the file and the reason, and the scan goes on",
          "[dicom][corpus]") {
    const ScanResult scan = scanPaths({kCorpus / "MR_truncated.dcm", kCorpus / "CT_small.dcm"});
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].file.find("MR_truncated.dcm") != std::string::npos);
    CHECK(scan.problems[0].reason.find("premature end") != std::string::npos);
    CHECK(scan.series.size() == 1);
}

TEST_CASE("32-bit colour and non-image objects are refused with the reason", "[dicom][corpus]") {
    const ScanResult scan = scanPaths({kCorpus / "SC_rgb_rle_32bit.dcm", kCorpus / "rtplan.dcm"});
    REQUIRE(scan.problems.size() == 2);
    CHECK(scan.series.empty());
    CHECK(scan.problems[0].reason.find("colour image with BitsAllocated 32") != std::string::npos);
    CHECK(scan.problems[1].reason.find("no Pixel Data") != std::string::npos);
}

TEST_CASE("a DICOMDIR given by name indexes the files it lists", "[dicom][corpus]") {
    const fs::path dicomdir = kCorpus / "dicomdirtests" / "DICOMDIR";
    const ScanResult viaIndex = scanPaths({dicomdir});
    const ScanResult viaFolders =
        scanPaths({kCorpus / "dicomdirtests" / "77654033", kCorpus / "dicomdirtests" / "98892001",
                   kCorpus / "dicomdirtests" / "98892003"});
    CHECK(viaIndex.series.size() == viaFolders.series.size());
    CHECK(viaIndex.series.size() >= 3);
    std::size_t filesIndex = 0, filesFolders = 0;
    for (const auto& s : viaIndex.series)
        filesIndex += s.files.size();
    for (const auto& s : viaFolders.series)
        filesFolders += s.files.size();
    CHECK(filesIndex == filesFolders);
}
