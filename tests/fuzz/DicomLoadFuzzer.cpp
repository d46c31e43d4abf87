// libFuzzer target for the DICOM reader: any byte string is written to a file, scanned and,
// when it yields a series, loaded. Only DicomError (a named refusal) or Cancelled may come
// out; a crash, sanitizer report, leak or other exception is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/dicom/DicomError.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/PictureLoader.h"
#include "core/dicom/SeriesLoader.h"

namespace {

const std::string& scratchFile() {
    static const std::string path = [] {
        const char* dir = std::getenv("TMPDIR");
        return std::string(dir != nullptr ? dir : "/tmp") + "/crosscheck-fuzz-" +
               std::to_string(getpid()) + ".dcm";
    }();
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string& path = scratchFile();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
        std::abort();
    }
    if (size > 0 && std::fwrite(data, 1, size, f) != size) {
        std::abort();
    }
    std::fclose(f);
    const crosscheck::ScanResult scan = crosscheck::scanPaths({std::filesystem::path(path)});
    for (const crosscheck::SeriesInfo& series : scan.series) {
        try {
            if (series.isColour()) {
                const crosscheck::LoadedPicture picture = crosscheck::loadPicture(series);
                (void)picture;
            } else {
                const crosscheck::LoadedSeries loaded = crosscheck::loadSeries(series);
                (void)loaded;
            }
        } catch (const crosscheck::DicomError&) {
            // A named refusal is the expected outcome for most inputs.
        }
    }
    return 0;
}
