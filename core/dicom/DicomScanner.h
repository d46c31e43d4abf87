#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/dicom/SeriesInfo.h"
#include "core/util/Progress.h"

namespace crosscheck {

/// A file a scan could not use, and why ("not a DICOM file", "colour image ...", ...).
struct ScanProblem {
    std::string file;
    std::string reason;
};

/// How every problem's reason starts when the file is simply not DICOM (a README, a JSON
/// file beside the images): worth a note, not a warning.
inline constexpr const char* kNotDicomReason = "not a DICOM file";
inline bool isNotDicom(const ScanProblem& problem) {
    return problem.reason.rfind(kNotDicomReason, 0) == 0;
}

/// What a scan found: the series (one per volume) and every file it had to skip.
struct ScanResult {
    std::vector<SeriesInfo> series;
    std::vector<ScanProblem> problems;
};

/// Indexes folders (recursively), DICOMDIR files and single files. Only headers are read
/// (pixel data stays on disk), on all cores. Files that are not DICOM, not images, or
/// cannot be decoded here are listed in `problems` with the reason, and the scan goes on.
/// A DICOMDIR given directly contributes the files it references; met during a folder walk
/// it is skipped, since the walk finds its files anyway. Progress reports the fraction of
/// files read; setting progress.cancel makes it throw Cancelled.
ScanResult scanPaths(const std::vector<std::filesystem::path>& paths,
                     const Progress& progress = {});

}  // namespace crosscheck
