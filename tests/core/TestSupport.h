#pragma once
// What core tests share: a temporary folder and running the command-line tool.

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace crosscheck::test {

/// A fresh folder under the system temp directory, removed with everything in it when
/// the object goes away.
class TempFolder {
public:
    explicit TempFolder(const std::string& prefix = "crosscheck-dicom-test") {
        std::random_device random;
        m_path = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(random()));
        std::filesystem::create_directories(m_path);
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

/// The crosscheck-cli built beside the tests.
inline std::string cliPath() {
    return std::string(CROSSCHECK_BINARY_DIR) + "/bin/crosscheck-cli";
}

/// Runs a shell command; its exit status, or -1 when it did not exit normally.
inline int runStatus(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace crosscheck::test
