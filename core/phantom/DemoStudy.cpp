#include "core/phantom/DemoStudy.h"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <system_error>

#include "core/Version.h"
#include "core/phantom/PhantomWriter.h"

namespace crosscheck {

namespace {
namespace fs = std::filesystem;

std::string folderName() {
    return std::string("demo-") + versionString();
}

bool complete(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "ground_truth.json", ec);
}

bool writableParent(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    return !ec && ::access(dir.c_str(), W_OK) == 0;
}

std::vector<fs::path> candidates() {
    std::vector<fs::path> out;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
        out.push_back(fs::path(xdg) / "crosscheck");
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        out.push_back(fs::path(home) / ".cache" / "crosscheck");
    }
    out.push_back(fs::temp_directory_path() / ("crosscheck-demo-" + std::to_string(::getuid())));
    return out;
}
}  // namespace

fs::path demoStudyLocation() {
    for (const auto& parent : candidates()) {
        if (complete(parent / folderName())) {
            return parent / folderName();
        }
    }
    for (const auto& parent : candidates()) {
        std::error_code ec;
        if (fs::is_directory(parent, ec) ? ::access(parent.c_str(), W_OK) == 0 : true) {
            return parent / folderName();
        }
    }
    return candidates().back() / folderName();
}

fs::path ensureDemoStudy(const Progress& progress) {
    return ensureCachedPhantomStudy(PhantomOptions{}, folderName(), progress);
}

fs::path ensureCachedPhantomStudy(const PhantomOptions& studyOptions, const std::string& name,
                                  const Progress& progress) {
    for (const auto& parent : candidates()) {
        if (complete(parent / name)) {
            return parent / name;
        }
    }
    std::string reasons;
    for (const auto& parent : candidates()) {
        if (!writableParent(parent)) {
            reasons += " " + parent.string() + " is not writable;";
            continue;
        }
        const fs::path target = parent / name;
        const fs::path tmp = parent / (name + ".tmp-" + std::to_string(::getpid()));
        std::error_code ec;
        fs::remove_all(tmp, ec);
        try {
            PhantomOptions options = studyOptions;
            options.patients = 0;
            writePhantomStudy(tmp, options, progress);
        } catch (...) {
            fs::remove_all(tmp, ec);
            throw;
        }
        // A stale, incomplete target (from an older crash) is replaced; a complete one
        // made meanwhile by another process wins, and ours is dropped.
        if (fs::exists(target, ec) && !complete(target)) {
            fs::remove_all(target, ec);
        }
        fs::rename(tmp, target, ec);
        if (ec) {
            fs::remove_all(tmp, ec);
            if (complete(target)) {
                return target;
            }
            reasons += " " + target.string() + ": cannot rename into place;";
            continue;
        }
        return target;
    }
    throw std::runtime_error("cannot create the cached phantom study " + name + ":" + reasons);
}

}  // namespace crosscheck
