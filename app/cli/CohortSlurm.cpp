#include "app/cli/CohortSlurm.h"

#include <unistd.h>

#include <sys/wait.h>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <stdexcept>
#include <thread>

#include "core/cohort/DatabaseStudies.h"
#include "core/cohort/PatientResult.h"
#include "core/cohort/PatientWork.h"
#include "core/session/AtomicFile.h"

namespace crosscheck::cli {

namespace fs = std::filesystem;

namespace {

/// One word for /bin/sh, whatever it holds.
std::string shellQuoted(const std::string& s) {
    std::string quoted = "'";
    for (char c : s) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

struct CommandOutput {
    int status = 0;
    std::string text;  ///< stdout and stderr
};

CommandOutput runCommand(const std::vector<std::string>& words) {
    std::string line;
    for (const std::string& w : words) {
        line += (line.empty() ? "" : " ") + shellQuoted(w);
    }
    line += " 2>&1";
    FILE* pipe = ::popen(line.c_str(), "r");
    if (!pipe) {
        throw std::runtime_error("cannot run " + words.front());
    }
    CommandOutput out;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe)) {
        out.text += buffer.data();
    }
    const int status = ::pclose(pipe);
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    return out;
}

std::string trimmed(const std::string& s) {
    const auto begin = s.find_first_not_of(" \t\r\n");
    const auto end = s.find_last_not_of(" \t\r\n");
    return begin == std::string::npos ? std::string() : s.substr(begin, end - begin + 1);
}

/// A name for this submission's files: UTC time and process id.
std::string submissionStamp() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &utc);
    return std::string(text) + "-" + std::to_string(::getpid());
}

std::string submit(const std::vector<fs::path>& studies, const fs::path& outDir,
                   const SlurmOptions& options) {
    const fs::path slurmDir = fs::absolute(outDir) / "slurm";
    fs::create_directories(slurmDir);
    const std::string stamp = submissionStamp();
    const fs::path list = slurmDir / ("studies-" + stamp + ".txt");
    const fs::path script = slurmDir / ("task-" + stamp + ".sh");
    std::string lines;
    for (const fs::path& study : studies) {
        // A database study's reference already names its database by an absolute path.
        lines += (isDatabaseStudy(study.string()) ? study : fs::absolute(study)).string() + "\n";
    }
    writeFileAtomically(list, lines);
    const std::string exe = fs::read_symlink("/proc/self/exe").string();
    writeFileAtomically(
        script,
        "#!/bin/sh\n# crosscheck-cli cohort run --slurm: task i measures line i + 1 of "
        "the study list.\nstudy=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" " +
            shellQuoted(list.string()) + ")\nexec " + shellQuoted(exe) +
            " cohort run-one \"$study\" --out " + shellQuoted(fs::absolute(outDir).string()) +
            "\n");
    std::vector<std::string> sbatch{"sbatch", "--parsable", "--job-name=crosscheck-cohort",
                                    "--array=0-" + std::to_string(studies.size() - 1),
                                    "--output=" + (slurmDir / "%A_%a.out").string()};
    if (!options.partition.empty()) {
        sbatch.push_back("--partition=" + options.partition);
    }
    if (!options.time.empty()) {
        sbatch.push_back("--time=" + options.time);
    }
    if (!options.mem.empty()) {
        sbatch.push_back("--mem=" + options.mem);
    }
    sbatch.push_back(script.string());
    const CommandOutput out = runCommand(sbatch);
    // --parsable prints "JOBID" or "JOBID;CLUSTER".
    const std::string jobId = trimmed(out.text.substr(0, out.text.find(';')));
    if (out.status != 0 || jobId.empty() ||
        jobId.find_first_not_of("0123456789") != std::string::npos) {
        throw std::runtime_error("sbatch failed (exit " + std::to_string(out.status) +
                                 "): " + trimmed(out.text));
    }
    return jobId;
}

void waitForJob(const std::string& jobId) {
    for (;;) {
        const CommandOutput out = runCommand({"squeue", "-h", "-j", jobId});
        // A job that left the queue is either not listed or (once purged) unknown.
        if (out.status == 0 && trimmed(out.text).empty()) {
            return;
        }
        if (out.status != 0 && out.text.find("Invalid job id") != std::string::npos) {
            return;
        }
        if (out.status != 0) {
            throw std::runtime_error("squeue -h -j " + jobId + " failed: " + trimmed(out.text));
        }
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
}

}  // namespace

SlurmRun runOnSlurm(const std::vector<fs::path>& studies, const fs::path& outDir,
                    const SlurmOptions& options) {
    SlurmRun run;
    run.submitted = static_cast<int>(studies.size());
    if (studies.empty()) {
        return run;
    }
    run.jobId = submit(studies, outDir, options);
    std::cerr << "cohort: submitted Slurm job array " << run.jobId << " (" << studies.size()
              << " task(s)); logs in " << (outDir / "slurm").string() << "\n";
    if (options.noWait) {
        return run;
    }
    waitForJob(run.jobId);
    for (const fs::path& study : studies) {
        const fs::path file = patientResultPath(outDir, patientName(study));
        std::error_code ec;
        if (!fs::exists(file, ec)) {
            run.missing.push_back(study.string());
            continue;
        }
        (readPatientResult(file).done ? run.done : run.failed)++;
    }
    return run;
}

}  // namespace crosscheck::cli
