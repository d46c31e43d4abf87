#include "core/session/RecoveryLock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <system_error>
#include <utility>

namespace crosscheck {

std::filesystem::path recoveryLockPath(const std::filesystem::path& recoveryFile) {
    std::filesystem::path lock = recoveryFile;
    lock += ".lock";
    return lock;
}

RecoveryLock::RecoveryLock(const std::filesystem::path& recoveryFile) : m_file(recoveryFile) {
    const int fd =
        ::open(recoveryLockPath(recoveryFile).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        return;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return;
    }
    m_fd = fd;
}

RecoveryLock::~RecoveryLock() {
    release();
}

RecoveryLock::RecoveryLock(RecoveryLock&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_file(std::move(other.m_file)) {}

RecoveryLock& RecoveryLock::operator=(RecoveryLock&& other) noexcept {
    if (this != &other) {
        release();
        m_fd = std::exchange(other.m_fd, -1);
        m_file = std::move(other.m_file);
    }
    return *this;
}

void RecoveryLock::release() {
    if (m_fd < 0) {
        return;
    }
    // Removed while still locked, so no other process can lock the old file in between.
    std::error_code ignored;
    std::filesystem::remove(recoveryLockPath(m_file), ignored);
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
    m_fd = -1;
}

bool recoveryFileInUse(const std::filesystem::path& recoveryFile) {
    const int fd = ::open(recoveryLockPath(recoveryFile).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;  // no lock file: nobody holds it
    }
    const bool inUse = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    if (!inUse) {
        ::flock(fd, LOCK_UN);
    }
    ::close(fd);
    return inUse;
}

}  // namespace crosscheck
