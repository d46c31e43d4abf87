#include "core/pacs/PacsNodeList.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

namespace crosscheck {

namespace {

constexpr int kVersion = 1;
const char* const kKnownKeys[] = {"name",   "address",  "calling_aet", "timeout_s",
                                  "user",   "password", "token",       "tls",
                                  "tls_ca", "tls_cert", "tls_key"};

bool isKnownKey(const std::string& key) {
    for (const char* known : kKnownKeys) {
        if (key == known) {
            return true;
        }
    }
    return false;
}

std::string text(const nlohmann::json& j, const char* key, const std::string& fallback = {}) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return fallback;
    }
    if (!it->is_string()) {
        throw std::invalid_argument(std::string("'") + key + "' is not a string");
    }
    return it->get<std::string>();
}

ConfiguredNode nodeOf(const nlohmann::json& j) {
    if (!j.is_object()) {
        throw std::invalid_argument("a node is not a JSON object");
    }
    ConfiguredNode node;
    node.name = text(j, "name");
    node.address = text(j, "address");
    node.callingAeTitle = text(j, "calling_aet", node.callingAeTitle);
    if (const auto it = j.find("timeout_s"); it != j.end()) {
        if (!it->is_number_integer()) {
            throw std::invalid_argument("node '" + node.name +
                                        "': 'timeout_s' is not a whole number");
        }
        node.timeoutSeconds = it->get<int>();
    }
    node.user = text(j, "user");
    node.password = text(j, "password");
    node.token = text(j, "token");
    if (const auto it = j.find("tls"); it != j.end()) {
        if (!it->is_boolean()) {
            throw std::invalid_argument("node '" + node.name + "': 'tls' is not true or false");
        }
        node.useTls = it->get<bool>();
    }
    node.tlsCaFile = text(j, "tls_ca");
    node.tlsCertFile = text(j, "tls_cert");
    node.tlsKeyFile = text(j, "tls_key");
    nlohmann::json extra = nlohmann::json::object();
    for (const auto& [key, value] : j.items()) {
        if (!isKnownKey(key)) {
            extra[key] = value;
        }
    }
    if (!extra.empty()) {
        node.extraJson = extra.dump();
    }
    checkConfiguredNode(node);
    return node;
}

nlohmann::json jsonOf(const ConfiguredNode& node) {
    nlohmann::json j =
        node.extraJson.empty() ? nlohmann::json::object() : nlohmann::json::parse(node.extraJson);
    j["name"] = node.name;
    j["address"] = node.address;
    if (node.isDicomWeb()) {
        j.erase("calling_aet");
    } else {
        j["calling_aet"] = node.callingAeTitle;
    }
    j["timeout_s"] = node.timeoutSeconds;
    if (node.useTls) {
        j["tls"] = true;
    } else {
        j.erase("tls");
    }
    for (const auto& [key, value] : {std::pair{"user", &node.user},
                                     {"password", &node.password},
                                     {"token", &node.token},
                                     {"tls_ca", &node.tlsCaFile},
                                     {"tls_cert", &node.tlsCertFile},
                                     {"tls_key", &node.tlsKeyFile}}) {
        if (value->empty()) {
            j.erase(key);
        } else {
            j[key] = *value;
        }
    }
    return j;
}

[[noreturn]] void cannotWrite(const std::filesystem::path& file, const std::string& doing,
                              int error, int fd = -1, const std::string& temp = {}) {
    if (fd >= 0) {
        ::close(fd);
    }
    if (!temp.empty()) {
        ::unlink(temp.c_str());
    }
    throw std::runtime_error("cannot save the node list " + file.string() + ": " +
                             std::strerror(error) + " (" + doing + ")");
}

/// Temporary file (mkstemp: created 0600), written, fsynced, renamed over `file`.
void writePrivately(const std::filesystem::path& file, const std::string& content) {
    const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : ".";
    std::error_code error;
    if (!std::filesystem::exists(folder, error)) {
        std::filesystem::create_directories(folder, error);
        if (error) {
            cannotWrite(file, "creating " + folder.string(), error.value());
        }
        ::chmod(folder.c_str(), S_IRWXU);
    }
    std::string pattern = (folder / ("." + file.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        cannotWrite(file, "creating a temporary file in " + folder.string(), errno);
    }
    if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0) {
        cannotWrite(file, "setting permissions", errno, fd, pattern);
    }
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            cannotWrite(file, "writing", errno, fd, pattern);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        cannotWrite(file, "flushing", errno, fd, pattern);
    }
    if (::close(fd) != 0) {
        cannotWrite(file, "closing", errno, -1, pattern);
    }
    if (::rename(pattern.c_str(), file.c_str()) != 0) {
        cannotWrite(file, "renaming the temporary file", errno, -1, pattern);
    }
}

}  // namespace

std::filesystem::path defaultNodeListLocation() {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    if (config != nullptr && config[0] == '/') {
        return std::filesystem::path(config) / "crosscheck" / "nodes.json";
    }
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr ? home : ".") / ".config" / "crosscheck" /
           "nodes.json";
}

std::vector<ConfiguredNode> loadNodeList(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::exists(file, error)) {
        return {};
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read the node list " + file.string() + ": " +
                                 std::strerror(errno));
    }
    std::ostringstream content;
    content << in.rdbuf();
    std::vector<ConfiguredNode> nodes;
    try {
        const nlohmann::json root = nlohmann::json::parse(content.str());
        if (!root.is_object() || !root.contains("nodes") || !root["nodes"].is_array()) {
            throw std::invalid_argument("it has no \"nodes\" list");
        }
        for (const nlohmann::json& j : root["nodes"]) {
            nodes.push_back(nodeOf(j));
        }
    } catch (const nlohmann::json::parse_error& e) {
        // Not e.what(): it quotes the text around the error, which may be a password.
        throw std::runtime_error("the node list " + file.string() + " is not valid JSON (at byte " +
                                 std::to_string(e.byte) + ")");
    } catch (const nlohmann::json::exception&) {
        throw std::runtime_error("the node list " + file.string() +
                                 " is not a node list of the expected form");
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error("the node list " + file.string() + " cannot be used: " + e.what());
    }
    return nodes;
}

void saveNodeList(const std::filesystem::path& file, const std::vector<ConfiguredNode>& nodes) {
    std::set<std::string> names;
    nlohmann::json list = nlohmann::json::array();
    for (const ConfiguredNode& node : nodes) {
        checkConfiguredNode(node);
        if (!names.insert(node.name).second) {
            throw std::invalid_argument("two nodes are named '" + node.name + "'");
        }
        list.push_back(jsonOf(node));
    }
    const nlohmann::json root{{"version", kVersion}, {"nodes", list}};
    writePrivately(file, root.dump(2) + "\n");
}

}  // namespace crosscheck
