// Opening one study of a folder that holds several (issue 18): the study database's way
// (loadIndexedStudy: only the files indexed for the study are read) against the folder's
// way (scan every file of the folder, then load the study's series). Both end with the
// same Study; the page cache is warm for both. Prints one JSON document (ms, best of
// REPEATS, each way in turn) and checks both gave the same voxels.
// Usage: indexed_study_bench FOLDER STUDY_INSTANCE_UID [REPEATS]
//   The database is built here (in a temporary file) by importing FOLDER.
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/db/IndexedStudyLoading.h"

using namespace crosscheck;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// The folder's way: scan everything, keep the study's series, load them.
Study loadFromFolder(const std::filesystem::path& folder, const std::string& studyUid,
                     std::size_t& scanned) {
    const ScanResult scan = scanPaths({folder});
    std::vector<std::filesystem::path> files;
    scanned = 0;
    for (const SeriesInfo& s : scan.series) {
        scanned += s.files.size();
        if (s.studyInstanceUid == studyUid) {
            files.insert(files.end(), s.files.begin(), s.files.end());
        }
    }
    return loadStudy(files);  // reads those headers again: what opening them in turn costs
}

std::size_t fileCount(const Study& study) {
    std::size_t n = 0;
    for (const LoadedSeries& s : study.series) {
        n += s.info.files.size();
    }
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: indexed_study_bench FOLDER STUDY_INSTANCE_UID [REPEATS]\n";
        return 2;
    }
    const std::filesystem::path folder = argv[1];
    const std::string studyUid = argv[2];
    const int repeats = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
    const auto dbFile = std::filesystem::temp_directory_path() /
                        ("crosscheck-indexed-bench-" + std::to_string(::getpid()) + ".sqlite");
    try {
        auto start = Clock::now();
        double importMs = 0.0;
        {
            StudyDatabase db(dbFile);
            db.importPaths({folder});
            importMs = msSince(start);
        }
        double indexedBest = 1e30, folderBest = 1e30;
        std::size_t scanned = 0, studyFiles = 0;
        bool same = true;
        for (int r = 0; r < repeats; ++r) {
            start = Clock::now();
            const StudyDatabase db(dbFile);
            const Study indexed = loadIndexedStudy(db, studyUid);
            indexedBest = std::min(indexedBest, msSince(start));
            start = Clock::now();
            const Study fromFolder = loadFromFolder(folder, studyUid, scanned);
            folderBest = std::min(folderBest, msSince(start));
            studyFiles = fileCount(indexed);
            same = same && indexed.series.size() == fromFolder.series.size();
            for (const LoadedSeries& s : indexed.series) {
                const LoadedSeries* o = fromFolder.findByUid(s.info.seriesInstanceUid);
                same = same && o != nullptr && o->volume->byteCount() == s.volume->byteCount() &&
                       std::memcmp(o->volume->data(), s.volume->data(), s.volume->byteCount()) == 0;
            }
        }
        std::filesystem::remove(dbFile);
        std::cout << nlohmann::json{{"folder_files", scanned}, {"study_files", studyFiles},
                                    {"import_ms", importMs},   {"indexed_ms", indexedBest},
                                    {"folder_ms", folderBest}, {"same_voxels", same}}
                         .dump()
                  << "\n";
        return same ? 0 : 1;
    } catch (const std::exception& e) {
        std::filesystem::remove(dbFile);
        std::cerr << "indexed_study_bench: " << e.what() << "\n";
        return 1;
    }
}
