// The CT-versus-sCT discrepancy analysis, run off the GUI thread and shown in every pane
// and in the findings panel.
#include <QDockWidget>
#include <QStatusBar>
#include <QTimer>
#include <utility>

#include "app/gui/MainWindow.h"
#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/model/Study.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/state/ViewState.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::app {

namespace {

/// The analysis inputs when the study has a CT in the reference frame and an sCT whose
/// transform from it is known; the MR series with a known transform judge visibility.
std::optional<DiscrepancyInputs> analysisInputs(const Study& study) {
    const LoadedSeries* ct = study.find(SeriesRole::CT);
    const LoadedSeries* sct = study.find(SeriesRole::sCT);
    if (!ct || !sct || ct->info.frameOfReferenceUid != study.referenceFrameUid) {
        return std::nullopt;
    }
    const auto ctToSct = study.referenceToSeries(*sct);
    if (!ctToSct) {
        return std::nullopt;
    }
    DiscrepancyInputs inputs;
    inputs.ct = ct->volume;
    inputs.sct = sct->volume;
    inputs.ctToSct = *ctToSct;
    for (SeriesRole role : {SeriesRole::T1w, SeriesRole::T2w}) {
        if (const LoadedSeries* mr = study.find(role)) {
            if (const auto ctToMr = study.referenceToSeries(*mr)) {
                inputs.mr.push_back(MrSeriesView{toString(role), mr->volume.get(), *ctToMr});
            }
        }
    }
    return inputs;
}

}  // namespace

void MainWindow::compareAutomatically(bool focusFirstFinding) {
    if (!m_compareOnOpen || !m_study || m_study->find(SeriesRole::CT) == nullptr ||
        m_study->find(SeriesRole::sCT) == nullptr) {
        emit openingSettled();
        return;
    }
    m_settleAfterAnalysis = true;
    m_focusFirstFinding = focusFirstFinding && !m_requestedCursor;
    if (analysisInputs(*m_study)) {
        analyzeDiscrepancies();
        return;
    }
    m_analyzeAfterRegistration = true;
    registerAutomatically();
}

void MainWindow::scheduleReanalysis() {
    // Only where the application compares on its own, and not while an automatic
    // registration is about to compare anyway.
    if (!m_compareOnOpen || m_analyzeAfterRegistration) {
        return;
    }
    if (m_reanalysis == nullptr) {
        m_reanalysis = new QTimer(this);
        m_reanalysis->setSingleShot(true);
        m_reanalysis->setInterval(600);
        connect(m_reanalysis, &QTimer::timeout, this, [this] {
            if (m_task != nullptr && m_task->isRunning()) {
                m_reanalysis->start();  // never cancel the user's export or registration
                return;
            }
            statusBar()->showMessage(tr("The transform changed: comparing CT and sCT again"), 5000);
            analyzeDiscrepancies();
        });
    }
    m_reanalysis->start();
}

void MainWindow::settleIfOpening() {
    if (std::exchange(m_settleAfterAnalysis, false)) {
        emit openingSettled();
    }
}

void MainWindow::analyzeDiscrepancies() {
    if (!m_study) {
        return;
    }
    const auto inputs = analysisInputs(*m_study);
    if (!inputs) {
        const QString message =
            tr("The analysis needs a CT and an sCT with a known transform between them "
               "(Registration > Register to reference automatically).");
        statusBar()->showMessage(message, 10000);
        emit analysisFinished();
        settleIfOpening();
        return;
    }
    auto result = std::make_shared<DiscrepancyResult>();
    std::shared_ptr<const Study> study = m_study;
    const DiscrepancyThresholds thresholds = m_discrepancy->thresholds();
    auto* task = new viewer::BackgroundTask(
        tr("Comparing CT and sCT"),
        [inputs = *inputs, result, thresholds](const Progress& p) {
            *result = analyzeDiscrepancy(inputs, thresholds, {}, p);
        },
        this);
    connect(task, &viewer::BackgroundTask::succeeded, this,
            [this, study, result, inputs = *inputs, thresholds] {
                finishTask();
                if (study != m_study) {
                    return;
                }
                m_discrepancy->setResult(result, inputs, thresholds);
                // The demo opens on its most important finding rather than on the CT's centre.
                if (m_focusFirstFinding && !result->regions.empty()) {
                    m_state->setCursor(PatientPoint{result->regions.front().centroidMm});
                }
                m_focusFirstFinding = false;
                findChild<QDockWidget*>(QStringLiteral("findingsDock"))->show();
                statusBar()->showMessage(tr("CT vs sCT: %n finding(s) in %1 ms", "",
                                            static_cast<int>(result->regions.size()))
                                             .arg(result->totalMs, 0, 'f', 0),
                                         10000);
                emit analysisFinished();
                settleIfOpening();
            });
    runTask(task);
}

}  // namespace crosscheck::app
