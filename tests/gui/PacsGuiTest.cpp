// The study browser, the node settings and File > Send report to PACS against a REAL
// Orthanc on loopback (tests/pacs/orthanc.sh: free ports, private storage, stopped at the
// end), never a mock. The small phantom is stored in it; then: Echo in the node settings
// (ok with the node's address, and a node on a closed port named with "connection
// refused"); a search by patient name in the browser lists the study and its series; a
// retrieve lands every instance in the local database (store under XDG_DATA_HOME) and Open
// loads exactly those indexed files, giving the panes the original voxels (sha256 as
// `crosscheck-cli info`); a node that is down is one sentence naming it; the same Orthanc
// as a DICOMweb node is searched (QIDO-RS) and a series retrieved (WADO-RS); Send report to
// PACS puts the report's SR and SEG into Orthanc, found again through its REST API.
// CROSSCHECK_DOC_IMAGES=DIR saves the browser, the node settings and the window after a
// send for the user guide.
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QProgressBar>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <filesystem>
#include <map>

#include "app/gui/MainWindow.h"
#include "app/gui/PacsFlow.h"
#include "core/db/StudyDatabase.h"
#include "core/dicom/VoxelSummary.h"
#include "core/model/Study.h"
#include "core/pacs/DimseClient.h"
#include "core/pacs/PacsNodeList.h"
#include "tests/gui/PhantomGuiSupport.h"
#include "viewer/pacs/NodeSettingsDialog.h"
#include "viewer/pacs/StudyBrowser.h"
#include "viewer/pacs/StudyResultsTree.h"
#include "viewer/pacs/StudySearchForm.h"
#include "viewer/roi/AnnotationLayer.h"

namespace cc = crosscheck;
namespace fs = std::filesystem;
using cc::app::MainWindow;

class PacsGuiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void theNodeSettingsEchoTheNodeOrSayWhyNot();
    void aTlsNodeIsEchoedWithItsCaAndRefusedWithAnotherOne();
    void aSearchByPatientNameListsTheStudyAndItsSeries();
    void aRetrievedStudyIsIndexedAndOpensWithTheOriginalVoxels();
    void aCancelledRetrieveLeavesOnlyCompleteFiles();
    void aNodeThatIsDownIsOneSentenceNamingIt();
    void aDicomWebNodeIsSearchedAndRetrievedFromTheSameWay();
    void sendReportToPacsPutsTheSrAndSegIntoOrthanc();

private:
    /// Runs orthanc.sh with these arguments; its standard output.
    QString orthancScript(const QStringList& args) const;
    /// Starts an Orthanc in `dir` (orthanc.sh start DIR EXTRA...); the variables it prints
    /// (ORTHANC_AET, ORTHANC_DICOM_PORT, ...), empty when it did not start.
    QMap<QString, QString> startOrthanc(const QString& dir, const QStringList& extra) const;
    /// Orthanc's REST /tools/find for instances of this modality: how many.
    int orthancInstances(const QString& modality) const;
    void writeNodes(const QString& address) const;
    /// Searches in the browser; the finished signal's (ok, message).
    static QList<QVariant> searchOnce(cc::viewer::StudyBrowser* browser);

    QTemporaryDir m_dir;
    QString m_orthancDir;
    QString m_phantom;
    QString m_node;      // AET@127.0.0.1:PORT
    QString m_rest;      // http://127.0.0.1:PORT
    QString m_dicomWeb;  // http://127.0.0.1:PORT/dicom-web
    cc::PhantomGroundTruth m_truth;
    std::string m_studyUid;
    std::map<std::string, std::string> m_originalSha;  // series UID -> voxel sha256
    int m_files = 0;
};

QString PacsGuiTest::orthancScript(const QStringList& args) const {
    QProcess script;
    script.start(QStringLiteral(CROSSCHECK_SOURCE_DIR "/tests/pacs/orthanc.sh"), args);
    if (!script.waitForFinished(120000) || script.exitCode() != 0) {
        qWarning("orthanc.sh %s: %s", qPrintable(args.join(' ')),
                 script.readAllStandardError().constData());
        return {};
    }
    return QString::fromLocal8Bit(script.readAllStandardOutput());
}

QMap<QString, QString> PacsGuiTest::startOrthanc(const QString& dir,
                                                 const QStringList& extra) const {
    QMap<QString, QString> vars;
    if (!QDir().mkpath(dir)) {
        return vars;
    }
    const QString env = orthancScript(QStringList{QStringLiteral("start"), dir} + extra);
    for (const QString& line : env.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        vars[line.section(QLatin1Char('='), 0, 0)] = line.section(QLatin1Char('='), 1);
    }
    return vars;
}

int PacsGuiTest::orthancInstances(const QString& modality) const {
    QProcess curl;
    curl.start(
        QStringLiteral("curl"),
        {QStringLiteral("-sf"), QStringLiteral("-X"), QStringLiteral("POST"),
         m_rest + QStringLiteral("/tools/find"), QStringLiteral("-d"),
         QStringLiteral("{\"Level\":\"Instance\",\"Query\":{\"Modality\":\"%1\"}}").arg(modality)});
    if (!curl.waitForFinished(30000) || curl.exitCode() != 0) {
        return -1;
    }
    return static_cast<int>(QJsonDocument::fromJson(curl.readAllStandardOutput()).array().size());
}

void PacsGuiTest::writeNodes(const QString& address) const {
    cc::ConfiguredNode node;
    node.name = "Test Orthanc";
    node.address = address.toStdString();
    node.timeoutSeconds = 20;
    cc::saveNodeList(cc::defaultNodeListLocation(), {node});
}

QList<QVariant> PacsGuiTest::searchOnce(cc::viewer::StudyBrowser* browser) {
    QSignalSpy finished(browser, &cc::viewer::StudyBrowser::searchFinished);
    browser->search();
    if (finished.isEmpty() && !finished.wait(60000)) {
        return {};
    }
    return finished.takeFirst();
}

void PacsGuiTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    // Every place the viewer keeps things (node list, database, store) inside the test's folder.
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toLocal8Bit());
    m_phantom = m_dir.filePath(QStringLiteral("phantom"));
    m_truth = cc::testing::writeSmallPhantom(m_phantom, 11);
    const cc::Study original = cc::loadStudy({m_phantom.toStdString()});
    for (const cc::LoadedSeries& s : original.series) {
        m_originalSha[s.info.seriesInstanceUid] = cc::summarizeVoxels(*s.volume).sha256;
        m_studyUid = s.info.studyInstanceUid;
    }
    QVERIFY(!m_originalSha.empty());

    m_orthancDir = m_dir.filePath(QStringLiteral("orthanc"));
    QMap<QString, QString> vars = startOrthanc(m_orthancDir, {QStringLiteral("--dicomweb")});
    QVERIFY2(!vars.isEmpty(), "orthanc.sh start failed");
    m_node = QStringLiteral("%1@127.0.0.1:%2").arg(vars["ORTHANC_AET"], vars["ORTHANC_DICOM_PORT"]);
    m_rest = vars["ORTHANC_URL"];
    m_dicomWeb = vars["ORTHANC_DICOMWEB"];
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(m_phantom.toStdString())) {
        if (e.path().extension() == ".dcm") {
            files.push_back(e.path().string());
        }
    }
    m_files = static_cast<int>(files.size());
    cc::DimseClient client(cc::parsePacsNode(m_node.toStdString()));
    const cc::StoreResult stored = client.store(files, {});
    QCOMPARE(stored.sent, m_files);
    writeNodes(m_node);
}

void PacsGuiTest::cleanupTestCase() {
    if (!m_orthancDir.isEmpty()) {
        orthancScript({QStringLiteral("stop"), m_orthancDir});
    }
}

void PacsGuiTest::theNodeSettingsEchoTheNodeOrSayWhyNot() {
    cc::viewer::NodeSettingsDialog dialog(cc::defaultNodeListLocation());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.nodeList()->count(), 1);
    QCOMPARE(dialog.addressField()->text(), m_node);
    QSignalSpy echoed(&dialog, &cc::viewer::NodeSettingsDialog::echoFinished);
    dialog.echoSelected();
    QVERIFY(echoed.wait(30000));
    qInfo("%s", qPrintable(echoed.at(0).at(1).toString()));
    QVERIFY2(echoed.at(0).at(0).toBool(), qPrintable(echoed.at(0).at(1).toString()));
    QVERIFY(echoed.at(0).at(1).toString().startsWith(m_node + QStringLiteral(" answers (")));
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        dialog.grab().save(docs + QStringLiteral("/pacs-node-settings.png"));
    }
    // A port nothing listens on, typed into the form (not saved): the sentence names it.
    const QString closed = QStringLiteral("ORTHANC@127.0.0.1:%1")
                               .arg(orthancScript({QStringLiteral("free-port")}).trimmed());
    dialog.addressField()->setText(closed);
    emit dialog.addressField()->textEdited(closed);
    echoed.clear();
    dialog.echoSelected();
    QVERIFY(echoed.wait(30000));
    QVERIFY(!echoed.at(0).at(0).toBool());
    const QString why = echoed.at(0).at(1).toString();
    QVERIFY2(why.startsWith(closed + QStringLiteral(": connection refused")), qPrintable(why));
}

void PacsGuiTest::aTlsNodeIsEchoedWithItsCaAndRefusedWithAnotherOne() {
    // A second Orthanc that speaks only DICOM TLS, with throw-away certificates.
    const QString certs = m_dir.filePath(QStringLiteral("certs"));
    QProcess makeCerts;
    makeCerts.start(QStringLiteral(CROSSCHECK_SOURCE_DIR "/tests/pacs/make_tls_certs.sh"), {certs});
    QVERIFY(makeCerts.waitForFinished(60000) && makeCerts.exitCode() == 0);
    const QString tlsDir = m_dir.filePath(QStringLiteral("orthanc-tls"));
    QMap<QString, QString> vars = startOrthanc(tlsDir, {QStringLiteral("--tls"), certs});
    QVERIFY2(!vars.isEmpty(), "orthanc.sh start --tls failed");
    const auto stop = qScopeGuard([&] { orthancScript({QStringLiteral("stop"), tlsDir}); });
    const QString node =
        QStringLiteral("%1@127.0.0.1:%2").arg(vars["ORTHANC_AET"], vars["ORTHANC_DICOM_PORT"]);

    const QString nodeFile = m_dir.filePath(QStringLiteral("tls-nodes.json"));
    cc::viewer::NodeSettingsDialog dialog(nodeFile.toStdString());
    dialog.addNode();
    const auto type = [](QLineEdit* field, const QString& text) {
        field->setText(text);
        emit field->textEdited(text);
    };
    type(dialog.nameField(), QStringLiteral("TLS Orthanc"));
    type(dialog.addressField(), node);
    dialog.tlsField()->setChecked(true);
    type(dialog.tlsCaField(), certs + QStringLiteral("/ca.crt"));
    QSignalSpy echoed(&dialog, &cc::viewer::NodeSettingsDialog::echoFinished);
    dialog.echoSelected();
    QVERIFY(echoed.wait(30000));
    QVERIFY2(echoed.at(0).at(0).toBool(), qPrintable(echoed.at(0).at(1).toString()));
    QVERIFY(dialog.save());
    const std::vector<cc::ConfiguredNode> saved = cc::loadNodeList(nodeFile.toStdString());
    QCOMPARE(saved.size(), std::size_t{1});
    QVERIFY(saved[0].useTls);
    QCOMPARE(QString::fromStdString(saved[0].tlsCaFile), certs + QStringLiteral("/ca.crt"));

    // A CA that signed none of Orthanc's certificates: refused, naming the node.
    type(dialog.tlsCaField(), certs + QStringLiteral("/other-ca.crt"));
    echoed.clear();
    dialog.echoSelected();
    QVERIFY(echoed.wait(30000));
    QVERIFY(!echoed.at(0).at(0).toBool());
    const QString why = echoed.at(0).at(1).toString();
    QVERIFY2(why.startsWith(node + QStringLiteral(": TLS handshake failed")), qPrintable(why));
}

void PacsGuiTest::aSearchByPatientNameListsTheStudyAndItsSeries() {
    MainWindow window;
    cc::viewer::StudyBrowser* browser = window.pacsFlow()->browser();
    window.pacsFlow()->showBrowser();
    QVERIFY(QTest::qWaitForWindowExposed(window.pacsFlow()->browserWindow()));
    QCOMPARE(browser->sources()->count(), 2);  // the local database and the one node
    QVERIFY(browser->selectNode(QStringLiteral("Test Orthanc")));
    browser->searchForm()->patientNameField()->setText(QStringLiteral("PHANTOM*"));
    const QList<QVariant> found = searchOnce(browser);
    QVERIFY2(found.value(0).toBool(), qPrintable(found.value(1).toString()));
    QCOMPARE(found.at(1).toString(), QStringLiteral("1 study found in %1.").arg(m_node));
    auto* results = browser->results();
    QCOMPARE(results->topLevelItemCount(), 1);
    QTreeWidgetItem* study = results->topLevelItem(0);
    QCOMPARE(study->data(0, cc::viewer::StudyResultsTree::kStudyUidRole).toString().toStdString(),
             m_studyUid);
    QCOMPARE(study->text(cc::viewer::StudyResultsTree::Instances).toInt(), m_files);
    QCOMPARE(study->childCount(), static_cast<int>(m_originalSha.size()));
    // Another name finds nothing.
    browser->searchForm()->patientNameField()->setText(QStringLiteral("DOE*"));
    QVERIFY(searchOnce(browser).value(0).toBool());
    QCOMPARE(results->topLevelItemCount(), 0);

    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        browser->searchForm()->patientNameField()->setText(QStringLiteral("PHANTOM*"));
        QVERIFY(searchOnce(browser).value(0).toBool());
        results->expandAll();
        QTest::qWait(50);
        window.pacsFlow()->browserWindow()->grab().save(docs +
                                                        QStringLiteral("/pacs-study-browser.png"));
    }
}

void PacsGuiTest::aRetrievedStudyIsIndexedAndOpensWithTheOriginalVoxels() {
    MainWindow window;
    window.paneGrid()->setLayoutName(QStringLiteral("2x2"));
    window.resize(1300, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    cc::viewer::StudyBrowser* browser = window.pacsFlow()->browser();
    QVERIFY(browser->selectNode(QStringLiteral("Test Orthanc")));
    browser->searchForm()->patientNameField()->setText(QStringLiteral("PHANTOM*"));
    QVERIFY(searchOnce(browser).value(0).toBool());
    browser->results()->setCurrentItem(browser->results()->topLevelItem(0));

    QSignalSpy retrieved(browser, &cc::viewer::StudyBrowser::retrieveFinished);
    browser->retrieveSelected();
    QVERIFY(browser->isBusy());
    QVERIFY(retrieved.wait(180000));
    qInfo("%s", qPrintable(retrieved.at(0).at(1).toString()));
    QVERIFY2(retrieved.at(0).at(0).toBool(), qPrintable(retrieved.at(0).at(1).toString()));
    QVERIFY2(retrieved.at(0).at(1).toString().startsWith(
                 QStringLiteral("Retrieved %1 instances").arg(m_files)),
             qPrintable(retrieved.at(0).at(1).toString()));

    // In the database: every series of the study, every instance, the files in the store.
    const fs::path store = browser->places().store;
    QCOMPARE(QString::fromStdString(store.string()),
             m_dir.filePath(QStringLiteral("data/crosscheck/store")));
    int indexed = 0;
    {
        const cc::StudyDatabase database(browser->places().database);
        for (const cc::IndexedSeries& s : database.listSeries()) {
            QCOMPARE(s.studyInstanceUid, m_studyUid);
            indexed += s.instances;
            for (const std::string& file : database.seriesFiles(s.seriesInstanceUid)) {
                QVERIFY2(file.rfind(store.string(), 0) == 0, file.c_str());
            }
        }
    }
    QCOMPARE(indexed, m_files);

    // The local database as the source: the same study, opened from its indexed files.
    browser->selectSource(0);
    QVERIFY(browser->isLocalSourceSelected());
    browser->searchForm()->patientNameField()->setText(QStringLiteral("phantom*"));
    QVERIFY(searchOnce(browser).value(0).toBool());
    QCOMPARE(browser->results()->topLevelItemCount(), 1);
    browser->results()->setCurrentItem(browser->results()->topLevelItem(0));
    QSignalSpy shown(&window, &MainWindow::studyShown);
    browser->openSelected();
    QVERIFY(shown.wait(120000));
    const auto study = window.study();
    QVERIFY(study);
    QCOMPARE(study->series.size(), m_originalSha.size());
    for (const cc::LoadedSeries& s : study->series) {
        QCOMPARE(cc::summarizeVoxels(*s.volume).sha256, m_originalSha.at(s.info.seriesInstanceUid));
        for (const std::string& file : s.info.files) {
            QVERIFY2(file.rfind(store.string(), 0) == 0, file.c_str());  // not the phantom's
        }
    }
}

void PacsGuiTest::aCancelledRetrieveLeavesOnlyCompleteFiles() {
    cc::viewer::StudyBrowser browser;
    QVERIFY(browser.selectNode(QStringLiteral("Test Orthanc")));
    QVERIFY(searchOnce(&browser).value(0).toBool());
    browser.results()->setCurrentItem(browser.results()->topLevelItem(0));
    QSignalSpy retrieved(&browser, &cc::viewer::StudyBrowser::retrieveFinished);
    QSignalSpy progressed(browser.progressBar(), &QProgressBar::valueChanged);
    browser.retrieveSelected();
    // Cancel once instances arrive (C-GET stops between instances).
    while (browser.progressBar()->value() == 0 && retrieved.isEmpty()) {
        QVERIFY(progressed.wait(60000) || !retrieved.isEmpty());
    }
    browser.cancel();
    QVERIFY(!retrieved.isEmpty() || retrieved.wait(60000));
    QVERIFY(!retrieved.at(0).at(0).toBool());
    QCOMPARE(retrieved.at(0).at(1).toString(),
             QStringLiteral("Retrieving from Test Orthanc cancelled; only complete files were "
                            "kept."));
    QCOMPARE(browser.statusText(), retrieved.at(0).at(1).toString());
    // No temporary (".<uid>.part") file is left in the store.
    for (const auto& e : fs::recursive_directory_iterator(browser.places().store)) {
        QVERIFY2(e.path().filename().string().front() != '.', e.path().c_str());
    }
}

void PacsGuiTest::aNodeThatIsDownIsOneSentenceNamingIt() {
    const QString closed = QStringLiteral("ORTHANC@127.0.0.1:%1")
                               .arg(orthancScript({QStringLiteral("free-port")}).trimmed());
    writeNodes(closed);
    cc::viewer::StudyBrowser browser;
    QVERIFY(browser.selectNode(QStringLiteral("Test Orthanc")));
    const QList<QVariant> outcome = searchOnce(&browser);
    writeNodes(m_node);
    QCOMPARE(outcome.size(), 2);
    QVERIFY(!outcome.at(0).toBool());
    const QString why = outcome.at(1).toString();
    QVERIFY2(why.startsWith(closed + QStringLiteral(": connection refused")), qPrintable(why));
    QCOMPARE(why.count(QStringLiteral(". ")), 0);  // one sentence
    QCOMPARE(browser.statusText(), why);
    QVERIFY(!browser.isBusy());
}

void PacsGuiTest::aDicomWebNodeIsSearchedAndRetrievedFromTheSameWay() {
    writeNodes(m_dicomWeb);
    cc::viewer::StudyBrowser browser;
    QVERIFY(browser.selectNode(QStringLiteral("Test Orthanc")));
    browser.searchForm()->patientNameField()->setText(QStringLiteral("PHANTOM*"));
    const QList<QVariant> found = searchOnce(&browser);
    QVERIFY2(found.value(0).toBool(), qPrintable(found.value(1).toString()));
    QCOMPARE(found.at(1).toString(), QStringLiteral("1 study found in %1.").arg(m_dicomWeb));
    QTreeWidgetItem* study = browser.results()->topLevelItem(0);
    QCOMPARE(study->childCount(), static_cast<int>(m_originalSha.size()));
    // One series by WADO-RS (already in the database from the C-GET: nothing new there).
    QTreeWidgetItem* series = study->child(0);
    browser.results()->setCurrentItem(series);
    QSignalSpy retrieved(&browser, &cc::viewer::StudyBrowser::retrieveFinished);
    browser.retrieveSelected();
    QVERIFY(retrieved.wait(180000));
    writeNodes(m_node);
    const QString message = retrieved.at(0).at(1).toString();
    qInfo("%s", qPrintable(message));
    QVERIFY2(retrieved.at(0).at(0).toBool(), qPrintable(message));
    QVERIFY2(message.startsWith(QStringLiteral("Retrieved %1 instances")
                                    .arg(series->text(cc::viewer::StudyResultsTree::Instances))),
             qPrintable(message));
    QVERIFY2(message.endsWith(QStringLiteral("; 0 new in the local database.")),
             qPrintable(message));
}

void PacsGuiTest::sendReportToPacsPutsTheSrAndSegIntoOrthanc() {
    QCOMPARE(orthancInstances(QStringLiteral("SR")), 0);
    QCOMPARE(orthancInstances(QStringLiteral("SEG")), 0);
    MainWindow window;
    QVERIFY(cc::testing::openStudy(window, m_phantom, QSize(1300, 900)));
    window.annotationLayer()->addRoi(
        cc::Roi::sphere(m_truth.ctFrameUid, m_truth.tumor.centerCtMm, 5.0));
    cc::testing::alignWithGroundTruth(window, m_truth);
    // File > Send report to PACS...: the node is chosen in a modal list, accepted as a user
    // would once it is up (a zero timer runs inside the dialog's own event loop).
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    QString offered;
    QTimer::singleShot(0, &window, [&] {
        auto* choice = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
        if (choice == nullptr) {
            return;
        }
        offered = choice->textValue();
        if (!docs.isEmpty()) {
            choice->grab().save(docs + QStringLiteral("/pacs-send-choose-node.png"));
        }
        choice->accept();
    });
    QSignalSpy sent(window.pacsFlow(), &cc::app::PacsFlow::reportSent);
    window.pacsFlow()->showSendReport();
    QCOMPARE(offered, QStringLiteral("Test Orthanc (%1)").arg(m_node));
    QVERIFY(sent.wait(180000));
    QVERIFY2(sent.at(0).at(0).toBool(), qPrintable(sent.at(0).at(1).toString()));
    QCOMPARE(sent.at(0).at(1).toString(), QStringLiteral("Sent 2 files to %1.").arg(m_node));
    QCOMPARE(orthancInstances(QStringLiteral("SR")), 1);
    QCOMPARE(orthancInstances(QStringLiteral("SEG")), 1);
    if (!docs.isEmpty()) {
        QTest::qWait(100);
        window.grab().save(docs + QStringLiteral("/pacs-send-report.png"));
    }
    // Unknown node: said, nothing sent.
    sent.clear();
    window.pacsFlow()->sendReport(QStringLiteral("Nowhere"));
    QCOMPARE(sent.size(), 1);
    QVERIFY(!sent.at(0).at(0).toBool());
    QVERIFY(sent.at(0).at(1).toString().contains(QStringLiteral("Nowhere")));
}

QTEST_MAIN(PacsGuiTest)
#include "PacsGuiTest.moc"
