// Inputs the libFuzzer target (tests/fuzz) found to crash the reader, kept as regressions:
// each must now be refused with a DicomError or a scan problem naming the file.

#include <catch2/catch.hpp>
#include <string>

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

TEST_CASE("DICOMDIRs whose records made DCMTK throw and leak are read without DCMTK",
          "[dicom][fuzz]") {
    // DCMTK 3.6.7 reads DirectoryRecordSequence items as DcmDirectoryRecords; on these two
    // fuzzed DICOMDIRs DcmByteString::verify throws std::out_of_range inside
    // DcmDirectoryRecord::read and the records read so far leak (84 KiB, the fuzzer's
    // finding). DicomFile stops DCMTK before the sequence and readDicomDirReferences walks
    // the records: the files they name are listed (here missing), nothing throws.
    for (const char* name :
         {"fuzz-dcmtk-throws-on-directory-record.dcm", "fuzz-dicomdir-leak.bin"}) {
        const std::string file =
            std::string(CROSSCHECK_SOURCE_DIR "/tests/core/dicom/data/") + name;
        INFO(file);
        ScanResult scan;
        REQUIRE_NOTHROW(scan = scanPaths({file}));
        CHECK(scan.series.empty());
        REQUIRE(scan.problems.size() > 10);
        for (const ScanProblem& p : scan.problems) {
            CHECK(p.reason == "referenced by " + file + " but missing");
        }
    }
}

TEST_CASE("an element claiming more bytes than the file holds is refused, naming the file",
          "[dicom][fuzz]") {
    // A fuzzed file of 7 KiB whose element declares a length over a GiB: DCMTK allocates
    // the declared length before it finds the stream short. Harmless in a normal build
    // (the pages are never touched), but under ASan the allocation was filled and took
    // 20 s, a libFuzzer time-out; tests/fuzz/run.sh caps single allocations at 1 GiB.
    const std::string file =
        CROSSCHECK_SOURCE_DIR "/tests/core/dicom/data/fuzz-huge-element-length.bin";
    const ScanResult scan = scanPaths({file});
    CHECK(scan.series.empty());
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].file == file);
    CHECK(scan.problems[0].reason.find("not readable as DICOM") != std::string::npos);
}

TEST_CASE("directory records pulled into the meta header by its group length never reach DCMTK",
          "[dicom][fuzz]") {
    // A fuzzed DICOMDIR whose (0002,0000) group length is 0x400C8 instead of 0xC8: DCMTK
    // reads the whole file as meta header, so its DirectoryRecordSequence was read there
    // (not stopped by loadFileUntilTag), a malformed record type threw in
    // DcmByteString::verify and DcmItem::readSubElement leaked the sequence with its
    // records (LeakSanitizer, 84 objects). Files with directory records are now found by a
    // byte search and never given to DCMTK: the records are walked by DicomDirReader.
    const std::string file =
        CROSSCHECK_SOURCE_DIR "/tests/core/dicom/data/fuzz-directory-records-in-meta-header.bin";
    ScanResult scan;
    REQUIRE_NOTHROW(scan = scanPaths({file}));
    CHECK(scan.series.empty());
    REQUIRE(scan.problems.size() > 10);
    for (const ScanProblem& p : scan.problems) {
        CHECK(p.reason == "referenced by " + file + " but missing");
    }
}
