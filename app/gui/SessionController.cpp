#include "app/gui/SessionController.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QWidget>

#include "core/session/SessionFile.h"

namespace crosscheck::app {

namespace fs = std::filesystem;

namespace {

fs::path normalized(const fs::path& p) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(p, ec);
    return (ec ? p : absolute).lexically_normal();
}

SessionAnswer askWithDialog(QWidget* parent, SessionQuestion question, const QString& text) {
    const QString title = QObject::tr("Crosscheck session");
    switch (question) {
        case SessionQuestion::OverwriteChangedFile: {
            const auto b = QMessageBox::warning(
                parent, title, text, QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Cancel);
            return b == QMessageBox::Save ? SessionAnswer::Yes : SessionAnswer::No;
        }
        case SessionQuestion::SaveUnsavedAnnotations: {
            const auto b = QMessageBox::question(
                parent, title, text, QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                QMessageBox::Save);
            return b == QMessageBox::Save      ? SessionAnswer::Yes
                   : b == QMessageBox::Discard ? SessionAnswer::No
                                               : SessionAnswer::Cancel;
        }
        case SessionQuestion::RecoverSession: {
            QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
            QPushButton* recover = box.addButton(QObject::tr("Recover"), QMessageBox::YesRole);
            QPushButton* remove = box.addButton(QObject::tr("Delete"), QMessageBox::NoRole);
            box.addButton(QObject::tr("Later"), QMessageBox::RejectRole);
            box.setDefaultButton(recover);
            box.exec();
            return box.clickedButton() == recover  ? SessionAnswer::Yes
                   : box.clickedButton() == remove ? SessionAnswer::No
                                                   : SessionAnswer::Cancel;
        }
        case SessionQuestion::Error:
            QMessageBox::warning(parent, title, text);
            return SessionAnswer::Cancel;
    }
    return SessionAnswer::Cancel;
}

}  // namespace

SessionController::SessionController(QWidget* dialogParent)
    : QObject(dialogParent), m_dialogParent(dialogParent) {
    m_asker = [this](SessionQuestion q, const QString& text) {
        return askWithDialog(m_dialogParent, q, text);
    };
    m_choosePath = [this] {
        QString file = QFileDialog::getSaveFileName(
            m_dialogParent, tr("Save session"),
            m_path ? QString::fromStdString(m_path->string()) : QString(),
            tr("Crosscheck sessions (*%1)").arg(QLatin1String(kSessionExtension)));
        if (!file.isEmpty() && !file.endsWith(QLatin1String(kSessionExtension))) {
            file += QLatin1String(kSessionExtension);
        }
        return file;
    };
    connect(&m_autosave, &QTimer::timeout, this, &SessionController::autosaveDue);
    // CROSSCHECK_AUTOSAVE_SECONDS overrides the period; 0 turns autosave off.
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("CROSSCHECK_AUTOSAVE_SECONDS", &ok);
    setAutosaveInterval(ok && seconds >= 0 ? seconds * 1000 : kDefaultAutosaveMs);
}

QString SessionController::displayName() const {
    return m_path ? QString::fromStdString(m_path->filename().string()) : tr("Untitled");
}

void SessionController::startUntitled(std::vector<fs::path> studyPaths) {
    removeRecovery();
    m_path.reset();
    m_stamp.reset();
    m_recovered = false;
    m_registrationsEdited = false;
    m_studyPaths = std::move(studyPaths);
}

void SessionController::setOpened(const fs::path& path, const FileStamp& stamp,
                                  std::vector<fs::path> studyPaths) {
    removeRecovery();
    m_path = normalized(path);
    m_stamp = stamp;
    m_recovered = false;
    m_registrationsEdited = false;
    m_studyPaths = std::move(studyPaths);
}

bool SessionController::save(const SessionDocument& document, const fs::path& path) {
    const fs::path target = normalized(path);
    // Only the file this session read or wrote is checked: "Save as" onto another file
    // was confirmed in the file dialog.
    const bool sameFile = m_path && *m_path == target && m_stamp;
    const FileStamp* expected = sameFile ? &*m_stamp : nullptr;
    FileStamp written;
    for (;;) {
        try {
            written = saveSession(document, target, expected);
            break;
        } catch (const SessionChangedOnDisk&) {
            const QString text =
                tr("%1 was changed on disk since it was opened or saved here. Overwrite it with "
                   "this session?")
                    .arg(QString::fromStdString(target.string()));
            if (ask(SessionQuestion::OverwriteChangedFile, text) != SessionAnswer::Yes) {
                return false;
            }
            expected = nullptr;
        } catch (const std::exception& e) {
            ask(SessionQuestion::Error,
                tr("The session was not saved: %1").arg(QString::fromStdString(e.what())));
            return false;
        }
    }
    removeRecovery();
    m_path = target;
    m_stamp = written;
    m_recovered = false;
    m_registrationsEdited = false;
    removeRecovery();
    return true;
}

std::optional<fs::path> SessionController::recoveryOverride() const {
    if (m_recoveryDir) {
        return m_recoveryDir;
    }
    const QString env = qEnvironmentVariable("CROSSCHECK_RECOVERY_DIR");
    if (!env.isEmpty()) {
        return fs::path(env.toStdString());
    }
    return std::nullopt;
}

fs::path SessionController::untitledRecoveryDirectory() const {
    if (const auto dir = recoveryOverride()) {
        return *dir;
    }
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return data.isEmpty() ? crosscheck::recoveryDirectory()
                          : fs::path(data.toStdString()) / "recovery";
}

std::vector<fs::path> SessionController::recoveryDirectories() const {
    if (const auto dir = recoveryOverride()) {
        return {*dir};
    }
    std::vector<fs::path> dirs{crosscheck::recoveryDirectory()};
    if (untitledRecoveryDirectory() != dirs.front()) {
        dirs.push_back(untitledRecoveryDirectory());
    }
    return dirs;
}

fs::path SessionController::recoveryPath() const {
    if (m_path) {
        return recoveryPathFor(m_path, recoveryOverride());
    }
    return recoveryPathFor(std::nullopt, untitledRecoveryDirectory());
}

bool SessionController::writeRecovery(const SessionDocument& document) {
    try {
        const fs::path target = recoveryPath();
        fs::create_directories(target.parent_path());
        if (!m_recoveryLock.held() || m_recoveryLock.recoveryFile() != target) {
            m_recoveryLock = RecoveryLock(target);
        }
        std::optional<RecoveryOrigin> origin;
        if (m_path && m_stamp) {
            origin = RecoveryOrigin{*m_path, *m_stamp};
        }
        saveRecovery(document, origin, target);
        return true;
    } catch (const std::exception& e) {
        // Autosave runs unasked: a failure must not interrupt the user with a dialog.
        qWarning("crosscheck: autosave failed: %s", e.what());
        return false;
    }
}

void SessionController::removeRecovery() {
    std::error_code ignored;
    fs::remove(recoveryPath(), ignored);
    m_recoveryLock = RecoveryLock();
}

void SessionController::setAutosaveInterval(int milliseconds) {
    m_autosaveMs = milliseconds;
    if (milliseconds > 0) {
        m_autosave.start(milliseconds);
    } else {
        m_autosave.stop();
    }
}

SessionAnswer SessionController::ask(SessionQuestion question, const QString& text) const {
    return m_asker(question, text);
}

}  // namespace crosscheck::app
