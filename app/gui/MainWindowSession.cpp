// Sessions: File > Open session / Save session / Save session as, the window title, the
// question about unsaved annotations, autosave to a recovery file and recovery at start.
#include <QAction>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QStatusBar>
#include <QTimer>
#include <algorithm>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "app/gui/SessionController.h"
#include "core/model/Study.h"
#include "core/session/RecoveryLock.h"
#include "core/session/SessionFile.h"
#include "core/session/SessionStudy.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/SessionMapper.h"

namespace crosscheck::app {

void MainWindow::addSessionActions(QMenu* file) {
    file->addSeparator();
    QAction* open = file->addAction(tr("Open &session..."));
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open a session"), QString(),
            tr("Crosscheck sessions (*%1)").arg(QLatin1String(kSessionExtension)));
        if (!path.isEmpty()) {
            openSessionFile(path);
        }
    });
    QAction* save = file->addAction(tr("&Save session"));
    save->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    connect(save, &QAction::triggered, this, &MainWindow::saveSessionFile);
    QAction* saveAs = file->addAction(tr("Save session &as..."));
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(saveAs, &QAction::triggered, this, [this] {
        const QString path = m_session->choosePath();
        if (!path.isEmpty()) {
            saveSessionFileAs(path);
        }
    });
    connect(annotationLayer(), &viewer::AnnotationLayer::changed, this,
            &MainWindow::updateSessionTitle);
    connect(m_session, &SessionController::autosaveDue, this, &MainWindow::autosaveNow);
}

SessionDocument MainWindow::sessionDocument() const {
    if (!study()) {
        return {};
    }
    // A group nobody adjusted shows its pane's default window; save what is on screen.
    std::map<viewer::WindowGroup, WindowLevel> shown;
    for (const auto* pane : m_grid->panes()) {
        if (pane->hasSeries()) {
            shown.emplace(viewer::windowGroupOf(pane->series().role), pane->currentWindow());
        }
    }
    return viewer::sessionDocumentOf(*study(), m_session->studyPaths(), *annotationLayer(),
                                     *m_state, m_grid->layoutName().toStdString(), shown);
}

void MainWindow::openSessionFile(const QString& path) {
    if (confirmUnsavedAnnotations()) {
        openSessionImpl(path, false);
    }
}

void MainWindow::openSessionImpl(const QString& path, bool recovery) {
    const std::filesystem::path file = path.toStdString();
    auto loaded = std::make_shared<LoadedSession>();
    try {
        *loaded = loadSession(file);
    } catch (const std::exception& e) {
        const QString message = QString::fromStdString(e.what());
        statusBar()->showMessage(message, 10000);
        m_session->ask(SessionQuestion::Error, message);
        // Announced from the event loop, as a failure of the background load would be:
        // a caller connects after this returns (main.cpp quits on it in --screenshot mode).
        QTimer::singleShot(0, this, [this, message] { emit loadFailed(message); });
        return;
    }
    m_workflow->openSession(loaded->document, file,
                            [this, loaded, path, recovery](const SessionStudy& found) {
                                sessionShown(found, path, recovery, *loaded);
                            });
}

void MainWindow::sessionShown(const SessionStudy& found, const QString& path, bool recovery,
                              const LoadedSession& loaded) {
    const std::filesystem::path file = path.toStdString();
    QStringList notes;
    if (recovery) {
        notes << recoverAs(loaded, found.paths);
    } else {
        m_session->setOpened(file, loaded.stamp, found.paths);
    }
    const std::string& layout = loaded.document.layout;
    if (!layout.empty() && !m_grid->setLayoutName(QString::fromStdString(layout))) {
        notes << tr("Unknown layout '%1' in the session; kept %2")
                     .arg(QString::fromStdString(layout), m_grid->layoutName());
    }
    if (!found.missingSeriesUids.empty()) {
        notes << tr("%n series of the session were not found under their paths", "",
                    static_cast<int>(found.missingSeriesUids.size()));
    }
    notes.removeAll(QString());
    if (!notes.isEmpty()) {
        // Last, so that the study's own messages do not cover them.
        statusBar()->showMessage(notes.join(QStringLiteral("; ")), 15000);
    }
    if (recovery) {
        // Keep a recovery file of our own before the old one (and the lock file its
        // process left) goes.
        autosaveNow();
        if (file != m_session->recoveryPath()) {
            std::error_code ignored;
            std::filesystem::remove(file, ignored);
            std::filesystem::remove(recoveryLockPath(file), ignored);
        }
    }
    updateSessionTitle();
}

QString MainWindow::recoverAs(const LoadedSession& recovered,
                              std::vector<std::filesystem::path> studyPaths) {
    const std::optional<RecoveryOrigin>& origin = recovered.recoveryOf;
    QStringList notes;
    for (const std::string& warning : recovered.warnings) {
        notes << QString::fromStdString(warning);
    }
    std::error_code ec;
    if (origin && std::filesystem::exists(origin->sessionPath, ec)) {
        // The work continues as the file it belonged to, still unsaved; the stamp is the one
        // the lost window knew, so a save asks if someone changed the file since.
        m_session->setOpened(origin->sessionPath, origin->stamp, std::move(studyPaths));
    } else {
        m_session->startUntitled(std::move(studyPaths));
        if (origin) {
            notes << tr("%1 no longer exists: the recovered session is untitled")
                         .arg(QString::fromStdString(origin->sessionPath.string()));
        }
    }
    m_session->setRecovered(true);
    return notes.join(QStringLiteral("; "));
}

bool MainWindow::saveSessionFile() {
    if (const auto& path = m_session->path()) {
        return saveSessionFileAs(QString::fromStdString(path->string()));
    }
    const QString path = m_session->choosePath();
    return !path.isEmpty() && saveSessionFileAs(path);
}

bool MainWindow::saveSessionFileAs(const QString& path) {
    if (!study()) {
        statusBar()->showMessage(tr("No study is open: nothing to save"), 5000);
        return false;
    }
    if (!m_session->save(sessionDocument(), path.toStdString())) {
        statusBar()->showMessage(tr("The session was not saved"), 10000);
        return false;
    }
    annotationLayer()->history().markSaved();
    updateSessionTitle();
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

bool MainWindow::isSessionModified() const {
    return study() && (annotationLayer()->history().isModified() || m_session->recovered() ||
                       m_session->registrationsEdited());
}

bool MainWindow::autosaveNow() {
    return isSessionModified() && m_session->writeRecovery(sessionDocument());
}

bool MainWindow::confirmUnsavedAnnotations() {
    if (!isSessionModified()) {
        return true;
    }
    const QString text =
        annotationLayer()->history().isModified() || m_session->recovered()
            ? tr("The annotations of %1 have changes that are not saved. Save them?")
                  .arg(m_session->displayName())
            : tr("The registrations of %1 were changed (adjusted by hand, registered per level, "
                 "or another transform picked or renamed) and are not saved. Save them?")
                  .arg(m_session->displayName());
    switch (m_session->ask(SessionQuestion::SaveUnsavedAnnotations, text)) {
        case SessionAnswer::Yes:
            return saveSessionFile();
        case SessionAnswer::No:
            m_session->removeRecovery();
            m_session->setRecovered(false);
            m_session->setRegistrationsEdited(false);
            return true;
        case SessionAnswer::Cancel:
            break;
    }
    return false;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmUnsavedAnnotations()) {
        event->ignore();
        return;
    }
    m_session->removeRecovery();
    QMainWindow::closeEvent(event);
}

void MainWindow::offerRecovery() {
    // Newest first over every folder autosave may have written to.
    std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> found;
    for (const auto& dir : m_session->recoveryDirectories()) {
        for (const auto& file : findRecoveryFiles(dir)) {
            std::error_code ec;
            found.emplace_back(std::filesystem::last_write_time(file, ec), file);
        }
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& entry : found) {
        const std::filesystem::path& file = entry.second;
        const QString name = QString::fromStdString(file.string());
        const QString when = QFileInfo(name).lastModified().toString(Qt::ISODate);
        const QString text =
            tr("A session was not saved when Crosscheck last closed. Its last autosave, at "
               "%1:\n%2\nRecover it?")
                .arg(when, name);
        const SessionAnswer answer = m_session->ask(SessionQuestion::RecoverSession, text);
        if (answer == SessionAnswer::Yes) {
            openSessionImpl(name, true);
            return;
        }
        if (answer == SessionAnswer::Cancel) {
            return;
        }
        std::error_code ignored;
        std::filesystem::remove(file, ignored);
        std::filesystem::remove(recoveryLockPath(file), ignored);
    }
}

void MainWindow::updateSessionTitle() {
    if (!study()) {
        setWindowTitle(QStringLiteral("Crosscheck"));
        return;
    }
    const bool modified = isSessionModified();
    setWindowTitle(QStringLiteral("%1%2 - Crosscheck")
                       .arg(m_session->displayName(), modified ? QStringLiteral("*") : QString()));
}

}  // namespace crosscheck::app
