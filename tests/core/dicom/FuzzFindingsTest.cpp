// Inputs the libFuzzer target (tests/fuzz) found to crash the reader, kept as regressions:
// each must now be refused with a DicomError or a scan problem naming the file.
#include <catch2/catch.hpp>

#include "core/dicom/DicomError.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"

using namespace crosscheck;

TEST_CASE("an RLE frame with segment offsets past its end is refused, not decoded by DCMTK",
          "[dicom][fuzz]") {
    const std::string file =
        CROSSCHECK_SOURCE_DIR "/tests/core/dicom/data/fuzz-rle-bad-segment-offsets.dcm";
    const ScanResult scan = scanPaths({file});
    REQUIRE(scan.series.size() == 1);
    try {
        loadSeries(scan.series[0]);
        FAIL("the corrupt RLE file loaded");
    } catch (const DicomError& e) {
        CHECK(e.file() == file);
        CHECK(e.reason().find("RLE") != std::string::npos);
    }
}

TEST_CASE("a directory record on which DCMTK throws is a scan problem, not a crash",
          "[dicom][fuzz]") {
    const std::string file =
        CROSSCHECK_SOURCE_DIR "/tests/core/dicom/data/fuzz-dcmtk-throws-on-directory-record.dcm";
    ScanResult scan;
    REQUIRE_NOTHROW(scan = scanPaths({file}));
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].file == file);
    CHECK(scan.problems[0].reason.find("corrupt DICOM data") != std::string::npos);
}
