#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "core/cohort/PatientResult.h"
#include "core/util/Progress.h"

namespace crosscheck {

/// The study folders of a run that have no result file in outDir yet (a rerun resumes);
/// `skipped` (optional) receives how many had one.
std::vector<std::filesystem::path> pendingStudies(const std::vector<std::filesystem::path>& folders,
                                                  const std::filesystem::path& outDir,
                                                  int* skipped = nullptr);

/// What a local run did.
struct CohortRunCounts {
    int done = 0;
    int failed = 0;
    bool cancelled = false;  ///< stopped before every study was measured
};

/// Measures the studies on this machine, `jobs` at a time (at least 1; 0 means the
/// machine's cores), writing each patient's result file atomically as soon as it is
/// measured (writePatientResult), so a run stopped at any moment resumes with
/// pendingStudies. The same per-patient work as a Slurm task (runPatient).
///
/// `onPatient` (optional) is called after each result file is written, from the worker
/// thread that measured it, one call at a time, with how many of `studies` have ended.
/// `progress` reports the fraction of studies ended; its cancel flag is checked between
/// patients: a patient being measured finishes and is written, no new one starts (a
/// patient takes seconds, and a result half measured would be lost anyway). A failure to
/// write a result file is rethrown after the workers have stopped.
CohortRunCounts runCohortLocally(
    const std::vector<std::filesystem::path>& studies, const std::filesystem::path& outDir,
    int jobs, const Progress& progress = {},
    const std::function<void(const PatientResult& result, int ended, int total)>& onPatient = {});

}  // namespace crosscheck
