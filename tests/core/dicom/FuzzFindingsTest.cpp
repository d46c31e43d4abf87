// Inputs the libFuzzer target (tests/fuzz) found to crash the reader, kept as regressions:
// each must now be refused with a DicomError or a scan problem naming the file.
#include <sys/wait.h>
#include <unistd.h>

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

TEST_CASE("a directory record on which DCMTK throws is a scan problem, not a crash",
          "[dicom][fuzz]") {
    // DCMTK 3.6.7 throws from inside DcmDirectoryRecord::read on this file and leaks the
    // records it had read (not exception safe). The scan runs in a child process that ends
    // with _exit, so that leak, which is DCMTK's, does not fail the LeakSanitizer build.
    const std::string file =
        CROSSCHECK_SOURCE_DIR "/tests/core/dicom/data/fuzz-dcmtk-throws-on-directory-record.dcm";
    int channel[2];
    REQUIRE(pipe(channel) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(channel[0]);
        std::string answer = "threw";
        try {
            const ScanResult scan = scanPaths({file});
            answer =
                std::to_string(scan.series.size()) + "|" + std::to_string(scan.problems.size()) +
                "|" +
                (scan.problems.empty() ? ""
                                       : scan.problems[0].file + "|" + scan.problems[0].reason);
        } catch (...) {
        }
        const ssize_t written = write(channel[1], answer.data(), answer.size());
        _exit(written == static_cast<ssize_t>(answer.size()) ? 0 : 1);
    }
    close(channel[1]);
    std::string answer;
    char buffer[512];
    for (ssize_t n; (n = read(channel[0], buffer, sizeof(buffer))) > 0;) {
        answer.append(buffer, static_cast<std::size_t>(n));
    }
    close(channel[0]);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));  // not killed by a signal: no crash
    CHECK(WEXITSTATUS(status) == 0);
    INFO(answer);
    CHECK(answer.rfind("0|1|" + file + "|", 0) == 0);
    CHECK(answer.find("corrupt DICOM data") != std::string::npos);
}
