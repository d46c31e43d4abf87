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

}  // namespace crosscheck::cli
