#pragma once

#include <vector>

#include "core/dicom/DicomScanner.h"
#include "core/model/Study.h"

namespace crosscheck::cli {

/// Prints what a study load had to skip on stderr: a warning per file that could not be
/// used, and one note for the files that are simply not DICOM (a ground_truth.json, a
/// README), which are expected in study folders.
void printStudyProblems(const std::vector<ScanProblem>& problems);
/// The same for a loaded study, plus a warning for each volume of a multi-volume series
/// that is not measured (only volume 0 is) and a note for each colour picture (shown in
/// the viewer, never measured).
void printStudyProblems(const Study& study);

}  // namespace crosscheck::cli
