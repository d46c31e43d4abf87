#pragma once

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>

// Helpers of the phantom tests: a temporary folder removed at the end, and running a
// command (the pydicom checker, dciodvfy) to capture its standard output.
namespace crosscheck::test {

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() /
                 ("crosscheck-phantom-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

inline std::string runCommand(const std::string& command) {
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) {
        throw std::runtime_error("cannot run: " + command);
    }
    std::string out;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        out.append(buffer, n);
    }
    const int status = ::pclose(pipe);
    if (status != 0) {
        throw std::runtime_error("command failed (" + std::to_string(status) + "): " + command +
                                 "\n" + out);
    }
    return out;
}

/// The independent pydicom + numpy check of a written study (phantom_check.py).
inline nlohmann::json pydicomCheck(const std::filesystem::path& study) {
    const std::string script =
        std::string(CROSSCHECK_SOURCE_DIR) + "/tests/core/phantom/phantom_check.py";
    return nlohmann::json::parse(
        runCommand("/usr/bin/python3 '" + script + "' '" + study.string() + "'"));
}

}  // namespace crosscheck::test
