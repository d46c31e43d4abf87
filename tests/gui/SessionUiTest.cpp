// Sessions in the main window, on the small phantom: save then open in a fresh window
// gives the same document, annotations and measurements (and, opened by the application,
// is compared and keeps its cursor); a file changed on disk is not overwritten without a
// Yes; unsaved annotations or a hand-adjusted registration are asked about before the
// window closes; an unreadable file is named with the reason.
#include "tests/gui/SessionUiSupport.h"

using namespace crosscheck::testing;

class SessionUiTest : public SessionUiFixture {
    Q_OBJECT
private slots:
    void initTestCase() { setUpFixture(); }
    void aSavedSessionOpensInAFreshWindowToTheSameState();
    void anOpenedSessionIsComparedAndKeepsItsCursor();
    void aFileChangedOnDiskIsNotOverwrittenWithoutAYes();
    void closingWithUnsavedAnnotationsAsks();
    void aHandAdjustedRegistrationCountsAsUnsaved();
    void anUnreadableSessionFileIsNamedWithTheReason();
};

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

QTEST_MAIN(SessionUiTest)
#include "SessionUiTest.moc"
