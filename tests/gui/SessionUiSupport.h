#pragma once
// What the session GUI tests share: answers to the window's questions without a dialog,
// the small phantom on disk, a window opened on it with two ROIs, and a "crash" that
// leaves a recovery file behind.
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

namespace crosscheck::testing {

using app::MainWindow;
using app::SessionAnswer;
using app::SessionQuestion;
namespace cc = crosscheck;

/// Answers the window's questions without a dialog and remembers what was asked.
struct Answers {
    SessionAnswer overwrite = SessionAnswer::No;
    SessionAnswer unsaved = SessionAnswer::Cancel;
    SessionAnswer recover = SessionAnswer::Cancel;
    std::vector<SessionQuestion> asked;
    QStringList texts;
};

inline QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline QString json(const cc::SessionDocument& d) {
    return QString::fromStdString(cc::toJson(d).dump(1));
}

/// The window with its GL panes drawn in (QWidget::grab alone leaves them empty) and its
/// title above it, as the title bar would show it.
inline QImage composeWindow(MainWindow& window) {
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

class SessionUiFixture : public QObject {
protected:
    /// The phantom and the recovery folder, once per test case.
    void setUpFixture();

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

inline void SessionUiFixture::setUpFixture() {
    QVERIFY(m_dir.isValid());
    m_study = m_dir.filePath(QStringLiteral("study"));
    m_recovery = m_dir.filePath(QStringLiteral("recovery"));
    m_truth = cc::testing::writeSmallPhantom(m_study, 5);
}

inline bool SessionUiFixture::showPrepared(MainWindow& window, Answers& answers) {
    prepare(window, answers);
    window.resize(1400, 900);
    window.show();
    return QTest::qWaitForWindowExposed(&window);
}

inline void SessionUiFixture::prepare(MainWindow& window, Answers& answers) {
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
inline bool SessionUiFixture::openWithRois(MainWindow& window, Answers& answers) {
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

inline SessionUiFixture::Crash SessionUiFixture::crashWithUnsavedWork(const QString& savedAs) {
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

inline bool SessionUiFixture::recoverInFreshWindow(MainWindow& window, Answers& answers) {
    answers.recover = SessionAnswer::Yes;
    if (!showPrepared(window, answers)) {
        return false;
    }
    QSignalSpy opened(&window, &MainWindow::sessionOpened);
    window.offerRecovery();
    return answers.asked == std::vector<SessionQuestion>{SessionQuestion::RecoverSession} &&
           opened.wait(60000);
}

}  // namespace crosscheck::testing
