#pragma once

#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace crosscheck {

/// Where retrieved instances land, so that no half-received file ever carries its final
/// name. Each instance is received into a hidden temporary file in the output folder
/// (".<SOPInstanceUID>.part", same file system), and only when it is complete is it renamed
/// to `<outDir>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm` (the series read from its
/// header). A failed or cancelled instance is removed; the destructor removes any
/// temporary file still there. Thread-safe: C-MOVE receives on the storage SCP's thread.
class RetrievedFiles {
public:
    explicit RetrievedFiles(std::filesystem::path outDir);
    ~RetrievedFiles();
    RetrievedFiles(const RetrievedFiles&) = delete;
    RetrievedFiles& operator=(const RetrievedFiles&) = delete;

    /// The temporary path to receive one instance into (creates the folder).
    std::string begin(const std::string& sopInstanceUid);
    /// Moves a completely received temporary file to its final name; returns that name.
    /// An empty `sopInstanceUid` is read from the file.
    /// Throws std::runtime_error naming the file when it cannot be read or renamed.
    std::string complete(const std::string& tempPath, const std::string& sopInstanceUid);
    /// Removes a temporary file that will not be completed.
    void discard(const std::string& tempPath);

    int count() const;
    long long bytes() const;
    std::vector<std::string> files() const;

private:
    std::filesystem::path m_outDir;
    mutable std::mutex m_mutex;
    std::set<std::string> m_pending;
    std::vector<std::string> m_files;
    long long m_bytes = 0;
};

/// A UID as a safe file name: characters other than digits and dots become '_'.
std::string uidFileName(const std::string& uid);

}  // namespace crosscheck
