#include "app/cli/StudyProblems.h"

#include <filesystem>
#include <iostream>

namespace crosscheck::cli {

void printStudyProblems(const std::vector<ScanProblem>& problems) {
    std::size_t notDicom = 0;
    std::string example;
    for (const ScanProblem& p : problems) {
        if (isNotDicom(p)) {
            if (notDicom++ == 0) {
                example = std::filesystem::path(p.file).filename().string();
            }
            continue;
        }
        std::cerr << "warning: " << p.file << ": " << p.reason << "\n";
    }
    if (notDicom > 0) {
        std::cerr << "note: skipped " << notDicom << " file(s) that are not DICOM (" << example
                  << (notDicom > 1 ? ", ..." : "") << ")\n";
    }
}

void printStudyProblems(const Study& study) {
    printStudyProblems(study.problems);
    for (const LoadedSeries& other : study.otherVolumes) {
        const auto& files = other.info.files;
        std::cerr << "warning: " << (files.empty() ? other.info.seriesInstanceUid : files.front())
                  << ": " << unloadedVolumeNote(other.info) << "\n";
    }
    for (const LoadedPicture& picture : study.pictures) {
        std::cerr << "note: series " << picture.info.seriesInstanceUid << " ("
                  << picture.info.description << ") is a colour picture ("
                  << picture.info.photometric << "): not measured\n";
    }
}

}  // namespace crosscheck::cli
