#include "core/session/SessionFile.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <string>

namespace crosscheck {

namespace {
constexpr const char* kRecoverySuffix = ".recovery.crosscheck.json";
}

LoadedSession loadSession(const std::filesystem::path& path) {
    LoadedSession out;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw SessionFormatError(path.string() + ": cannot open the file");
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw SessionFormatError(path.string() + ": not valid JSON (" + e.what() + ")");
    }
    out.document = sessionFromJson(j, path.string());
    out.stamp = stampFile(path);
    return out;
}

FileStamp saveSession(const SessionDocument& document, const std::filesystem::path& path,
                      const FileStamp* expectedOnDisk, const AtomicWriteOptions& options) {
    if (expectedOnDisk && changedOnDisk(path, *expectedOnDisk)) {
        throw SessionChangedOnDisk(path.string() +
                                   ": the file changed on disk since it was opened or saved");
    }
    writeFileAtomically(path, toJson(document).dump(2) + "\n", options);
    return stampFile(path);
}

std::filesystem::path recoveryDirectory() {
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) {
        return std::filesystem::path(state) / "crosscheck" / "recovery";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".local" / "state" / "crosscheck" / "recovery";
    }
    return std::filesystem::temp_directory_path() /
           ("crosscheck-recovery-" + std::to_string(::getuid()));
}

std::filesystem::path recoveryPathFor(const std::optional<std::filesystem::path>& sessionPath,
                                      const std::optional<std::filesystem::path>& directory) {
    const std::filesystem::path dir = directory ? *directory : recoveryDirectory();
    if (!sessionPath) {
        return dir / ("untitled-" + std::to_string(::getpid()) + kRecoverySuffix);
    }
    const std::string absolute =
        std::filesystem::absolute(*sessionPath).lexically_normal().string();
    std::string name = sessionPath->filename().string();
    const std::string ext = kSessionExtension;
    if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
        name.resize(name.size() - ext.size());
    }
    std::ostringstream hash;
    hash << std::hex << std::setw(8) << std::setfill('0')
         << (fnv1a64(absolute.data(), absolute.size()) & 0xffffffffu);
    return dir / (name + "-" + hash.str() + kRecoverySuffix);
}

std::vector<std::filesystem::path> findRecoveryFiles(
    const std::optional<std::filesystem::path>& directory) {
    const std::filesystem::path dir = directory ? *directory : recoveryDirectory();
    std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        const std::string suffix = kRecoverySuffix;
        if (entry.is_regular_file(ec) && name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
            found.emplace_back(entry.last_write_time(ec), entry.path());
        }
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::filesystem::path> out;
    for (auto& f : found) {
        out.push_back(f.second);
    }
    return out;
}

}  // namespace crosscheck
