#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <vector>

#include "core/session/AtomicFile.h"
#include "core/session/FileStamp.h"
#include "core/session/SessionDocument.h"

namespace crosscheck {

/// Thrown by saveSession when the file on disk is no longer the one this session read or
/// last wrote: the viewer asks the user, then saves with `expectedOnDisk = nullptr`.
class SessionChangedOnDisk : public std::runtime_error {
public:
    explicit SessionChangedOnDisk(const std::string& what) : std::runtime_error(what) {}
};

/// Whose work a recovery file holds: the session file the autosaving window had open, and
/// that file's stamp as the window last read or wrote it. Recovering reopens the work as
/// that file, still modified, and a save can tell whether someone changed the file since.
struct RecoveryOrigin {
    std::filesystem::path sessionPath;
    FileStamp stamp;

    bool operator==(const RecoveryOrigin& o) const {
        return sessionPath == o.sessionPath && stamp == o.stamp;
    }
};

/// A session read from disk, with the stamp of the file as read, and for a recovery file
/// of a saved session, its origin. A damaged origin does not cost the work: the document is
/// still read, the origin left empty and `warnings` says why.
struct LoadedSession {
    SessionDocument document;
    FileStamp stamp;
    std::optional<RecoveryOrigin> recoveryOf;
    std::vector<std::string> warnings;
};

/// The extension of session files.
inline constexpr const char* kSessionExtension = ".crosscheck.json";

/// Reads a session file. Throws SessionFormatError naming the file and the reason (cannot
/// open, not JSON, wrong format or version, a bad key).
LoadedSession loadSession(const std::filesystem::path& path);

/// Writes the session atomically (writeFileAtomically: the previous file is untouched on
/// any error) and returns the new file's stamp. With `expectedOnDisk`, first checks that
/// the file still matches it and throws SessionChangedOnDisk otherwise. Throws
/// FileWriteError naming the file and the reason ("No space left on device", ...).
FileStamp saveSession(const SessionDocument& document, const std::filesystem::path& path,
                      const FileStamp* expectedOnDisk = nullptr,
                      const AtomicWriteOptions& options = {});

/// Writes a recovery file (atomically, like saveSession): the document plus, for a session
/// that has a file, `recovery_of` naming it (docs/roi-json.md). Throws FileWriteError.
void saveRecovery(const SessionDocument& document, const std::optional<RecoveryOrigin>& origin,
                  const std::filesystem::path& path, const AtomicWriteOptions& options = {});

/// Where autosave keeps recovery files: $XDG_STATE_HOME/crosscheck/recovery, else
/// ~/.local/state/crosscheck/recovery, else /tmp/crosscheck-recovery-<uid>. Not created.
std::filesystem::path recoveryDirectory();

/// This process's recovery file for a session: for a saved session, "<name>-<hash of its
/// absolute path>-<pid>.recovery.crosscheck.json" (two sessions with the same name do not
/// collide, nor two processes with the same session); for an untitled one,
/// "untitled-<pid>.recovery.crosscheck.json". In recoveryDirectory() unless `directory` is
/// given.
std::filesystem::path recoveryPathFor(const std::optional<std::filesystem::path>& sessionPath,
                                      const std::optional<std::filesystem::path>& directory = {});

/// The recovery files left in the directory (default recoveryDirectory()), newest first: what
/// the viewer offers to recover at start. Files a running process still holds (RecoveryLock)
/// are left out. Delete a file once recovered or declined.
std::vector<std::filesystem::path> findRecoveryFiles(
    const std::optional<std::filesystem::path>& directory = {});

}  // namespace crosscheck
