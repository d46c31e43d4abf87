#include "app/gui/CohortFlow.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <filesystem>

#include "core/cohort/CohortRun.h"
#include "core/cohort/CohortSummary.h"
#include "core/cohort/DatabaseStudies.h"
#include "core/cohort/StudyFolders.h"
#include "viewer/cohort/CohortPanel.h"
#include "viewer/report/CohortThumbnail.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::app {

namespace fs = std::filesystem;

CohortFlow::CohortFlow(viewer::CohortPanel* panel, QWidget* dialogParent)
    : QObject(panel), m_panel(panel), m_dialogParent(dialogParent) {
    connect(m_panel, &viewer::CohortPanel::patientActivated, this, &CohortFlow::activate);
    connect(m_panel, &viewer::CohortPanel::cancelRequested, this, &CohortFlow::cancel);
}

CohortFlow::~CohortFlow() = default;

bool CohortFlow::openCohort(const QString& dir) {
    std::vector<PatientResult> results;
    try {
        results = readPatientResults(dir.toStdString());
    } catch (const std::exception& e) {
        emit message(tr("Cohort not opened: %1").arg(QString::fromStdString(e.what())), 10000);
        return false;
    }
    if (results.empty()) {
        emit message(tr("Cohort not opened: %1 holds no patients/*.json (a folder written by "
                        "cohort run)")
                         .arg(dir),
                     10000);
        return false;
    }
    const CohortSummary summary = summarizeCohort(results);
    m_panel->setCohort(QDir::cleanPath(dir), std::move(results), summary);
    emit cohortOpened(dir);
    emit message(tr("Cohort %1: %2 patients").arg(dir).arg(summary.patients), 5000);
    return true;
}

void CohortFlow::showOpenDialog() {
    const QString dir = QFileDialog::getExistingDirectory(
        m_dialogParent, tr("Open a cohort (the --out folder of cohort run)"));
    if (!dir.isEmpty()) {
        openCohort(dir);
    }
}

void CohortFlow::showRunDialog() {
    const QString studies = QFileDialog::getExistingDirectory(
        m_dialogParent, tr("Run cohort: the folder of study folders (or one study)"));
    if (studies.isEmpty()) {
        return;
    }
    const QString out = QFileDialog::getExistingDirectory(
        m_dialogParent, tr("Run cohort: the results folder (a rerun resumes)"),
        QFileInfo(studies).absolutePath());
    if (!out.isEmpty()) {
        runCohort({studies}, out);
    }
}

bool CohortFlow::isRunning() const {
    return m_task && m_task->isRunning();
}

void CohortFlow::cancel() {
    if (isRunning()) {
        m_task->cancel();
        emit message(tr("Cohort run: stopping after the patients being measured"), 5000);
    }
}

void CohortFlow::runCohort(const QStringList& studies, const QString& outDir, int jobs) {
    if (isRunning()) {
        emit message(tr("A cohort run is already in progress"), 5000);
        return;
    }
    std::vector<std::string> paths;
    for (const QString& s : studies) {
        paths.push_back(QFileInfo(s).absoluteFilePath().toStdString());
    }
    const fs::path out = QFileInfo(outDir).absoluteFilePath().toStdString();
    std::vector<fs::path> todo;
    int skipped = 0;
    try {
        todo = pendingStudies(studyFolders(paths, out), out, &skipped);
    } catch (const std::exception& e) {
        runEnded(false, false, tr("Cohort run not started: %1").arg(e.what()));
        return;
    }
    m_runOut = QString::fromStdString(out.string());
    m_runCounts = std::make_shared<std::pair<int, int>>(0, 0);
    auto counts = m_runCounts;
    const QString title =
        tr("Cohort: %1 to measure, %2 already done").arg(todo.size()).arg(skipped);
    m_task = std::make_unique<viewer::BackgroundTask>(
        title, [todo, out, jobs, counts](const Progress& progress) {
            const CohortRunCounts c = runCohortLocally(todo, out, jobs, progress);
            *counts = {c.done, c.failed};  // read on the GUI thread after the task ended
            if (c.cancelled) {
                throw Cancelled();
            }
        });
    connect(m_task.get(), &viewer::BackgroundTask::progressed, m_panel,
            &viewer::CohortPanel::runProgressed);
    const auto summary = [this, skipped] {
        return tr("%1 done, %2 failed, %3 skipped (already done)")
            .arg(m_runCounts->first)
            .arg(m_runCounts->second)
            .arg(skipped);
    };
    connect(m_task.get(), &viewer::BackgroundTask::succeeded, this,
            [this, summary] { runEnded(true, false, tr("Cohort run: %1").arg(summary())); });
    connect(m_task.get(), &viewer::BackgroundTask::cancelled, this, [this, summary] {
        runEnded(true, true, tr("Cohort run cancelled: %1").arg(summary()));
    });
    connect(m_task.get(), &viewer::BackgroundTask::failed, this, [this](const QString& why) {
        runEnded(false, false, tr("Cohort run failed: %1").arg(why));
    });
    m_panel->runStarted(title);
    emit message(title, 5000);
    m_task->start();
}

void CohortFlow::runEnded(bool ok, bool cancelled, const QString& text) {
    m_panel->runEnded(text);
    if (!m_runOut.isEmpty() && QDir(m_runOut + QStringLiteral("/patients")).exists()) {
        openCohort(m_runOut);
    }
    emit message(text, 10000);
    emit runFinished(ok, cancelled, text);
}

void CohortFlow::activate(const PatientResult& result) {
    if (isDatabaseStudy(result.study)) {
        emit message(tr("%1: a study of the database %2; a cohort opens study folders only")
                         .arg(QString::fromStdString(result.patient),
                              QString::fromStdString(result.database)),
                     10000);
        return;
    }
    std::error_code ec;
    if (!result.sessionFile.empty() && fs::is_regular_file(result.sessionFile, ec)) {
        emit openSessionRequested(QString::fromStdString(result.sessionFile));
        return;
    }
    fs::path folder(result.study);
    folder = fs::absolute(folder, ec);
    if (ec || !fs::is_directory(folder, ec)) {
        emit message(
            tr("%1: the study folder %2 is not there any more")
                .arg(QString::fromStdString(result.patient), QString::fromStdString(result.study)),
            10000);
        return;
    }
    std::optional<PatientPoint> centre;
    double mm[3];
    double extent = 0.0;
    if (viewer::cohortFindingCentre(result, mm, &extent)) {
        centre = PatientPoint{Eigen::Vector3d(mm[0], mm[1], mm[2])};
    }
    emit openStudyRequested(QString::fromStdString(folder.string()), centre);
}

}  // namespace crosscheck::app
