#pragma once

#include <vector>

#include "core/dicom/DicomScanner.h"

namespace crosscheck::cli {

/// Prints what a study load had to skip on stderr: a warning per file that could not be
/// used, and one note for the files that are simply not DICOM (a ground_truth.json, a
/// README), which are expected in study folders.
void printStudyProblems(const std::vector<ScanProblem>& problems);

}  // namespace crosscheck::cli
