#include "core/session/FileStamp.h"

#include <chrono>
#include <fstream>
#include <vector>

namespace crosscheck {

std::uint64_t fnv1a64(const void* data, std::size_t size, std::uint64_t hash) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= bytes[i];
        hash *= 1099511628211ull;
    }
    return hash;
}

FileStamp stampFile(const std::filesystem::path& path) {
    FileStamp stamp;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return stamp;
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        return stamp;
    }
    const auto time = std::filesystem::last_write_time(path, ec);
    if (ec) {
        return stamp;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return stamp;
    }
    std::uint64_t hash = 14695981039346656037ull;
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hash = fnv1a64(buffer.data(), static_cast<std::size_t>(in.gcount()), hash);
    }
    stamp.exists = true;
    stamp.sizeBytes = size;
    stamp.modifiedNs =
        std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
    stamp.contentHash = hash;
    return stamp;
}

bool changedOnDisk(const std::filesystem::path& path, const FileStamp& stamp) {
    return stampFile(path) != stamp;
}

}  // namespace crosscheck
