#pragma once

#include <cstdint>
#include <filesystem>

namespace crosscheck {

/// What a file looked like when it was read or written: existence, size, modification time
/// (ns) and a 64-bit FNV-1a hash of its bytes. The hash catches an edit that kept the size
/// within the file system's timestamp granularity. Meant for documents of a few MB.
struct FileStamp {
    bool exists = false;
    std::uintmax_t sizeBytes = 0;
    std::int64_t modifiedNs = 0;
    std::uint64_t contentHash = 0;

    bool operator==(const FileStamp& o) const {
        return exists == o.exists && sizeBytes == o.sizeBytes && modifiedNs == o.modifiedNs &&
               contentHash == o.contentHash;
    }
    bool operator!=(const FileStamp& o) const { return !(*this == o); }
};

/// The stamp of the file as it is now (exists = false when it does not exist or cannot be read).
FileStamp stampFile(const std::filesystem::path& path);

/// True when the file on disk no longer matches `stamp` (changed, replaced, created or
/// deleted since), so a save would overwrite someone else's work: ask first.
bool changedOnDisk(const std::filesystem::path& path, const FileStamp& stamp);

/// FNV-1a, 64 bit.
std::uint64_t fnv1a64(const void* data, std::size_t size,
                      std::uint64_t seed = 14695981039346656037ull);

}  // namespace crosscheck
