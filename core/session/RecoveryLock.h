#pragma once

#include <filesystem>

namespace crosscheck {

/// Marks a recovery file as in use by this process: an exclusive flock on
/// "<recovery file>.lock", which the system releases when the process ends, crash or not.
/// Another Crosscheck started meanwhile then does not offer the file for recovery (and
/// cannot take it over or delete it) while its owner still autosaves into it.
///
/// Move-only. Releasing (destruction, or assigning another lock) unlocks and removes the
/// lock file; a crashed owner leaves an unlocked lock file, which counts as free.
class RecoveryLock {
public:
    RecoveryLock() = default;
    /// Takes the lock without waiting; held() says whether it was taken.
    explicit RecoveryLock(const std::filesystem::path& recoveryFile);
    ~RecoveryLock();
    RecoveryLock(RecoveryLock&& other) noexcept;
    RecoveryLock& operator=(RecoveryLock&& other) noexcept;
    RecoveryLock(const RecoveryLock&) = delete;
    RecoveryLock& operator=(const RecoveryLock&) = delete;

    bool held() const { return m_fd >= 0; }
    const std::filesystem::path& recoveryFile() const { return m_file; }

private:
    void release();

    int m_fd = -1;
    std::filesystem::path m_file;
};

/// The lock file of a recovery file: "<recovery file>.lock".
std::filesystem::path recoveryLockPath(const std::filesystem::path& recoveryFile);

/// True while some process (this one included, through another lock) holds the recovery
/// file's lock.
bool recoveryFileInUse(const std::filesystem::path& recoveryFile);

}  // namespace crosscheck
