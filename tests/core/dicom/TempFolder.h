#pragma once

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

}  // namespace crosscheck::test
