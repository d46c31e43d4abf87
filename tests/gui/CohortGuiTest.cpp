// File > Open cohort and Run cohort in the main window: a 2-patient small phantom cohort is
// measured through the window's cohort run (off the GUI thread, the same per-patient work as
// `crosscheck-cli cohort run`); the table's cells are checked against each patient's result
// file read back with Qt's own JSON reader (a study without its sCT is a grey failed row with
// its reason); sizes sort as numbers; a double-click on a row
// opens that patient's study with the cursor on the measured finding.
// CROSSCHECK_DOC_IMAGES=DIR saves the cohort dock and the window for the user guide
// (CROSSCHECK_DOC_COHORT_PATIENTS=N measures N patients instead of 2 for a fuller picture).
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <filesystem>

#include "app/gui/CohortFlow.h"
#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/cohort/CohortRun.h"
#include "core/cohort/StudyFolders.h"
#include "core/model/Study.h"
#include "core/phantom/PhantomWriter.h"
#include "viewer/cohort/CohortPanel.h"
#include "viewer/cohort/CohortTableItems.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/render/SurfaceFormat.h"
#include "viewer/state/ViewState.h"

namespace cc = crosscheck;
using cc::app::MainWindow;
using Panel = cc::viewer::CohortPanel;

class CohortGuiTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aRunFillsTheTableWithEachPatientsResult();
    void sizesSortAsNumbers();
    void aDoubleClickOpensThatPatientsStudyOnItsFinding();
    void aDoubleClickOnAPatientMeasuredFromASessionOpensThatSession();
    void aFolderWithoutResultsIsNotOpened();

private:
    QJsonObject resultOf(const QString& patient) const;
    /// The cohort's result files, measured by core when the run test did not (a test run
    /// on its own).
    void ensureResults() const;
    /// The row of a patient in the table as it is sorted now, or -1.
    static int rowOf(QTableWidget* table, const QString& patient);

    QTemporaryDir m_dir;
    QString m_studies;
    QString m_out;
    int m_patients = 2;
};

void CohortGuiTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_patients = qEnvironmentVariableIntValue("CROSSCHECK_DOC_COHORT_PATIENTS");
    m_patients = m_patients > 0 ? m_patients : 2;
    m_studies = m_dir.filePath(QStringLiteral("studies"));
    m_out = m_dir.filePath(QStringLiteral("results"));
    cc::PhantomOptions options;
    options.size = cc::PhantomSize::Small;
    options.patients = m_patients;
    options.published = m_patients > 2;
    QCOMPARE(static_cast<int>(cc::writePhantomStudy(m_studies.toStdString(), options).size()),
             m_patients);
    // A study without its sCT: a failed row with its reason, not the end of the run.
    const std::filesystem::path studies = m_studies.toStdString();
    std::filesystem::create_directories(studies / "P999");
    std::filesystem::copy(studies / "P001" / "CT", studies / "P999" / "CT");
}

QJsonObject CohortGuiTest::resultOf(const QString& patient) const {
    QFile file(m_out + QStringLiteral("/patients/") + patient + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

void CohortGuiTest::ensureResults() const {
    const std::filesystem::path out = m_out.toStdString();
    cc::runCohortLocally(cc::pendingStudies(cc::studyFolders({m_studies.toStdString()}, out), out),
                         out, 2);
}

int CohortGuiTest::rowOf(QTableWidget* table, const QString& patient) {
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, Panel::Patient)->text() == patient) {
            return row;
        }
    }
    return -1;
}

namespace {

/// What the table shows for a number: one decimal, half away from zero; a dash for null.
QString oneDecimal(const QJsonValue& v) {
    if (v.isNull()) {
        return QStringLiteral("\u2013");
    }
    const double rounded = std::round(v.toDouble() * 10.0) / 10.0;
    return QString::number(rounded == 0.0 ? 0.0 : rounded, 'f', 1);
}

QString yesNo(bool v) {
    return v ? QStringLiteral("yes") : QStringLiteral("no");
}

}  // namespace

void CohortGuiTest::aRunFillsTheTableWithEachPatientsResult() {
    MainWindow window;
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(window.cohortFlow(), &cc::app::CohortFlow::runFinished);
    window.cohortFlow()->runCohort({m_studies}, m_out, 2);
    QVERIFY(window.cohortFlow()->isRunning());
    QVERIFY(finished.wait(600000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(2).toString()));
    QVERIFY(!finished.at(0).at(1).toBool());
    QVERIFY(window.cohortDock()->isVisible());

    QTableWidget* table = window.cohortPanel()->table();
    QCOMPARE(table->rowCount(), m_patients + 1);
    int visibleOnCt = 0, visibleOnSct = 0, done = 0;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString patient = table->item(row, Panel::Patient)->text();
        const QJsonObject r = resultOf(patient);
        QVERIFY2(!r.isEmpty(), qPrintable(patient));
        const auto cell = [&](int column) { return table->item(row, column)->text(); };
        QCOMPARE(cell(Panel::Status), r[QStringLiteral("status")].toString());
        const bool isDone = r[QStringLiteral("status")].toString() == QStringLiteral("done");
        done += isDone ? 1 : 0;
        visibleOnCt += r[QStringLiteral("visible_on_ct")].toBool() ? 1 : 0;
        visibleOnSct += r[QStringLiteral("visible_on_sct")].toBool() ? 1 : 0;
        QCOMPARE(cell(Panel::VisibleCt),
                 isDone ? yesNo(r[QStringLiteral("visible_on_ct")].toBool()) : QString());
        QCOMPARE(cell(Panel::VisibleSct),
                 isDone ? yesNo(r[QStringLiteral("visible_on_sct")].toBool()) : QString());
        QVERIFY(cell(Panel::Reason).startsWith(r[QStringLiteral("reason")].toString()));
        if (!isDone) {
            QVERIFY2(cell(Panel::Reason).contains(QStringLiteral("no sCT series")),
                     qPrintable(cell(Panel::Reason)));
            QCOMPARE(table->item(row, Panel::Patient)->background().color(), QColor(232, 232, 232));
        }
        const struct {
            int column;
            const char* key;
            const char* series;
        } numbers[] = {{Panel::AxialCt, "axial_long_mm", "ct"},
                       {Panel::AxialSct, "axial_long_mm", "sct"},
                       {Panel::SagittalCt, "sagittal_long_mm", "ct"},
                       {Panel::SagittalSct, "sagittal_long_mm", "sct"},
                       {Panel::HuCt, "mean_hu", "ct"},
                       {Panel::HuSct, "mean_hu", "sct"}};
        for (const auto& n : numbers) {
            const QJsonValue v = r[QLatin1String(n.key)].toObject()[QLatin1String(n.series)];
            QCOMPARE(cell(n.column), oneDecimal(v));
            const auto* item =
                dynamic_cast<const cc::viewer::CohortTableItem*>(table->item(row, n.column));
            QVERIFY(item);
            QCOMPARE(item->sortKey().has_value(), !v.isNull());
            if (!v.isNull()) {
                QCOMPARE(*item->sortKey(), v.toDouble());  // the exact number behind the text
            }
        }
        QCOMPARE(cell(Panel::Flags), QString::number(r[QStringLiteral("flags")].toArray().size()));
        QCOMPARE(cell(Panel::Registration), r[QStringLiteral("registration")].toString());
        const QString source = r[QStringLiteral("roi_source")].toString();
        QCOMPARE(cell(Panel::RoiSource),
                 source == QStringLiteral("session")   ? QStringLiteral("session ROIs")
                 : source == QStringLiteral("finding") ? QStringLiteral("finding")
                                                       : QString());
        // Red where the sCT misses what the CT shows.
        const bool missed = isDone && r[QStringLiteral("visible_on_ct")].toBool() &&
                            !r[QStringLiteral("visible_on_sct")].toBool();
        QCOMPARE(table->item(row, Panel::Patient)->background().color() == QColor(250, 218, 222),
                 missed);
    }
    QCOMPARE(done, m_patients);           // P999 failed
    QVERIFY(visibleOnCt > visibleOnSct);  // the phantom's sCT misses the calcified tumour
    const QString summary = window.cohortPanel()->summaryLabel()->text();
    QVERIFY2(
        summary.contains(
            QStringLiteral("%1 patients, %2 done, 1 failed").arg(m_patients + 1).arg(m_patients)),
        qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("visible on CT %1/%2, on sCT %3/%2")
                                  .arg(visibleOnCt)
                                  .arg(done)
                                  .arg(visibleOnSct)),
             qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("Wilcoxon p")));

    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        QTest::qWait(50);
        window.cohortDock()->grab().save(docs + QStringLiteral("/cohort-table.png"));
    }
}

void CohortGuiTest::sizesSortAsNumbers() {
    ensureResults();
    MainWindow window;
    QVERIFY(window.cohortFlow()->openCohort(m_out));
    QTableWidget* table = window.cohortPanel()->table();
    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        table->sortByColumn(Panel::HuCt, order);
        for (int row = 1; row < table->rowCount(); ++row) {
            const auto key = [&](int r) {
                return dynamic_cast<const cc::viewer::CohortTableItem*>(table->item(r, Panel::HuCt))
                    ->sortKey()
                    .value_or(1e300);  // an empty cell sorts after every number
            };
            QVERIFY(order == Qt::AscendingOrder ? key(row - 1) <= key(row)
                                                : key(row - 1) >= key(row));
        }
        // The row still knows its own patient after sorting.
        for (int row = 0; row < table->rowCount(); ++row) {
            QCOMPARE(QString::fromStdString(window.cohortPanel()->resultAtRow(row)->patient),
                     table->item(row, Panel::Patient)->text());
        }
    }
}

void CohortGuiTest::aDoubleClickOpensThatPatientsStudyOnItsFinding() {
    ensureResults();
    MainWindow window;
    window.setCompareOnOpen(true);  // as the application does: register, compare, show
    window.paneGrid()->setLayoutName(QStringLiteral("2x2"));
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.cohortFlow()->openCohort(m_out));
    QTableWidget* table = window.cohortPanel()->table();
    const QString patient = QStringLiteral("P%1").arg(m_patients, 3, 10, QLatin1Char('0'));
    const int row = rowOf(table, patient);
    QVERIFY(row >= 0);
    const QJsonObject r = resultOf(patient);
    QSignalSpy shown(&window, &MainWindow::studyShown);
    QSignalSpy settled(&window, &MainWindow::openingSettled);
    QSignalSpy activated(window.cohortPanel(), &Panel::patientActivated);
    QVERIFY(QTest::qWaitForWindowExposed(table));
    QTableWidgetItem* item = table->item(row, Panel::HuCt);
    table->scrollToItem(item);
    const QPoint at = table->visualItemRect(item).center();
    // A press first: QTest's double-click alone does not press the item.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(activated.count(), 1);
    QSignalSpy failed(&window, &MainWindow::loadFailed);
    QVERIFY2(shown.wait(60000), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).toString()));
    const auto study = window.study();
    QVERIFY(study);
    bool ct = false, sct = false;
    for (const cc::LoadedSeries& s : study->series) {
        ct = ct || QString::fromStdString(s.info.seriesInstanceUid) ==
                       r[QStringLiteral("ct_series_instance_uid")].toString();
        sct = sct || QString::fromStdString(s.info.seriesInstanceUid) ==
                         r[QStringLiteral("sct_series_instance_uid")].toString();
    }
    QVERIFY2(ct && sct, "the patient's own CT and sCT are open");
    // The cursor is on the measured finding (the top ct_dense_sct_not flag's centroid).
    for (const QJsonValue& flag : r[QStringLiteral("flags")].toArray()) {
        if (flag[QStringLiteral("kind")].toString() == QStringLiteral("ct_dense_sct_not")) {
            const QJsonArray c = flag[QStringLiteral("centroid_mm")].toArray();
            const Eigen::Vector3d centre(c[0].toDouble(), c[1].toDouble(), c[2].toDouble());
            const double off = (window.viewState()->cursor().mm - centre).norm();
            QVERIFY2(off < 1e-6, qPrintable(QString::number(off)));
            break;
        }
    }
    QCOMPARE(shown.count(), 1);                             // opened once, not once per click
    QVERIFY(settled.count() == 1 || settled.wait(120000));  // registered and compared
    const QString docs = qEnvironmentVariable("CROSSCHECK_DOC_IMAGES");
    if (!docs.isEmpty()) {
        for (auto* pane : window.paneGrid()->panes()) {
            pane->update();
        }
        QTest::qWait(300);
        window.grab().save(docs + QStringLiteral("/cohort-window.png"));
    }
}

void CohortGuiTest::aDoubleClickOnAPatientMeasuredFromASessionOpensThatSession() {
    ensureResults();
    // A copy of the results in which patient 1 was measured from a saved session: the
    // session is this patient's study, saved by a window, with one ROI in it.
    QTemporaryDir copy;
    QVERIFY(copy.isValid());
    const QString out = copy.filePath(QStringLiteral("results"));
    std::filesystem::copy(m_out.toStdString(), out.toStdString(),
                          std::filesystem::copy_options::recursive);
    const QString patient = QStringLiteral("P001");
    const QJsonObject r = resultOf(patient);
    const QString session = copy.filePath(QStringLiteral("P001.crosscheck.json"));
    {
        MainWindow saver;
        QSignalSpy shown(&saver, &MainWindow::studyShown);
        saver.openPaths({r[QStringLiteral("study")].toString()});
        QVERIFY(shown.wait(60000));
        QVERIFY(saver.saveSessionFileAs(session));
    }
    QJsonObject edited = r;
    edited[QStringLiteral("session")] = session;
    edited[QStringLiteral("roi_source")] = QStringLiteral("session");
    QFile file(out + QStringLiteral("/patients/P001.json"));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(edited).toJson());
    file.close();

    MainWindow window;
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.cohortFlow()->openCohort(out));
    QTableWidget* table = window.cohortPanel()->table();
    const int row = rowOf(table, patient);
    QVERIFY(row >= 0);
    // The row says what was measured, the session's file on hover.
    QCOMPARE(table->item(row, Panel::RoiSource)->text(), QStringLiteral("session ROIs"));
    QCOMPARE(table->item(row, Panel::RoiSource)->toolTip(), session);
    QSignalSpy opened(&window, &MainWindow::sessionOpened);
    QVERIFY(QTest::qWaitForWindowExposed(table));
    QTableWidgetItem* item = table->item(row, Panel::HuCt);
    table->scrollToItem(item);
    const QPoint at = table->visualItemRect(item).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
    QVERIFY(opened.wait(60000));
    QCOMPARE(opened.front().front().toString(), session);
}

void CohortGuiTest::aFolderWithoutResultsIsNotOpened() {
    MainWindow window;
    QSignalSpy message(window.cohortFlow(), &cc::app::CohortFlow::message);
    QVERIFY(!window.cohortFlow()->openCohort(m_studies));
    QCOMPARE(message.count(), 1);
    QVERIFY2(message.at(0).at(0).toString().contains(QStringLiteral("patients")),
             qPrintable(message.at(0).at(0).toString()));
    QCOMPARE(window.cohortPanel()->table()->rowCount(), 0);
}

int main(int argc, char** argv) {
    crosscheck::viewer::prepareOpenGlForVtk();
    QApplication app(argc, argv);
    CohortGuiTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "CohortGuiTest.moc"
