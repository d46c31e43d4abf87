// The byte search that keeps files with directory records away from DCMTK
// (core/dicom/internal/DirectoryRecordScan.h): an image whose pixel values happen to spell
// the DirectoryRecordSequence tag still loads, the same tag followed by an item is a
// directory and is never given to DCMTK.
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"

using namespace crosscheck;
namespace fs = std::filesystem;

namespace {

const fs::path kCtSmall = "/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm";

// CT_small.dcm (128 x 128, 16 bits, pixel data last) with `bytes` written 200 bytes
// before its end, that is into the pixel values.
fs::path patchedCopy(const std::string& name, const std::vector<std::uint8_t>& bytes) {
    const fs::path dir = fs::temp_directory_path() / "crosscheck-directory-record-scan";
    fs::create_directories(dir);
    const fs::path out = dir / name;
    fs::copy_file(kCtSmall, out, fs::copy_options::overwrite_existing);
    const auto size = static_cast<std::streamoff>(fs::file_size(out));
    std::fstream f(out, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(size - 200);
    f.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
    return out;
}

}  // namespace

TEST_CASE("pixel values that spell the DirectoryRecordSequence tag do not stop an image loading",
          "[dicom][fuzz]") {
    // The tag (0004,1220) in little-endian bytes, an explicit SQ header, but no item after it.
    const fs::path file = patchedCopy(
        "tag-in-pixels.dcm",
        {0x04, 0x00, 0x20, 0x12, 'S', 'Q', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x02, 0x03, 0x04});
    const ScanResult scan = scanPaths({file});
    REQUIRE(scan.problems.empty());
    REQUIRE(scan.series.size() == 1);
    const LoadedSeries loaded = loadSeries(scan.series.front());
    CHECK(loaded.volume->geometry().dims() == Eigen::Vector3i(128, 128, 1));
}

TEST_CASE("a directory record sequence anywhere in a file makes it a directory, kept from DCMTK",
          "[dicom][fuzz]") {
    // The same bytes followed by an item tag (FFFE,E000): DCMTK would read the item as a
    // DcmDirectoryRecord. An image does not hold one; the file is taken for a DICOMDIR
    // whose records list no file.
    for (const bool bigEndian : {false, true}) {
        const std::vector<std::uint8_t> bytes =
            bigEndian ? std::vector<std::uint8_t>{0x00, 0x04, 0x12, 0x20, 0xFF, 0xFF, 0xFF, 0xFF,
                                                  0xFF, 0xFE, 0xE0, 0x00, 0xFF, 0xFF, 0xFF, 0xFF}
                      : std::vector<std::uint8_t>{0x04, 0x00, 0x20, 0x12, 'S',  'Q',  0,    0,
                                                  0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0x00, 0xE0};
        const fs::path file = patchedCopy(bigEndian ? "records-be.dcm" : "records-le.dcm", bytes);
        INFO(file.string());
        const ScanResult scan = scanPaths({file});
        CHECK(scan.series.empty());
        REQUIRE(scan.problems.size() == 1);
        CHECK(scan.problems[0].file == file.string());
        CHECK(scan.problems[0].reason.find("DICOMDIR") != std::string::npos);
        // In a folder (not named DICOMDIR) it is skipped as an index, with that reason.
        const ScanResult folder = scanPaths({file.parent_path()});
        bool named = false;
        for (const ScanProblem& p : folder.problems) {
            named = named || (p.file == file.string() && p.reason.rfind("a DICOMDIR", 0) == 0);
        }
        CHECK(named);
    }
}

TEST_CASE("directory records in a deflated dataset are found and kept from DCMTK too",
          "[dicom][fuzz]") {
    // pydicom's dicomdirtests/DICOMDIR written again with the Deflated Explicit VR Little
    // Endian transfer syntax: the tag is not in the file's bytes, only in the inflated
    // dataset. DCMTK would inflate and read the records; the file is refused instead
    // (DicomDirReader reads only the plain encoding a DICOMDIR must have, PS3.10 7.2).
    const std::string file = CROSSCHECK_SOURCE_DIR "/tests/core/dicom/data/deflated-dicomdir.dcm";
    const ScanResult scan = scanPaths({file});
    CHECK(scan.series.empty());
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].file == file);
    CHECK(scan.problems[0].reason.rfind("DICOMDIR not readable", 0) == 0);
}
