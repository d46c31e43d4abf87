#include "core/dicom/DicomScanner.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <system_error>

#include "core/dicom/DicomError.h"
#include "core/dicom/DicomFile.h"
#include "core/dicom/SeriesAssembler.h"
#include "core/dicom/SiemensMosaic.h"
#include "core/util/ParallelFor.h"

namespace crosscheck {

namespace {

namespace fs = std::filesystem;

bool isDicomDirName(const fs::path& p) {
    std::string name = p.filename().string();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return name == "DICOMDIR";
}

void addDicomDir(const fs::path& dicomdir, std::vector<std::string>& files,
                 std::vector<ScanProblem>& problems) {
    try {
        DicomFile dir(dicomdir.string());
        if (!dir.isDicomDir()) {
            files.push_back(dicomdir.string());
            return;
        }
        const auto references = dir.referencedFiles();
        if (references.empty()) {
            problems.push_back({dicomdir.string(), "DICOMDIR lists no files"});
        }
        for (const std::string& relative : references) {
            const fs::path file = dicomdir.parent_path() / relative;
            std::error_code ec;
            if (fs::is_regular_file(file, ec)) {
                files.push_back(file.string());
            } else {
                problems.push_back(
                    {file.string(), "referenced by " + dicomdir.string() + " but missing"});
            }
        }
    } catch (const DicomError& e) {
        problems.push_back({e.file(), e.reason()});
    } catch (const std::exception& e) {
        problems.push_back({dicomdir.string(), std::string("cannot read: ") + e.what()});
    }
}

/// Every regular file under `folder` (not following links to folders, which could loop).
/// A subfolder that cannot be read is a problem named with its reason ("Permission
/// denied"); the rest of the tree is still scanned.
void collectFolder(const fs::path& folder, std::vector<std::string>& files,
                   std::vector<ScanProblem>& problems) {
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec) {
        problems.push_back({folder.string(), "cannot read folder: " + ec.message()});
        return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) {
            problems.push_back({folder.string(), "cannot read folder: " + ec.message()});
            return;
        }
        std::error_code typeEc;
        if (it->is_symlink(typeEc) && it->is_directory(typeEc)) {
            continue;
        }
        if (it->is_directory(typeEc)) {
            collectFolder(it->path(), files, problems);
        } else if (it->is_regular_file(typeEc) && !isDicomDirName(it->path())) {
            files.push_back(it->path().string());
        }
    }
}

}  // namespace

ScanResult scanPaths(const std::vector<fs::path>& paths, const Progress& progress) {
    ScanResult result;
    std::vector<std::string> files;
    for (const fs::path& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            const std::size_t before = files.size();
            collectFolder(path, files, result.problems);
            if (files.size() == before) {
                result.problems.push_back({path.string(), "no files found in this folder"});
            }
        } else if (fs::is_regular_file(path, ec)) {
            // A file named on the command line may be a DICOMDIR under any name.
            addDicomDir(path, files, result.problems);
        } else {
            result.problems.push_back({path.string(), "no such file or folder"});
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());

    std::vector<std::vector<FrameHeader>> headers(files.size());
    std::vector<std::string> reasons(files.size());
    std::atomic<int> done{0};
    const int total = static_cast<int>(files.size());
    parallelFor(total, [&](int begin, int end) {
        for (int i = begin; i < end; ++i) {
            if (progress.cancelled()) {
                return;
            }
            const auto index = static_cast<std::size_t>(i);
            try {
                DicomFile file(files[index]);
                if (file.isDicomDir()) {
                    reasons[index] =
                        "a DICOMDIR: an index, not an image (the files it lists are scanned "
                        "directly)";
                } else {
                    const std::string why = unsupportedReason(file.frames().front());
                    if (why.empty()) {
                        for (const FrameHeader& frame : file.frames()) {
                            for (FrameHeader& slice : expandMosaic(frame)) {
                                headers[index].push_back(std::move(slice));
                            }
                        }
                    } else {
                        reasons[index] = why;
                    }
                }
            } catch (const DicomError& e) {
                reasons[index] = e.reason();
            } catch (const std::exception& e) {
                reasons[index] = std::string("cannot read: ") + e.what();
            }
            const int n = ++done;
            if (n % 64 == 0 || n == total) {
                progress(0.95 * n / total, "reading headers");
            }
        }
    });
    if (progress.cancelled()) {
        throw Cancelled();
    }
    std::vector<FrameHeader> all;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!reasons[i].empty()) {
            result.problems.push_back({files[i], reasons[i]});
        }
        for (FrameHeader& h : headers[i]) {
            all.push_back(std::move(h));
        }
    }
    result.series = assembleSeries(std::move(all));
    progress(1.0, "indexed");
    return result;
}

}  // namespace crosscheck
