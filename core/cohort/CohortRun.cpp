#include "core/cohort/CohortRun.h"

#include <algorithm>
#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "core/cohort/PatientWork.h"

namespace crosscheck {

namespace fs = std::filesystem;

std::vector<fs::path> pendingStudies(const std::vector<fs::path>& folders, const fs::path& outDir,
                                     int* skipped) {
    std::vector<fs::path> todo;
    int already = 0;
    for (const fs::path& folder : folders) {
        std::error_code ec;
        if (fs::exists(patientResultPath(outDir, patientName(folder)), ec)) {
            ++already;
        } else {
            todo.push_back(folder);
        }
    }
    if (skipped) {
        *skipped = already;
    }
    return todo;
}

CohortRunCounts runCohortLocally(
    const std::vector<fs::path>& studies, const fs::path& outDir, int jobs,
    const Progress& progress,
    const std::function<void(const PatientResult& result, int ended, int total)>& onPatient) {
    const int total = static_cast<int>(studies.size());
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int workers = std::max(1, std::min(jobs > 0 ? jobs : cores, std::max(1, total)));
    std::atomic<std::size_t> next{0};
    std::atomic<int> done{0}, failed{0};
    int ended = 0;
    std::mutex reportMutex;
    // Each worker takes the next study until none is left: the machine's cores, no more.
    auto worker = [&] {
        for (std::size_t i = next++; i < studies.size() && !progress.cancelled(); i = next++) {
            const PatientResult result = runPatient(studies[i]);
            writePatientResult(outDir, result);
            (result.done ? done : failed)++;
            const std::lock_guard<std::mutex> lock(reportMutex);
            ++ended;
            if (onPatient) {
                onPatient(result, ended, total);
            }
            progress(static_cast<double>(ended) / total, result.patient);
        }
    };
    std::vector<std::future<void>> running;
    for (int j = 0; j < workers; ++j) {
        running.push_back(std::async(std::launch::async, worker));
    }
    std::exception_ptr error;
    for (auto& w : running) {
        try {
            w.get();
        } catch (...) {
            error = error ? error : std::current_exception();
        }
    }
    if (error) {
        std::rethrow_exception(error);
    }
    CohortRunCounts counts;
    counts.done = done.load();
    counts.failed = failed.load();
    counts.cancelled = counts.done + counts.failed < total;
    return counts;
}

}  // namespace crosscheck
