#include "viewer/study/StudyWorkflow.h"

#include <QTimer>
#include <utility>

#include "core/geometry/FrameTransform.h"
#include "core/model/Study.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/registration/LandmarkSet.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/PathStrings.h"
#include "viewer/study/StudyFill.h"
#include "viewer/study/StudyPanes.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::viewer {

StudyWorkflow::StudyWorkflow(ViewState* state, QObject* parent)
    : QObject(parent),
      m_state(state),
      m_discrepancy(new DiscrepancyLayer(this)),
      m_annotations(new AnnotationLayer(this)),
      m_landmarks(new LandmarkSet(this)),
      m_reanalysis(new QTimer(this)),
      m_fillRefresh(new QTimer(this)) {
    m_reanalysis->setSingleShot(true);
    m_reanalysis->setInterval(600);
    connect(m_reanalysis, &QTimer::timeout, this, [this] {
        if (m_task != nullptr && m_task->isRunning()) {
            m_reanalysis->start();  // never cancel the user's export or registration
            return;
        }
        emit message(tr("The transform changed: comparing CT and sCT again"), 5000);
        compare();
    });
    connect(m_state, &ViewState::changed, this, [this](unsigned changes) {
        if (changes & ViewState::PanesChanged) {
            loadWantedVolumes();
        }
        if (changes & ViewState::CursorChanged) {
            focusFill();  // a user scrolling during a load gets that slice next
            followCursorForTransforms();
        }
    });
    m_fillRefresh->setInterval(150);
}

StudyWorkflow::~StudyWorkflow() {
    // The current task's follow-up must not run into a half-destroyed workflow; its worker
    // holds what it reads (the study) and is joined here.
    m_reanalysis->stop();
    if (m_task) {
        disconnect(m_task, nullptr, this, nullptr);
        m_task->cancel();
        delete m_task;
        m_task = nullptr;
    }
    delete std::exchange(m_volumeTask, nullptr);  // cancels and joins its worker
}

void StudyWorkflow::setState(State state) {
    if (state != m_stateNow) {
        m_stateNow = state;
        emit stateChanged(state);
    }
}

void StudyWorkflow::runTask(BackgroundTask* task, State during, std::function<void()> succeeded) {
    if (!std::exchange(m_continuingOpening, false)) {
        abandonOpening();  // the opening's next step will never run
    }
    if (m_task) {
        // The replaced task must not touch the workflow any more: its result (already
        // queued if it just finished) would override the new one.
        disconnect(m_task, nullptr, this, nullptr);
        if (m_fill && m_fill->task == m_task) {
            closePartialStudy();  // only another opening replaces a fill
        }
        if (m_task->isRunning()) {
            emit message(tr("\"%1\" cancelled: \"%2\" started").arg(m_task->title(), task->title()),
                         10000);
        }
        m_task->cancel();
        m_task->deleteLater();
    }
    m_task = task;
    task->setParent(this);
    setState(during);
    emit taskStarted(task->title());
    connect(task, &BackgroundTask::progressed, this,
            [this, task](double fraction, const QString& stage) {
                if (task == m_task) {
                    emit progress(fraction, stage);
                }
            });
    // The follow-up runs first: when it starts the next step (register, then compare) the
    // work goes on as that task, and this one's end is not announced.
    connect(task, &BackgroundTask::succeeded, this, [this, task, succeeded] {
        if (succeeded) {
            succeeded();
        }
        if (task == m_task) {
            finishTask();
        }
    });
    connect(task, &BackgroundTask::failed, this, [this](const QString& text) {
        finishTask();
        emit message(text, 10000);
        emit loadFailed(text);
        abandonOpening();
    });
    connect(task, &BackgroundTask::cancelled, this, [this] {
        finishTask();
        emit message(tr("Cancelled"), 5000);
        emit cancelled();
        emit loadFailed(tr("cancelled"));
        abandonOpening();
    });
    task->start();
}

void StudyWorkflow::finishTask() {
    setState(m_study && !m_study->series.empty() ? State::Ready : State::Idle);
    emit taskEnded();
}

void StudyWorkflow::cancel() {
    if (m_task && m_task->isRunning()) {
        m_task->cancel();
    }
}

void StudyWorkflow::showStudy(std::shared_ptr<Study> study) {
    presentStudy(std::move(study));
    announceShown();
}

void StudyWorkflow::presentStudy(std::shared_ptr<Study> study) {
    const bool newStudy = study != m_study;
    m_study = std::move(study);
    if (newStudy) {
        m_reanalysis->stop();  // a re-comparison of the study before
        m_discrepancy->clear();
        m_annotations->reset(m_study->referenceFrameUid);
        m_landmarks->reset(m_study->referenceFrameUid);
    }
    m_annotations->setFrameTransforms(&m_study->transforms);
    // The assignments first: what follows studyChanged (the pane grid) fills each pane once.
    const auto order = defaultPaneOrder(*m_study);
    const auto panes = defaultPaneAssignments(*m_study, ViewState::kPaneCount);
    for (int i = 0; i < ViewState::kPaneCount; ++i) {
        m_state->setPaneAssignment(i, panes[static_cast<std::size_t>(i)]);
    }
    emit studyChanged(m_study);
    // A requested cursor is for the next new study only (not a re-layout after a role change).
    if (newStudy) {
        m_cursorWasRequested = m_requestedCursor.has_value();
        placeCursor(order, std::exchange(m_requestedCursor, std::nullopt));
    } else {
        placeCursor(order, std::nullopt);
    }
    m_state->flush();
}

void StudyWorkflow::announceShown() {
    if (m_task == nullptr || !m_task->isRunning()) {
        setState(State::Ready);
    }
    reportProblems(*m_study);
    emit studyShown();
}

void StudyWorkflow::placeCursor(const std::vector<const LoadedSeries*>& order,
                                const std::optional<PatientPoint>& requested) {
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
            m_state->setField(o, ViewField{lo, hi});
        }
        break;
    }
    if (requested) {
        cursor = *requested;
        warnIfOutsideEverySeries(cursor);
    }
    m_state->setCursor(cursor);
}

void StudyWorkflow::warnIfOutsideEverySeries(const PatientPoint& cursor) {
    for (const LoadedSeries& s : m_study->series) {
        const auto toSeries = m_study->referenceToSeries(s);
        if (toSeries && s.volume &&
            s.volume->sampleNearest(PatientPoint{applyAffine(*toSeries, cursor.mm)})) {
            return;
        }
    }
    const QString text =
        tr("The requested cursor [%1, %2, %3] mm lies outside every series: the panes are empty")
            .arg(cursor.mm.x(), 0, 'f', 1)
            .arg(cursor.mm.y(), 0, 'f', 1)
            .arg(cursor.mm.z(), 0, 'f', 1);
    emit message(text, 15000);
    qWarning("crosscheck: %s", qPrintable(text));
}

void StudyWorkflow::reportProblems(const Study& study) {
    if (study.problems.empty()) {
        return;
    }
    QStringList lines;
    int notDicom = 0;
    for (const auto& problem : study.problems) {
        lines << QStringLiteral("%1: %2").arg(QString::fromStdString(problem.file),
                                              QString::fromStdString(problem.reason));
        notDicom += isNotDicom(problem);
    }
    // Files that are simply not DICOM (a README, a JSON beside the images) are expected.
    const int unusable = static_cast<int>(lines.size()) - notDicom;
    emit message(
        unusable > 0
            ? tr("%n file(s) could not be used; see the series browser", "", unusable)
            : tr("Skipped %n file(s) that are not DICOM; see the series browser", "", notDicom),
        10000);
    emit problemsFound(lines);
}

void StudyWorkflow::assignSeriesToPane(int pane, const QString& seriesInstanceUid) {
    if (m_study && m_study->findByUid(seriesInstanceUid.toStdString())) {
        m_state->setPaneSeries(pane, seriesInstanceUid);
        m_state->flush();
    }
}

}  // namespace crosscheck::viewer
