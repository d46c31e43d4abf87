// The study workflow's comparison: which CT and sCT, the opening sequence (register if
// needed, then compare, then the first finding), role changes that change the pair, and
// the re-comparison after a transform change.
#include <QTimer>
#include <utility>

#include "core/model/Study.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/StudyWorkflow.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::viewer {

namespace {

/// The CT and sCT volumes a comparison uses (null when none is possible).
using ComparedPair = std::pair<const Volume*, const Volume*>;

ComparedPair comparedPair(const StudyComparison& comparison) {
    return comparison.inputs
               ? ComparedPair{comparison.inputs->ct.get(), comparison.inputs->sct.get()}
               : ComparedPair{nullptr, nullptr};
}

}  // namespace

void StudyWorkflow::setSeriesRole(const QString& seriesInstanceUid, SeriesRole role) {
    if (!m_study) {
        return;
    }
    LoadedSeries* series = m_study->findByUid(seriesInstanceUid.toStdString());
    if (!series) {
        return;
    }
    const ComparedPair before = comparedPair(comparison());
    series->info.role = role;
    const StudyComparison after = comparison();
    if (comparedPair(after) != before) {
        m_discrepancy->clear();  // of another CT or sCT
        if (after.inputs) {
            scheduleReanalysis();
        }
    }
    showStudy(m_study);
}

StudyComparison StudyWorkflow::comparison() const {
    if (!m_study) {
        StudyComparison none;
        none.whyNot = tr("No study is open.").toStdString();
        return none;
    }
    return comparisonInputs(*m_study);
}

void StudyWorkflow::startOpeningSequence(bool focusFirstFinding) {
    abandonOpening();  // leftovers of an earlier opening
    const StudyComparison comparison = this->comparison();
    if (!m_compareOnOpen || (!comparison.inputs && !comparison.needsRegistration)) {
        emit openingSettled();
        return;
    }
    // The requested cursor (cleared once used) was placed by showStudy: keep it there.
    m_openOnFinding = focusFirstFinding && !m_cursorWasRequested;
    if (comparison.inputs) {
        m_opening = OpeningStep::Compare;
        continueOpening(&StudyWorkflow::compare);
        return;
    }
    m_opening = OpeningStep::Register;
    continueOpening(&StudyWorkflow::registerAutomatically);
}

void StudyWorkflow::continueOpening(void (StudyWorkflow::*step)()) {
    m_continuingOpening = true;
    (this->*step)();
    m_continuingOpening = false;
}

void StudyWorkflow::abandonOpening() {
    m_openOnFinding = false;
    if (std::exchange(m_opening, OpeningStep::None) != OpeningStep::None) {
        emit openingSettled();
    }
}

void StudyWorkflow::scheduleReanalysis() {
    // Only where the workflow compares on its own, and not while an opening's registration
    // is about to compare anyway.
    if (m_compareOnOpen && m_opening != OpeningStep::Register) {
        m_reanalysis->start();
    }
}

void StudyWorkflow::compare() {
    m_reanalysis->stop();  // this run is the re-comparison
    if (!m_study) {
        return;
    }
    if (refuseWhileFilling(tr("comparing CT and sCT starts"))) {
        return;
    }
    const StudyComparison comparison = this->comparison();
    if (!comparison.inputs) {
        QString text = QString::fromStdString(comparison.whyNot);
        if (comparison.needsRegistration) {
            text += tr(" (Registration > Register to reference automatically)");
        }
        emit message(text, 10000);
        emit analysisFinished();
        if (m_continuingOpening) {
            abandonOpening();  // a manual attempt leaves an opening's registration running
        }
        return;
    }
    if (m_continuingOpening) {
        m_opening = OpeningStep::Compare;
    }
    auto result = std::make_shared<DiscrepancyResult>();
    std::shared_ptr<const Study> study = m_study;
    const DiscrepancyThresholds thresholds = m_discrepancy->thresholds();
    const DiscrepancyInputs inputs = *comparison.inputs;
    // The worker holds the study: the inputs' MR views point into its series.
    auto* task = new BackgroundTask(tr("Comparing CT and sCT"),
                                    [study, inputs, result, thresholds](const Progress& p) {
                                        *result = analyzeDiscrepancy(inputs, thresholds, {}, p);
                                    });
    runTask(task, State::Comparing, [this, study, result, inputs, thresholds] {
        if (study != m_study) {
            return;
        }
        m_discrepancy->setResult(result, inputs, thresholds);
        // A folder or the demo opens on its most important finding, not the CT's centre.
        if (m_openOnFinding && !result->regions.empty()) {
            m_state->setCursor(PatientPoint{result->regions.front().centroidMm});
        }
        m_openOnFinding = false;
        const int findings = static_cast<int>(result->regions.size());
        emit comparisonShown(findings);
        emit message(
            tr("CT vs sCT: %n finding(s) in %1 ms", "", findings).arg(result->totalMs, 0, 'f', 0),
            10000);
        emit analysisFinished();
        abandonOpening();
    });
}

}  // namespace crosscheck::viewer
