#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "core/session/FileStamp.h"
#include "core/session/RecoveryLock.h"
#include "core/session/SessionDocument.h"

class QWidget;

namespace crosscheck::app {

/// The questions the session asks the user. Each goes through one replaceable function
/// (SessionController::setAsker) so a test answers without a modal dialog.
enum class SessionQuestion {
    OverwriteChangedFile,    ///< Yes: overwrite the file changed on disk; No: do not save
    SaveUnsavedAnnotations,  ///< Yes: save; No: discard; Cancel: stay
    RecoverSession,          ///< Yes: open the recovery file; No: delete it; Cancel: later
    Error,                   ///< a message only (the answer is ignored)
};
enum class SessionAnswer { Yes, No, Cancel };

/// The file side of the open session (`*.crosscheck.json`): where it lives, the stamp of
/// the file as last read or written (core FileStamp), the paths the study was opened
/// from, the recovery file autosave writes, and the user's answers to its questions.
///
/// Knows nothing of panes or annotations: the main window builds the SessionDocument and
/// hands it over. Saving never overwrites a file that changed on disk since it was opened
/// or saved without a Yes to OverwriteChangedFile. Recovery files are named by core
/// recoveryPathFor: a saved session's by its name and path hash in core's
/// recoveryDirectory() ($XDG_STATE_HOME/crosscheck/recovery), an untitled one's by the
/// process id in the app's data location (QStandardPaths::AppDataLocation)/recovery; both
/// go to setRecoveryDirectory() or $CROSSCHECK_RECOVERY_DIR when given.
class SessionController : public QObject {
    Q_OBJECT
public:
    using Asker = std::function<SessionAnswer(SessionQuestion, const QString& text)>;
    using PathChooser = std::function<QString()>;
    static constexpr int kDefaultAutosaveMs = 60000;

    explicit SessionController(QWidget* dialogParent);

    /// The session file, empty for an untitled session.
    const std::optional<std::filesystem::path>& path() const { return m_path; }
    /// "case.crosscheck.json", or "Untitled".
    QString displayName() const;

    /// The folders/files the study was opened from (stored with each series).
    const std::vector<std::filesystem::path>& studyPaths() const { return m_studyPaths; }
    /// A new untitled session for a study opened from these paths; removes the old
    /// session's recovery file (its changes were saved or discarded before).
    void startUntitled(std::vector<std::filesystem::path> studyPaths);
    /// The session just read from `path` (stamp of the file as read).
    void setOpened(const std::filesystem::path& path, const FileStamp& stamp,
                   std::vector<std::filesystem::path> studyPaths);
    /// A recovered session counts as modified until saved (it continues as its session file
    /// when that still exists, else untitled).
    void setRecovered(bool on) { m_recovered = on; }
    bool recovered() const { return m_recovered; }
    /// The registrations were changed by the user (Alt + arrows, Register this level or by
    /// landmarks, a transform picked or renamed) since the session was opened or saved: user
    /// work the session holds, so it counts as a change to save.
    void setRegistrationsEdited(bool on) { m_registrationsEdited = on; }
    bool registrationsEdited() const { return m_registrationsEdited; }

    /// Writes the document to `path` atomically. When `path` is the open session's file and
    /// that file changed on disk since, asks OverwriteChangedFile first. On success the
    /// session is `path`, its recovery files are removed and true is returned; on a write
    /// error the user is told (Error) and false is returned, the file on disk untouched.
    bool save(const SessionDocument& document, const std::filesystem::path& path);

    /// Sends every recovery file to this folder (tests; also $CROSSCHECK_RECOVERY_DIR).
    void setRecoveryDirectory(const std::filesystem::path& directory) { m_recoveryDir = directory; }
    /// The folders that may hold recovery files, to look in at start.
    std::vector<std::filesystem::path> recoveryDirectories() const;
    /// Where autosave writes this session now.
    std::filesystem::path recoveryPath() const;
    /// Writes the document to recoveryPath() (creating the folder); false on error.
    bool writeRecovery(const SessionDocument& document);
    void removeRecovery();

    /// Autosave period (default 60 s, or $CROSSCHECK_AUTOSAVE_SECONDS); 0 turns the timer
    /// off. autosaveDue is emitted on each tick.
    void setAutosaveInterval(int milliseconds);
    int autosaveInterval() const { return m_autosaveMs; }

    SessionAnswer ask(SessionQuestion question, const QString& text) const;
    void setAsker(Asker asker) { m_asker = std::move(asker); }
    /// Asks for the file of "Save session as..."; empty when cancelled.
    QString choosePath() const { return m_choosePath(); }
    void setPathChooser(PathChooser chooser) { m_choosePath = std::move(chooser); }

signals:
    void autosaveDue();

private:
    std::optional<std::filesystem::path> recoveryOverride() const;
    std::filesystem::path untitledRecoveryDirectory() const;

    QWidget* m_dialogParent;
    std::optional<std::filesystem::path> m_path;
    std::optional<FileStamp> m_stamp;
    std::vector<std::filesystem::path> m_studyPaths;
    std::optional<std::filesystem::path> m_recoveryDir;
    bool m_recovered = false;
    /// Held while this window's recovery file exists, so no other Crosscheck offers it.
    RecoveryLock m_recoveryLock;
    bool m_registrationsEdited = false;
    QTimer m_autosave;
    int m_autosaveMs = 0;
    Asker m_asker;
    PathChooser m_choosePath;
};

}  // namespace crosscheck::app
