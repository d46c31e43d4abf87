#include "core/cohort/StudyFolders.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>

#include "core/cohort/PatientWork.h"

namespace crosscheck {

namespace fs = std::filesystem;

namespace {

/// A DICOM Part 10 file: "DICM" after the 128-byte preamble.
bool isDicomFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char magic[132] = {};
    return in.read(magic, sizeof magic) && std::string(magic + 128, 4) == "DICM";
}

/// True when a DICOM file lies in the folder itself or one level down (study/series/file).
bool holdsDicomNearTop(const fs::path& folder) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (entry.is_regular_file() && isDicomFile(entry.path())) {
            return true;
        }
        if (entry.is_directory()) {
            for (const auto& inner : fs::directory_iterator(entry.path(), ec)) {
                if (inner.is_regular_file() && isDicomFile(inner.path())) {
                    return true;
                }
            }
        }
    }
    return false;
}

}  // namespace

std::vector<fs::path> studyFolders(const std::vector<std::string>& paths, const fs::path& outDir) {
    std::vector<fs::path> folders;
    for (const std::string& text : paths) {
        const fs::path path(text);
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            throw std::invalid_argument(text + ": not a folder");
        }
        if (holdsDicomNearTop(path)) {
            folders.push_back(path);
            continue;
        }
        std::vector<fs::path> children;
        for (const auto& entry : fs::directory_iterator(path, ec)) {
            std::error_code same;
            if (entry.is_directory() && !fs::equivalent(entry.path(), outDir, same)) {
                children.push_back(entry.path());
            }
        }
        std::sort(children.begin(), children.end());
        folders.insert(folders.end(), children.begin(), children.end());
    }
    std::map<std::string, fs::path> byName;
    for (const fs::path& folder : folders) {
        const auto [it, added] = byName.emplace(patientName(folder), folder);
        if (!added) {
            throw std::invalid_argument(folder.string() + " and " + it->second.string() +
                                        " have the same folder name; result files are named by "
                                        "it, so it must be unique");
        }
    }
    return folders;
}

}  // namespace crosscheck
