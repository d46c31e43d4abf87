// Autosave and recovery in the main window, on the small phantom: autosave writes a
// recovery file that loads to the same document and goes away after a save; a recovery
// file is offered (and recovered) at the next start, continues as the session file it
// came from, asks before saving over a file changed since, is not offered while another
// Crosscheck uses it; the default question is a dialog with Recover / Delete / Later.
#include "tests/gui/SessionUiSupport.h"

using namespace crosscheck::testing;

class SessionRecoveryTest : public SessionUiFixture {
    Q_OBJECT
private slots:
    void initTestCase() { setUpFixture(); }
    void autosaveWritesARecoveryFileThatASaveRemoves();
    void aRecoveryFileIsOfferedAndRecoveredAtStart();
    void recoveredWorkContinuesAsTheFileItCameFrom();
    void recoveringOverAFileChangedSinceAsksBeforeSaving();
    void aRecoveryFileStillInUseIsNotOffered();
    void theDefaultRecoveryQuestionIsADialogWithRecoverDeleteLater();
};

void SessionRecoveryTest::autosaveWritesARecoveryFileThatASaveRemoves() {
    Answers answers;
    MainWindow window;
    QVERIFY(openWithRois(window, answers));
    auto* session = window.sessionController();
    const std::filesystem::path untitled = session->recoveryPath();
    QCOMPARE(untitled.parent_path(), std::filesystem::path(m_recovery.toStdString()));
    QVERIFY(!std::filesystem::exists(untitled));
    QVERIFY(window.autosaveNow());
    QVERIFY(std::filesystem::exists(untitled));
    QVERIFY(cc::loadSession(untitled).document == window.sessionDocument());

    const QString file = sessionPath(QStringLiteral("autosaved.crosscheck.json"));
    QVERIFY(window.saveSessionFileAs(file));
    QVERIFY(!std::filesystem::exists(untitled));
    QVERIFY(!window.autosaveNow());  // nothing modified: nothing written
    QVERIFY(!std::filesystem::exists(session->recoveryPath()));

    window.annotationLayer()->history().undo();  // the ruler goes
    QVERIFY(window.autosaveNow());
    const std::filesystem::path named = session->recoveryPath();
    QVERIFY(named != untitled);
    QVERIFY(std::filesystem::exists(named));
    QCOMPARE(cc::loadSession(named).document.annotations.size(), std::size_t{1});
    QVERIFY(window.saveSessionFile());
    QVERIFY(!std::filesystem::exists(named));
    QVERIFY(answers.asked.empty());
}

void SessionRecoveryTest::aRecoveryFileIsOfferedAndRecoveredAtStart() {
    Crash crash = crashWithUnsavedWork(QString());
    QVERIFY(std::filesystem::exists(crash.recoveryFile));
    // An untitled recovery file is named by its process; the crashed one was another.
    const std::filesystem::path other =
        crash.recoveryFile.parent_path() / "untitled-999999999.recovery.crosscheck.json";
    std::filesystem::rename(crash.recoveryFile, other);
    crash.recoveryFile = other;
    QCOMPARE(cc::findRecoveryFiles(m_recovery.toStdString()),
             std::vector<std::filesystem::path>{crash.recoveryFile});

    {
        Answers answers;
        MainWindow next;
        QVERIFY(recoverInFreshWindow(next, answers));
        QVERIFY(next.sessionDocument() == crash.unsaved);
        QVERIFY(next.isSessionModified());  // recovered work is not saved anywhere yet
        QCOMPARE(next.windowTitle(), QStringLiteral("Untitled* - Crosscheck"));
        // The recovered file is replaced by this window's own recovery file.
        QVERIFY(!std::filesystem::exists(crash.recoveryFile));
        const std::filesystem::path own = next.sessionController()->recoveryPath();
        QVERIFY(std::filesystem::exists(own));
        QVERIFY(cc::loadSession(own).document == crash.unsaved);
        // A window does not offer its own live recovery file.
        answers.asked.clear();
        next.offerRecovery();
        QVERIFY(answers.asked.empty());
        // Destroyed without closing: it crashes too.
    }

    // Declined at the next start: the file is deleted.
    Answers answers;
    answers.recover = SessionAnswer::No;
    MainWindow last;
    prepare(last, answers);
    last.offerRecovery();
    QCOMPARE(answers.asked, std::vector<SessionQuestion>{SessionQuestion::RecoverSession});
    QVERIFY(cc::findRecoveryFiles(m_recovery.toStdString()).empty());
}

void SessionRecoveryTest::recoveredWorkContinuesAsTheFileItCameFrom() {
    const QString file = sessionPath(QStringLiteral("crash.crosscheck.json"));
    const Crash crash = crashWithUnsavedWork(file);
    QVERIFY(std::filesystem::exists(crash.recoveryFile));
    const cc::LoadedSession left = cc::loadSession(crash.recoveryFile);
    QVERIFY(left.recoveryOf.has_value());
    QCOMPARE(left.recoveryOf->sessionPath, std::filesystem::path(file.toStdString()));
    QVERIFY(left.recoveryOf->stamp == cc::stampFile(file.toStdString()));
    const QByteArray savedBeforeCrash = readAll(file);

    Answers answers;
    MainWindow next;
    QVERIFY(recoverInFreshWindow(next, answers));
    QVERIFY(next.sessionDocument() == crash.unsaved);
    QCOMPARE(next.windowTitle(), QStringLiteral("crash.crosscheck.json* - Crosscheck"));
    QCOMPARE(readAll(file), savedBeforeCrash);  // nothing written until the user saves
    // Ctrl+S goes to that file, without asking for a name (the chooser would refuse).
    QVERIFY(next.saveSessionFile());
    QCOMPARE(answers.asked.size(), std::size_t{1});
    QVERIFY(cc::loadSession(file.toStdString()).document == crash.unsaved);
    QVERIFY(!next.isSessionModified());
    QVERIFY(cc::findRecoveryFiles(m_recovery.toStdString()).empty());
}

void SessionRecoveryTest::recoveringOverAFileChangedSinceAsksBeforeSaving() {
    const QString file = sessionPath(QStringLiteral("crash-changed.crosscheck.json"));
    const Crash crash = crashWithUnsavedWork(file);
    QVERIFY(std::filesystem::exists(crash.recoveryFile));
    // After the crash someone else saves the file.
    cc::SessionDocument theirs = crash.unsaved;
    theirs.annotations.clear();
    cc::saveSession(theirs, file.toStdString());
    const QByteArray onDisk = readAll(file);

    Answers answers;
    MainWindow next;
    QVERIFY(recoverInFreshWindow(next, answers));
    answers.overwrite = SessionAnswer::No;
    QVERIFY(!next.saveSessionFile());
    QCOMPARE(answers.asked.back(), SessionQuestion::OverwriteChangedFile);
    QCOMPARE(readAll(file), onDisk);
    QVERIFY(next.isSessionModified());
    // Nothing lost: the recovery file still holds the work.
    const std::filesystem::path recovery = next.sessionController()->recoveryPath();
    QVERIFY(cc::loadSession(recovery).document == crash.unsaved);
    std::filesystem::remove(recovery);  // the tests after this one expect no recovery files
}

void SessionRecoveryTest::aRecoveryFileStillInUseIsNotOffered() {
    Answers liveAnswers;
    MainWindow live;  // another Crosscheck, still running with unsaved work
    QVERIFY(openWithRois(live, liveAnswers));
    QVERIFY(live.autosaveNow());
    const std::filesystem::path file = live.sessionController()->recoveryPath();
    QVERIFY(std::filesystem::exists(file));

    Answers answers;
    MainWindow starting;
    prepare(starting, answers);
    starting.offerRecovery();
    QVERIFY(answers.asked.empty());  // not offered, so neither taken over nor deleted
    QVERIFY(std::filesystem::exists(file));
    QVERIFY(cc::loadSession(file).document == live.sessionDocument());
    std::filesystem::remove(file);  // the tests after this one expect no recovery files
}

void SessionRecoveryTest::theDefaultRecoveryQuestionIsADialogWithRecoverDeleteLater() {
    const std::filesystem::path dir = m_recovery.toStdString();
    std::filesystem::create_directories(dir);
    QVERIFY(cc::findRecoveryFiles(dir).empty());  // else more than one question would come
    const std::filesystem::path left = dir / "old-0000abcd.recovery.crosscheck.json";
    cc::saveSession(cc::SessionDocument{}, left);
    MainWindow window;
    window.sessionController()->setRecoveryDirectory(dir);
    window.sessionController()->setAutosaveInterval(0);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // The real dialog (no asker replaced), answered by a timer: "Delete".
    QStringList buttons;
    QString text;
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) {
            return;
        }
        poll.stop();
        text = box->text();
        const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
        if (!docs.isEmpty()) {
            box->grab().save(docs + QStringLiteral("/session-recovery-question.png"));
        }
        QPushButton* remove = nullptr;
        for (QAbstractButton* b : box->buttons()) {
            buttons << b->text();
            if (b->text() == QStringLiteral("Delete")) {
                remove = qobject_cast<QPushButton*>(b);
            }
        }
        if (remove) {
            remove->click();
        } else {
            box->reject();
        }
    });
    poll.start(50);
    window.offerRecovery();
    QVERIFY(text.contains(QString::fromStdString(left.string())));
    buttons.sort();
    QCOMPARE(buttons, (QStringList{QStringLiteral("Delete"), QStringLiteral("Later"),
                                   QStringLiteral("Recover")}));
    QVERIFY(!std::filesystem::exists(left));
}

QTEST_MAIN(SessionRecoveryTest)
#include "SessionRecoveryTest.moc"
