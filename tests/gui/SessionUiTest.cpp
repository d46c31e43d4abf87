// Sessions in the main window, on the small phantom: save then open in a fresh window
// gives the same document, annotations and measurements; a file changed on disk is not
// overwritten without a Yes; autosave writes a recovery file that loads to the same
// document, goes away after a save, and is offered (and recovered) at the next start;
// unsaved annotations are asked about before the window closes.
#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <filesystem>
#include <vector>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "app/gui/SessionController.h"
#include "core/model/Study.h"
#include "core/session/SessionFile.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/MeasurementTable.h"
#include "viewer/state/ViewState.h"

using crosscheck::app::MainWindow;
using crosscheck::app::SessionAnswer;
using crosscheck::app::SessionQuestion;
namespace cc = crosscheck;

namespace {

/// Answers the window's questions without a dialog and remembers what was asked.
struct Answers {
    SessionAnswer overwrite = SessionAnswer::No;
    SessionAnswer unsaved = SessionAnswer::Cancel;
    SessionAnswer recover = SessionAnswer::Cancel;
    std::vector<SessionQuestion> asked;
    QStringList texts;
};

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString json(const cc::SessionDocument& d) {
    return QString::fromStdString(cc::toJson(d).dump(1));
}

/// The window with its GL panes drawn in (QWidget::grab alone leaves them empty) and its
/// title above it, as the title bar would show it.
QImage composeWindow(MainWindow& window) {
    const QImage body = window.grab().toImage();
    QImage out(body.width(), body.height() + 28, QImage::Format_RGB32);
    out.fill(QColor(60, 60, 60));
    QPainter painter(&out);
    painter.setPen(Qt::white);
    painter.drawText(QRect(0, 0, out.width(), 28), Qt::AlignCenter, window.windowTitle());
    painter.drawImage(0, 28, body);
    for (auto* pane : window.paneGrid()->visiblePanes()) {
        painter.drawImage(pane->mapTo(&window, QPoint(0, 0)) + QPoint(0, 28),
                          pane->grabFramebuffer());
    }
    return out;
}

}  // namespace

class SessionUiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aSavedSessionOpensInAFreshWindowToTheSameState();
    void anOpenedSessionIsComparedAndKeepsItsCursor();
    void aFileChangedOnDiskIsNotOverwrittenWithoutAYes();
    void autosaveWritesARecoveryFileThatASaveRemoves();
    void aRecoveryFileIsOfferedAndRecoveredAtStart();
    void recoveredWorkContinuesAsTheFileItCameFrom();
    void recoveringOverAFileChangedSinceAsksBeforeSaving();
    void aRecoveryFileStillInUseIsNotOffered();
    void closingWithUnsavedAnnotationsAsks();
    void aHandAdjustedRegistrationCountsAsUnsaved();
    void theDefaultRecoveryQuestionIsADialogWithRecoverDeleteLater();
    void anUnreadableSessionFileIsNamedWithTheReason();

private:
    struct Crash {
        std::filesystem::path recoveryFile;
        cc::SessionDocument unsaved;
    };
    /// A window with two ROIs (saved as `savedAs` unless empty) undoes one, autosaves and
    /// is destroyed without closing: what a crash leaves behind.
    Crash crashWithUnsavedWork(const QString& savedAs);
    /// Shows a fresh window and answers its recovery offer with Recover.
    bool recoverInFreshWindow(MainWindow& window, Answers& answers);
    void prepare(MainWindow& window, Answers& answers);
    /// prepare(), then the window shown at 1400 x 900; false when it never showed.
    bool showPrepared(MainWindow& window, Answers& answers);
    bool openWithRois(MainWindow& window, Answers& answers);
    QString sessionPath(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_study;
    QString m_recovery;
    cc::PhantomGroundTruth m_truth;
};

void SessionUiTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_study = m_dir.filePath(QStringLiteral("study"));
    m_recovery = m_dir.filePath(QStringLiteral("recovery"));
    m_truth = cc::testing::writeSmallPhantom(m_study, 5);
}

bool SessionUiTest::showPrepared(MainWindow& window, Answers& answers) {
    prepare(window, answers);
    window.resize(1400, 900);
    window.show();
    return QTest::qWaitForWindowExposed(&window);
}

void SessionUiTest::prepare(MainWindow& window, Answers& answers) {
    auto* session = window.sessionController();
    session->setRecoveryDirectory(m_recovery.toStdString());
    session->setAutosaveInterval(0);  // the test calls autosaveNow() itself
    session->setAsker([&answers](SessionQuestion q, const QString& text) {
        answers.asked.push_back(q);
        answers.texts << text;
        switch (q) {
            case SessionQuestion::OverwriteChangedFile:
                return answers.overwrite;
            case SessionQuestion::SaveUnsavedAnnotations:
                return answers.unsaved;
            case SessionQuestion::RecoverSession:
                return answers.recover;
            case SessionQuestion::Error:
                break;
        }
        return SessionAnswer::Cancel;
    });
    session->setPathChooser([] { return QString(); });
}

/// The phantom aligned through its true transform, an ellipse and a ruler on the tumour,
/// a bone-like Hounsfield window, the 1x4 layout and the cursor on the tumour.
bool SessionUiTest::openWithRois(MainWindow& window, Answers& answers) {
    prepare(window, answers);
    if (!cc::testing::openStudy(window, m_study, QSize(1400, 900))) {
        return false;
    }
    cc::testing::alignWithGroundTruth(window, m_truth);
    const Eigen::Vector3d c = m_truth.tumor.centerCtMm;
    const std::string frame = window.study()->referenceFrameUid;
    window.annotationLayer()->addRoi(cc::Roi::ellipse(
        frame, c, Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(), Eigen::Vector2d(4.0, 3.0)));
    window.annotationLayer()->addRoi(
        cc::Roi::ruler(frame, c - Eigen::Vector3d(7, 0, 0), c + Eigen::Vector3d(7, 0, 0)));
    window.viewState()->setWindow(cc::viewer::WindowGroup::Hounsfield,
                                  cc::WindowLevel{900.0, 150.0});
    window.paneGrid()->setLayoutName(QStringLiteral("1x4"));
    window.viewState()->setCursor(cc::PatientPoint{c});
    window.viewState()->flush();
    return true;
}

void SessionUiTest::aSavedSessionOpensInAFreshWindowToTheSameState() {
    Answers firstAnswers;
    MainWindow first;
    QVERIFY(openWithRois(first, firstAnswers));
    QVERIFY(first.isSessionModified());
    QCOMPARE(first.windowTitle(), QStringLiteral("Untitled* - Crosscheck"));
    // Not the default arrangement: the CT pane coronal, the last pane showing the T2w too.
    auto& panes = first.paneGrid()->panes();
    panes[0]->setOrientation(cc::ViewOrientation::Coronal);
    const QString t2 =
        QString::fromStdString(first.study()->find(cc::SeriesRole::T2w)->info.seriesInstanceUid);
    emit panes[3]->seriesDropped(t2);
    QCOMPARE(panes[3]->series().seriesInstanceUid, t2);
    const QString file = sessionPath(QStringLiteral("case.crosscheck.json"));
    QVERIFY(first.saveSessionFileAs(file));
    QVERIFY(!first.isSessionModified());
    QCOMPARE(first.windowTitle(), QStringLiteral("case.crosscheck.json - Crosscheck"));
    const cc::SessionDocument saved = first.sessionDocument();
    QCOMPARE(saved.annotations.size(), std::size_t{2});
    QCOMPARE(saved.series.size(), std::size_t{4});
    QCOMPARE(saved.transforms.size(), std::size_t{1});
    QCOMPARE(saved.layout, std::string("1x4"));
    QCOMPARE(saved.windows.at("CT").width, 900.0);
    QVERIFY(saved.windows.count("T1w") == 1 && saved.windows.count("T2w") == 1);
    QVERIFY(cc::loadSession(file.toStdString()).document == saved);
    QTableWidget* firstTable = first.measurementTable()->table();
    QTRY_VERIFY(firstTable->rowCount() >= 8);  // two ROIs, four series each

    Answers secondAnswers;
    MainWindow second;
    QVERIFY(showPrepared(second, secondAnswers));
    QSignalSpy opened(&second, &MainWindow::sessionOpened);
    second.openSessionFile(file);
    QVERIFY(opened.wait(60000));
    QCOMPARE(opened.front().front().toString(), file);

    const cc::SessionDocument restored = second.sessionDocument();
    QVERIFY2(restored == saved, qPrintable(json(restored) + "\n!=\n" + json(saved)));
    QCOMPARE(second.paneGrid()->panes()[0]->orientation(), cc::ViewOrientation::Coronal);
    QCOMPARE(second.paneGrid()->panes()[3]->series().seriesInstanceUid, t2);
    QVERIFY(second.annotationLayer()->history().annotations() ==
            first.annotationLayer()->history().annotations());
    QVERIFY(!second.isSessionModified());
    QVERIFY(!second.annotationLayer()->history().canUndo());
    QCOMPARE(second.windowTitle(), QStringLiteral("case.crosscheck.json - Crosscheck"));
    QCOMPARE(second.paneGrid()->layoutName(), QStringLiteral("1x4"));
    QTableWidget* secondTable = second.measurementTable()->table();
    QTRY_COMPARE(secondTable->rowCount(), firstTable->rowCount());
    QCOMPARE(second.measurementTable()->toTsv(), first.measurementTable()->toTsv());
    QVERIFY(secondAnswers.asked.empty());

    // For the user guide: CROSSCHECK_DOC_IMAGES=DIR saves what this test sees.
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        auto* ct = second.paneGrid()->panes().front();
        ct->setOrientation(cc::ViewOrientation::Axial);
        second.paneGrid()->setLayoutName(QStringLiteral("2x2"));
        for (auto* pane : second.paneGrid()->visiblePanes()) {
            QSignalSpy painted(pane, &crosscheck::viewer::VtkRenderWidget::framePainted);
            pane->update();
            QVERIFY(painted.wait(20000));
        }
        QVERIFY(composeWindow(second)
                    .scaledToWidth(1000, Qt::SmoothTransformation)
                    .save(docs + QStringLiteral("/session-restored.png")));
        QVERIFY(ct->grabFramebuffer().save(docs + QStringLiteral("/session-restored-ct.png")));
    }
}

void SessionUiTest::anOpenedSessionIsComparedAndKeepsItsCursor() {
    // The session the test before this one saved: CT, sCT, the MR frame's transform.
    const QString file = sessionPath(QStringLiteral("case.crosscheck.json"));
    QVERIFY(QFile::exists(file));
    const cc::SessionDocument saved = cc::loadSession(file.toStdString()).document;
    QVERIFY(saved.cursorMm.has_value());
    Answers answers;
    MainWindow window;
    window.setCompareOnOpen(true);  // as the application does
    QVERIFY(showPrepared(window, answers));
    QSignalSpy settled(&window, &MainWindow::openingSettled);
    window.openSessionFile(file);
    QVERIFY(settled.wait(60000));
    QVERIFY(window.discrepancyLayer()->hasResult());
    QVERIFY(!window.discrepancyLayer()->result()->regions.empty());
    // A session opens where it was left, not on the finding; comparing is not an edit.
    QVERIFY((window.viewState()->cursor().mm - *saved.cursorMm).norm() < 1e-6);
    QVERIFY(!window.isSessionModified());
    QVERIFY(answers.asked.empty());
}

void SessionUiTest::aFileChangedOnDiskIsNotOverwrittenWithoutAYes() {
    Answers answers;
    MainWindow window;
    QVERIFY(openWithRois(window, answers));
    const QString file = sessionPath(QStringLiteral("changed.crosscheck.json"));
    QVERIFY(window.saveSessionFileAs(file));

    // Someone else saves the same file: another layout, no annotations.
    cc::SessionDocument theirs = window.sessionDocument();
    theirs.layout = "1x1";
    theirs.annotations.clear();
    cc::saveSession(theirs, file.toStdString());
    const QByteArray onDisk = readAll(file);

    const Eigen::Vector3d c = m_truth.tumor.centerCtMm;
    window.annotationLayer()->addRoi(cc::Roi::point(window.study()->referenceFrameUid, c));
    answers.overwrite = SessionAnswer::No;
    QVERIFY(!window.saveSessionFile());
    QCOMPARE(answers.asked, std::vector<SessionQuestion>{SessionQuestion::OverwriteChangedFile});
    QVERIFY(answers.texts.front().contains(QStringLiteral("changed on disk")));
    QCOMPARE(readAll(file), onDisk);
    QVERIFY(window.isSessionModified());
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("changed.crosscheck.json*")));

    answers.overwrite = SessionAnswer::Yes;
    QVERIFY(window.saveSessionFile());
    QCOMPARE(answers.asked.size(), std::size_t{2});
    QVERIFY(cc::loadSession(file.toStdString()).document == window.sessionDocument());
    QCOMPARE(cc::loadSession(file.toStdString()).document.annotations.size(), std::size_t{3});
    // Saved by this window: the next save does not ask.
    QVERIFY(window.saveSessionFile());
    QCOMPARE(answers.asked.size(), std::size_t{2});
}

void SessionUiTest::autosaveWritesARecoveryFileThatASaveRemoves() {
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

SessionUiTest::Crash SessionUiTest::crashWithUnsavedWork(const QString& savedAs) {
    Crash crash;
    Answers answers;
    MainWindow crashed;
    if (!openWithRois(crashed, answers)) {
        return crash;
    }
    if (!savedAs.isEmpty() && !crashed.saveSessionFileAs(savedAs)) {
        return crash;
    }
    crashed.annotationLayer()->history().undo();
    if (crashed.autosaveNow()) {
        crash.recoveryFile = crashed.sessionController()->recoveryPath();
        crash.unsaved = crashed.sessionDocument();
    }
    // Destroyed without closing, as a crash would leave it.
    return crash;
}

bool SessionUiTest::recoverInFreshWindow(MainWindow& window, Answers& answers) {
    answers.recover = SessionAnswer::Yes;
    if (!showPrepared(window, answers)) {
        return false;
    }
    QSignalSpy opened(&window, &MainWindow::sessionOpened);
    window.offerRecovery();
    return answers.asked == std::vector<SessionQuestion>{SessionQuestion::RecoverSession} &&
           opened.wait(60000);
}

void SessionUiTest::aRecoveryFileIsOfferedAndRecoveredAtStart() {
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

void SessionUiTest::recoveredWorkContinuesAsTheFileItCameFrom() {
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

void SessionUiTest::recoveringOverAFileChangedSinceAsksBeforeSaving() {
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

void SessionUiTest::aRecoveryFileStillInUseIsNotOffered() {
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

void SessionUiTest::aHandAdjustedRegistrationCountsAsUnsaved() {
    Answers answers;
    MainWindow window;
    QVERIFY(openWithRois(window, answers));
    const QString file = sessionPath(QStringLiteral("nudged.crosscheck.json"));
    QVERIFY(window.saveSessionFileAs(file));
    QVERIFY(!window.isSessionModified());
    // Alt + arrow on the T1w pane: 0.5 mm along x, a registration correction by hand.
    Eigen::Matrix4d delta = Eigen::Matrix4d::Identity();
    delta(0, 3) = 0.5;
    window.nudgeSeries(
        QString::fromStdString(window.study()->find(cc::SeriesRole::T1w)->info.seriesInstanceUid),
        delta);
    QVERIFY(window.isSessionModified());
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("nudged.crosscheck.json*")));
    QVERIFY(window.saveSessionFile());
    QVERIFY(!window.isSessionModified());
    // The saved transform is the adjusted one.
    const auto saved = cc::loadSession(file.toStdString()).document;
    const auto live = window.sessionDocument().transforms;
    QCOMPARE(saved.transforms.size(), live.size());
    QVERIFY(!live.empty());
    for (std::size_t i = 0; i < live.size(); ++i) {
        QVERIFY(saved.transforms[i].fromToTo.isApprox(live[i].fromToTo, 1e-12));
        QVERIFY(saved.transforms[i].provenance.adjustedByHand);
    }
}

void SessionUiTest::closingWithUnsavedAnnotationsAsks() {
    Answers answers;
    MainWindow window;
    QVERIFY(openWithRois(window, answers));
    QVERIFY(window.autosaveNow());
    const std::filesystem::path recovery = window.sessionController()->recoveryPath();
    QVERIFY(std::filesystem::exists(recovery));

    answers.unsaved = SessionAnswer::Cancel;
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    QCOMPARE(answers.asked, std::vector<SessionQuestion>{SessionQuestion::SaveUnsavedAnnotations});
    QVERIFY(answers.texts.front().contains(QStringLiteral("Untitled")));

    // Opening another study asks the same question; Cancel keeps everything.
    QSignalSpy shown(&window, &MainWindow::studyShown);
    window.openPaths({m_study});
    QCOMPARE(answers.asked.size(), std::size_t{2});
    QCOMPARE(window.annotationLayer()->history().annotations().size(), std::size_t{2});

    answers.unsaved = SessionAnswer::No;
    QVERIFY(window.close());
    QVERIFY(!window.isVisible());
    QVERIFY(!std::filesystem::exists(recovery));  // a clean close leaves no recovery file
    QCOMPARE(shown.count(), 0);
}

void SessionUiTest::theDefaultRecoveryQuestionIsADialogWithRecoverDeleteLater() {
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

void SessionUiTest::anUnreadableSessionFileIsNamedWithTheReason() {
    const QString file = sessionPath(QStringLiteral("broken.crosscheck.json"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("{\"format\": \"crosscheck-session\", \"version\": ");
    out.close();
    Answers answers;
    MainWindow window;
    prepare(window, answers);
    QSignalSpy failed(&window, &MainWindow::loadFailed);
    window.openSessionFile(file);
    QVERIFY(failed.wait(5000));
    QCOMPARE(answers.asked, std::vector<SessionQuestion>{SessionQuestion::Error});
    QVERIFY(answers.texts.front().startsWith(file + QStringLiteral(": not valid JSON")));
    QVERIFY(!window.study());
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    SessionUiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "SessionUiTest.moc"
