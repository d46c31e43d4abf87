// Loading a study off the GUI thread and putting its series into the panes.
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "app/gui/SessionController.h"
#include "core/model/Study.h"
#include "core/phantom/DemoStudy.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/browser/SeriesBrowser.h"
#include "viewer/charts/RoiChartsPanel.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/registration/LandmarkSet.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/roi/MeasurementTable.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/StudyPanes.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::app {

namespace {

std::vector<std::filesystem::path> toPaths(const QStringList& list) {
    std::vector<std::filesystem::path> paths;
    for (const QString& p : list) {
        paths.emplace_back(p.toStdString());
    }
    return paths;
}

}  // namespace

void MainWindow::runTask(viewer::BackgroundTask* task) {
    if (m_task) {
        // The replaced task must not touch the window any more: its result (already queued
        // if it just finished) would override the new one, and its end would hide the new
        // task's progress.
        disconnect(m_task, nullptr, this, nullptr);
        if (m_task->isRunning()) {
            statusBar()->showMessage(
                tr("\"%1\" cancelled: \"%2\" started").arg(m_task->title(), task->title()), 10000);
        }
        m_task->cancel();
        m_task->deleteLater();
    }
    m_task = task;
    m_progress->setValue(0);
    m_progress->setFormat(task->title() + QStringLiteral(" %p%"));
    m_progress->show();
    m_cancel->show();
    connect(task, &viewer::BackgroundTask::progressed, this,
            [this, task](double fraction, const QString& stage) {
                if (task == m_task) {
                    m_progress->setValue(static_cast<int>(fraction * 1000));
                    m_progress->setToolTip(stage);
                }
            });
    connect(task, &viewer::BackgroundTask::failed, this, [this](const QString& message) {
        finishTask();
        statusBar()->showMessage(message, 10000);
        emit loadFailed(message);
    });
    connect(task, &viewer::BackgroundTask::cancelled, this, [this] {
        finishTask();
        statusBar()->showMessage(tr("Cancelled"), 5000);
        emit loadFailed(tr("cancelled"));
    });
    task->start();
}

void MainWindow::finishTask() {
    m_progress->hide();
    m_cancel->hide();
}

void MainWindow::openPaths(const QStringList& paths) {
    if (!confirmUnsavedAnnotations()) {
        return;
    }
    auto result = std::make_shared<Study>();
    auto* task = new viewer::BackgroundTask(
        tr("Loading"),
        [result, paths = toPaths(paths)](const Progress& p) { *result = loadStudy(paths, p); },
        this);
    connect(task, &viewer::BackgroundTask::succeeded, this, [this, result, paths] {
        finishTask();
        m_session->startUntitled(toPaths(paths));
        if (result->series.empty()) {
            // Say why, naming the file or folder: the first reason here, all of them in
            // the series browser.
            QString message =
                tr("No loadable DICOM series found in %1").arg(paths.join(QStringLiteral(", ")));
            if (!result->problems.empty()) {
                const ScanProblem& first = result->problems.front();
                message += QStringLiteral(": %1: %2")
                               .arg(QString::fromStdString(first.file),
                                    QString::fromStdString(first.reason));
                const int more = static_cast<int>(result->problems.size()) - 1;
                if (more > 0) {
                    message +=
                        tr(" (and %n more problem(s), listed in the series browser)", "", more);
                }
            }
            statusBar()->showMessage(message, 10000);
            m_study = result;
            reportProblems();
            emit loadFailed(message);
            return;
        }
        setStudy(result);
        compareAutomatically(true);
    });
    runTask(task);
}

void MainWindow::openDemo() {
    if (!confirmUnsavedAnnotations()) {
        return;
    }
    auto result = std::make_shared<Study>();
    auto demoDir = std::make_shared<std::filesystem::path>();
    auto* task = new viewer::BackgroundTask(
        tr("Demo study"),
        [result, demoDir](const Progress& p) {
            Progress generation = p;
            generation.report = [&p](double f, const std::string& stage) { p(0.5 * f, stage); };
            const std::filesystem::path dir = ensureDemoStudy(generation);
            *demoDir = dir;
            Progress loading = p;
            loading.report = [&p](double f, const std::string& stage) { p(0.5 + 0.5 * f, stage); };
            *result = loadStudy({dir}, loading);
        },
        this);
    connect(task, &viewer::BackgroundTask::succeeded, this, [this, result, demoDir] {
        finishTask();
        m_session->startUntitled({*demoDir});
        setStudy(result);
        compareAutomatically(true);
    });
    runTask(task);
}

void MainWindow::setStudy(std::shared_ptr<Study> study) {
    const bool newStudy = study != m_study;
    if (newStudy) {
        m_discrepancy->clear();
    }
    m_study = std::move(study);
    if (newStudy) {
        m_annotations->reset(m_study->referenceFrameUid);
        m_landmarks->reset(m_study->referenceFrameUid);
    }
    m_annotations->setFrameTransforms(&m_study->transforms);
    m_measurements->setStudy(m_study);
    m_charts->setStudy(m_study);
    m_browser->setStudy(m_study);
    const auto order = viewer::defaultPaneOrder(*m_study);
    const auto& panes = m_grid->panes();
    for (std::size_t i = 0; i < panes.size(); ++i) {
        if (i < order.size()) {
            panes[i]->setSeries(viewer::paneSeriesFor(*m_study, *order[i]));
        } else {
            panes[i]->setSeries(viewer::PaneSeries{});
        }
        // The spine is read on sagittal planes first; axial and coronal are one key away.
        panes[i]->setOrientation(ViewOrientation::Sagittal);
    }
    PatientPoint cursor;
    m_state->clearFields();
    for (const LoadedSeries* s : order) {
        if (s->info.frameOfReferenceUid != m_study->referenceFrameUid) {
            continue;
        }
        cursor = s->volume->geometry().center();
        for (ViewOrientation o :
             {ViewOrientation::Axial, ViewOrientation::Coronal, ViewOrientation::Sagittal}) {
            const auto [lo, hi] = ViewPlane::standard(o).projectedBounds(
                s->volume->geometry(), Eigen::Matrix4d::Identity());
            m_state->setField(o, viewer::ViewField{lo, hi});
        }
        break;
    }
    if (m_requestedCursor) {
        cursor = *m_requestedCursor;
        warnIfOutsideEverySeries(cursor);
    }
    m_state->setCursor(cursor);
    m_state->flush();
    reportProblems();
    emit studyShown();
}

void MainWindow::warnIfOutsideEverySeries(const PatientPoint& cursor) {
    for (const LoadedSeries& s : m_study->series) {
        const auto toSeries = m_study->referenceToSeries(s);
        if (toSeries && s.volume &&
            s.volume->sampleNearest(
                PatientPoint{(*toSeries * cursor.mm.homogeneous()).head<3>()})) {
            return;
        }
    }
    const QString message =
        tr("The requested cursor [%1, %2, %3] mm lies outside every series: the panes are empty")
            .arg(cursor.mm.x(), 0, 'f', 1)
            .arg(cursor.mm.y(), 0, 'f', 1)
            .arg(cursor.mm.z(), 0, 'f', 1);
    statusBar()->showMessage(message, 15000);
    qWarning("crosscheck: %s", qPrintable(message));
}

void MainWindow::setFrameTransform(const std::string& fromFrame, const std::string& toFrame,
                                   const Eigen::Matrix4d& fromToTo,
                                   const TransformProvenance& provenance) {
    if (!m_study) {
        return;
    }
    m_study->transforms.set(fromFrame, toFrame, fromToTo, provenance);
    refreshPaneTransforms();
}

void MainWindow::nudgeSeries(const QString& seriesInstanceUid,
                             const Eigen::Matrix4d& deltaInReference) {
    if (!m_study) {
        return;
    }
    for (const auto& s : m_study->series) {
        if (QString::fromStdString(s.info.seriesInstanceUid) != seriesInstanceUid ||
            s.info.frameOfReferenceUid == m_study->referenceFrameUid) {
            continue;
        }
        try {
            m_study->transforms.nudge(s.info.frameOfReferenceUid, m_study->referenceFrameUid,
                                      deltaInReference);
        } catch (const std::exception& e) {
            statusBar()->showMessage(tr("Cannot adjust: %1").arg(QString::fromStdString(e.what())),
                                     5000);
            return;
        }
        m_session->setHandAdjusted(true);
        refreshPaneTransforms();
        updateSessionTitle();
        return;
    }
}

void MainWindow::refreshPaneTransforms() {
    const bool hadComparison = m_discrepancy->hasResult();
    m_discrepancy->clear();  // computed through the old transform
    if (hadComparison) {
        scheduleReanalysis();
    }
    m_measurements->setStudy(m_study);
    m_charts->setStudy(m_study);
    // Panes keep their series; only the transform from the reference and the badge change.
    for (auto* pane : m_grid->panes()) {
        if (!pane->hasSeries()) {
            continue;
        }
        for (const auto& s : m_study->series) {
            if (QString::fromStdString(s.info.seriesInstanceUid) ==
                pane->series().seriesInstanceUid) {
                const ViewOrientation orientation = pane->orientation();
                pane->setSeries(viewer::paneSeriesFor(*m_study, s));
                pane->setOrientation(orientation);
                break;
            }
        }
    }
}

void MainWindow::assignSeriesToPane(int paneIndex, const QString& seriesInstanceUid) {
    if (!m_study || paneIndex < 0 || paneIndex >= static_cast<int>(m_grid->panes().size())) {
        return;
    }
    for (const auto& s : m_study->series) {
        if (QString::fromStdString(s.info.seriesInstanceUid) == seriesInstanceUid) {
            m_grid->panes()[static_cast<std::size_t>(paneIndex)]->setSeries(
                viewer::paneSeriesFor(*m_study, s));
            return;
        }
    }
}

void MainWindow::reportProblems() {
    if (!m_study || m_study->problems.empty()) {
        return;
    }
    QStringList lines;
    int notDicom = 0;
    for (const auto& problem : m_study->problems) {
        lines << QStringLiteral("%1: %2").arg(QString::fromStdString(problem.file),
                                              QString::fromStdString(problem.reason));
        notDicom += isNotDicom(problem);
    }
    // Files that are simply not DICOM (a README, a JSON beside the images) are expected.
    const int unusable = static_cast<int>(lines.size()) - notDicom;
    statusBar()->showMessage(
        unusable > 0
            ? tr("%n file(s) could not be used; see the series browser", "", unusable)
            : tr("Skipped %n file(s) that are not DICOM; see the series browser", "", notDicom),
        10000);
    m_browser->setProblems(lines);
}

}  // namespace crosscheck::app
