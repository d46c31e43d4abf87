#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace crosscheck {

/// Thrown when a file cannot be written; the message names the file and the system's reason
/// ("No space left on device", "File too large", "Permission denied", ...).
class FileWriteError : public std::runtime_error {
public:
    explicit FileWriteError(const std::string& what) : std::runtime_error(what) {}
};

/// Test and progress hooks for writeFileAtomically.
struct AtomicWriteOptions {
    /// Bytes per write() call.
    std::size_t chunkBytes = std::size_t{1} << 20;
    /// Called after each chunk with the bytes written so far (tests use it to slow a writer
    /// down and kill it mid-save).
    std::function<void(std::size_t written)> afterChunk;
};

/// Replaces `target` with `content` so that readers (and a crash at any moment) see either
/// the old file or the complete new one, never a partial file.
///
/// Writes a temporary file in the target's folder (".NAME.tmp-XXXXXX", same file system so
/// the rename is atomic), fsyncs it, renames it over the target, then fsyncs the folder.
/// The new file keeps the old one's permission bits (0644 for a new file). On any error the
/// temporary file is removed, the target is untouched and FileWriteError names the target
/// and the reason. A process killed mid-write leaves the target intact and may leave its
/// temporary file behind (named as above); the next successful save of the same target
/// removes such files when they are more than 10 minutes old.
void writeFileAtomically(const std::filesystem::path& target, std::string_view content,
                         const AtomicWriteOptions& options = {});

}  // namespace crosscheck
