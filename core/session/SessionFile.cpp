#include "core/session/SessionFile.h"

#include "core/session/RecoveryLock.h"

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

std::string hex64(std::uint64_t value) {
    std::ostringstream out;
    out << std::hex << std::setw(16) << std::setfill('0') << value;
    return out.str();
}

nlohmann::json toJson(const RecoveryOrigin& origin) {
    const FileStamp& s = origin.stamp;
    return {{"path", origin.sessionPath.string()},
            {"stamp",
             {{"exists", s.exists},
              {"size_bytes", s.sizeBytes},
              {"modified_ns", s.modifiedNs},
              // A string: JSON readers other than ours may hold numbers as doubles.
              {"content_hash", hex64(s.contentHash)}}}};
}

RecoveryOrigin recoveryOriginFromJson(const nlohmann::json& j, const std::string& source) {
    const auto bad = [&](const std::string& why) {
        return SessionFormatError(source + ": recovery_of: " + why);
    };
    if (!j.is_object() || !j.contains("path") || !j.at("path").is_string() ||
        !j.contains("stamp") || !j.at("stamp").is_object()) {
        throw bad("expected {path, stamp}");
    }
    const auto& s = j.at("stamp");
    RecoveryOrigin origin;
    origin.sessionPath = j.at("path").get<std::string>();
    try {
        origin.stamp.exists = s.at("exists").get<bool>();
        origin.stamp.sizeBytes = s.at("size_bytes").get<std::uintmax_t>();
        origin.stamp.modifiedNs = s.at("modified_ns").get<std::int64_t>();
        const std::string hash = s.at("content_hash").get<std::string>();
        std::size_t used = 0;
        origin.stamp.contentHash = std::stoull(hash, &used, 16);
        if (used != hash.size()) {
            throw bad("content_hash is not a hexadecimal number");
        }
    } catch (const nlohmann::json::exception&) {
        throw bad("stamp expects exists, size_bytes, modified_ns and content_hash");
    } catch (const std::logic_error&) {
        throw bad("content_hash is not a hexadecimal number");
    }
    return origin;
}
}  // namespace

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
    if (j.is_object() && j.contains("recovery_of")) {
        try {
            out.recoveryOf = recoveryOriginFromJson(j.at("recovery_of"), path.string());
        } catch (const SessionFormatError& e) {
            out.warnings.push_back(std::string(e.what()) +
                                   "; the work is recovered as an untitled session");
        }
    }
    out.stamp = stampFile(path);
    return out;
}

void saveRecovery(const SessionDocument& document, const std::optional<RecoveryOrigin>& origin,
                  const std::filesystem::path& path, const AtomicWriteOptions& options) {
    nlohmann::json j = toJson(document);
    if (origin) {
        j["recovery_of"] = toJson(*origin);
    }
    writeFileAtomically(path, j.dump(2) + "\n", options);
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
    // The process too: two Crosschecks with the same session open never share a file.
    return dir / (name + "-" + hash.str() + "-" + std::to_string(::getpid()) + kRecoverySuffix);
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
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
            !recoveryFileInUse(entry.path())) {
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
