#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace crosscheck::cli {

/// Options of `cohort run --slurm`, passed to sbatch as given (empty: sbatch's default).
struct SlurmOptions {
    std::string partition;
    std::string time;
    std::string mem;
    bool noWait = false;
};

/// What a Slurm cohort run did: the job, and the patients' ends once it finished.
struct SlurmRun {
    std::string jobId;
    int submitted = 0;
    int done = 0;
    int failed = 0;
    /// Studies whose task ended without a result file (killed, out of time): rerun them.
    std::vector<std::string> missing;
};

/// Submits one Slurm job array (sbatch) whose task i runs `crosscheck-cli cohort run-one
/// STUDY_i --out DIR` with this very executable; the study list, the task script and each
/// task's log go to DIR/slurm/. Unless noWait, polls `squeue -h -j ID` every second until
/// the job has left the queue and reads the result files. Compute nodes must see the same
/// paths (a shared file system). Throws std::runtime_error naming the command and its
/// output when sbatch or squeue fails.
SlurmRun runOnSlurm(const std::vector<std::filesystem::path>& studies,
                    const std::filesystem::path& outDir, const SlurmOptions& options);

}  // namespace crosscheck::cli
