#include "core/session/AtomicFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

namespace crosscheck {

namespace {

std::string reason(int error) {
    return std::strerror(error);
}

/// Closes and removes the temporary file, then throws with the first error's reason.
[[noreturn]] void abandon(int fd, const std::string& tempPath, const std::filesystem::path& target,
                          const std::string& doing, int error) {
    if (fd >= 0) {
        ::close(fd);
    }
    ::unlink(tempPath.c_str());
    throw FileWriteError("cannot save " + target.string() + ": " + reason(error) + " (" + doing +
                         ")");
}

/// Removes temporary files an earlier writer of `target` left when it was killed mid-save:
/// ".NAME.tmp-*" siblings older than kStaleAge (a writer running right now is younger).
void removeStaleTemporaries(const std::filesystem::path& folder, const std::string& fileName) {
    constexpr auto kStaleAge = std::chrono::minutes(10);
    const std::string prefix = "." + fileName + ".tmp-";
    std::error_code error;
    const auto now = std::filesystem::file_time_type::clock::now();
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || !entry.is_regular_file(error)) {
            continue;
        }
        const auto modified = entry.last_write_time(error);
        if (!error && now - modified > kStaleAge) {
            std::filesystem::remove(entry.path(), error);
        }
    }
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& target, std::string_view content,
                         const AtomicWriteOptions& options) {
    const std::filesystem::path folder =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    const std::string pattern =
        (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0) {
        throw FileWriteError("cannot save " + target.string() + ": " + reason(errno) +
                             " (creating a temporary file in " + folder.string() + ")");
    }
    const std::string tempPath(name.data());

    struct stat existing {};
    const mode_t mode = ::stat(target.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : 0644;
    if (::fchmod(fd, mode) != 0) {
        abandon(fd, tempPath, target, "setting permissions", errno);
    }

    const std::size_t chunk = std::max<std::size_t>(1, options.chunkBytes);
    std::size_t written = 0;
    while (written < content.size()) {
        const std::size_t want = std::min(chunk, content.size() - written);
        std::size_t done = 0;
        while (done < want) {
            const ssize_t n = ::write(fd, content.data() + written + done, want - done);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                abandon(fd, tempPath, target, "writing " + tempPath, errno);
            }
            done += static_cast<std::size_t>(n);
        }
        written += done;
        if (options.afterChunk) {
            options.afterChunk(written);
        }
    }
    if (::fsync(fd) != 0) {
        abandon(fd, tempPath, target, "flushing " + tempPath, errno);
    }
    if (::close(fd) != 0) {
        abandon(-1, tempPath, target, "closing " + tempPath, errno);
    }
    if (::rename(tempPath.c_str(), target.c_str()) != 0) {
        abandon(-1, tempPath, target, "renaming " + tempPath, errno);
    }
    // Make the rename itself durable; a failure here cannot undo the save, so it is ignored.
    const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    removeStaleTemporaries(folder, target.filename().string());
}

}  // namespace crosscheck
