// Opening folders and the demo: the study is shown as soon as it is scanned, and its
// voxels are decoded in the background, the slice under the cursor of every series first
// (core's SeriesFiller); the panes redraw a few times a second as the rest fills in. What
// needs whole volumes (comparing, registering, importing, exporting) waits for the end.
#include <QMetaObject>
#include <QTimer>
#include <cmath>
#include <utility>

#include "core/geometry/FrameTransform.h"
#include "core/model/StudyLoading.h"
#include "core/phantom/DemoStudy.h"
#include "core/session/SessionStudy.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/PathStrings.h"
#include "viewer/study/SessionMapper.h"
#include "viewer/study/StudyFill.h"
#include "viewer/study/StudyWorkflow.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::viewer {

namespace {

/// The part of an opening's progress that scanning takes; decoding takes the rest.
constexpr double kScanShare = 0.1;

/// "No loadable DICOM series found in PATHS: first file: reason (and n more ...)".
QString nothingLoadedMessage(const Study& study, const QStringList& paths) {
    QString message = StudyWorkflow::tr("No loadable DICOM series found in %1")
                          .arg(paths.join(QStringLiteral(", ")));
    if (!study.problems.empty()) {
        const ScanProblem& first = study.problems.front();
        message +=
            QStringLiteral(": %1: %2")
                .arg(QString::fromStdString(first.file), QString::fromStdString(first.reason));
        const int more = static_cast<int>(study.problems.size()) - 1;
        if (more > 0) {
            message += StudyWorkflow::tr(" (and %n more problem(s), listed in the series browser)",
                                         "", more);
        }
    }
    return message;
}

/// The slice of `series` (its volume's k) nearest a point in reference patient mm, or -1
/// when no transform joins the series to the reference.
int sliceAt(const Study& study, const LoadedSeries& series, const PatientPoint& reference) {
    const auto toSeries = study.referenceToSeries(series);
    if (!toSeries || !series.volume) {
        return -1;
    }
    const Eigen::Vector3d seriesMm = applyAffine(*toSeries, reference.mm);
    const Eigen::Vector3d index = applyAffine(series.volume->geometry().patientToIndex(), seriesMm);
    return static_cast<int>(std::lround(index.z()));
}

}  // namespace

void StudyWorkflow::openPaths(const std::vector<std::filesystem::path>& paths) {
    auto prepared = std::make_shared<Study>();
    auto* task = new BackgroundTask(tr("Loading"), [prepared, paths](const Progress& p) {
        *prepared = prepareStudy(paths, p.subRange(0.0, kScanShare), true);
    });
    runTask(task, State::Loading,
            [this, prepared, paths] { showWhileLoading(prepared, toStrings(paths), kScanShare); });
}

void StudyWorkflow::openDemo() {
    auto prepared = std::make_shared<Study>();
    auto demoDir = std::make_shared<std::filesystem::path>();
    auto* task = new BackgroundTask(tr("Demo study"), [prepared, demoDir](const Progress& p) {
        *demoDir = ensureDemoStudy(p.subRange(0.0, 0.5));
        *prepared = prepareStudy({*demoDir}, p.subRange(0.5, 0.5 + kScanShare), true);
    });
    runTask(task, State::Loading, [this, prepared, demoDir] {
        showWhileLoading(prepared, toStrings({*demoDir}), 0.5 + kScanShare);
    });
}

void StudyWorkflow::openSession(const SessionDocument& document, const std::filesystem::path& file,
                                SessionShown shown) {
    auto found = std::make_shared<SessionStudy>();
    auto* task =
        new BackgroundTask(tr("Opening session"), [found, document, file](const Progress& p) {
            *found = prepareSessionStudy(document, file, p.subRange(0.0, kScanShare), true);
        });
    runTask(task, State::Loading, [this, found, document, file, shown] {
        const QString path = QString::fromStdString(file.string());
        if (found->study.series.empty()) {
            const QString text =
                tr("%1: none of the session's series were found under their paths").arg(path);
            emit message(text, 10000);
            emit loadFailed(text);
            return;
        }
        auto study = std::make_shared<Study>(found->study);
        presentStudy(study);
        applySessionDocument(document, *m_study, *m_annotations, *m_state);
        if (shown) {
            shown(*found);
        }
        fillInBackground(study, {path}, kScanShare, [this, path] {
            emit sessionOpened(path);
            startOpeningSequence(false);
        });
    });
}

void StudyWorkflow::showWhileLoading(const std::shared_ptr<Study>& study, const QStringList& paths,
                                     double fillFrom) {
    emit pathsOpened(paths);
    if (study->series.empty() && study->pictures.empty()) {
        // Say why, naming the file or folder: the first reason here, all of them in the
        // series browser. The open study stays as it was: the layers and panes point into it.
        const QString text = nothingLoadedMessage(*study, paths);
        emit message(text, 10000);
        setState(m_study && !m_study->series.empty() ? State::Ready : State::Idle);
        reportProblems(*study);
        emit loadFailed(text);
        return;
    }
    if (study->series.empty()) {  // pictures only: loaded whole already
        showStudy(study);
        startOpeningSequence(true);
        return;
    }
    presentStudy(study);
    fillInBackground(study, paths, fillFrom, [this] { startOpeningSequence(true); });
}

void StudyWorkflow::fillInBackground(const std::shared_ptr<Study>& study, const QStringList& paths,
                                     double fillFrom, std::function<void()> whole) {
    auto fill = std::make_shared<StudyFill>();
    fill->study = study;
    fill->paths = paths;
    fill->whole = std::move(whole);
    fill->filler = std::make_shared<SeriesFiller>(fillTargets(*study));
    m_fill = fill;
    focusFill();
    // Workers only raise flags; the panes redraw on the GUI thread, the first slice at
    // once and the rest with the refresh timer, so drawing never holds up decoding.
    const auto redraw = [this, fill] {
        if (m_fill == fill && fill->dirty.exchange(false)) {
            emit volumeDataChanged(false);
        }
    };
    auto ready = [this, fill, redraw](std::size_t, int) {
        fill->dirty = true;
        if (!fill->firstDrawn.exchange(true)) {
            QMetaObject::invokeMethod(this, redraw, Qt::QueuedConnection);
        }
    };
    auto outcomes = std::make_shared<std::vector<SeriesFiller::Outcome>>();
    auto* task =
        new BackgroundTask(tr("Loading"), [fill, outcomes, ready, fillFrom](const Progress& p) {
            *outcomes = fill->filler->run(p.subRange(fillFrom, 1.0), ready);
        });
    fill->task = task;
    const auto stopped = [this, fill] {
        if (m_fill == fill) {
            closePartialStudy();
        }
    };
    connect(task, &BackgroundTask::failed, this, stopped);
    connect(task, &BackgroundTask::cancelled, this, stopped);
    connect(m_fillRefresh, &QTimer::timeout, task, redraw);
    runTask(task, State::Loading, [this, fill, outcomes] {
        finishStudy(*fill->study, *outcomes);
        finishFill(fill);
    });
    m_fillRefresh->start();
    emit loadingShown();
}

void StudyWorkflow::finishFill(const std::shared_ptr<StudyFill>& fill) {
    m_fillRefresh->stop();
    m_fill.reset();
    emit volumeDataChanged(true);
    const Study& study = *fill->study;
    if (study.series.empty() && study.pictures.empty()) {
        const QString text = nothingLoadedMessage(study, fill->paths);
        closePartialStudy();
        emit message(text, 10000);
        reportProblems(study);
        emit loadFailed(text);
        return;
    }
    // A series that failed half-way left the study: lay the panes out without it.
    if (study.series.size() != fill->filler->targetCount()) {
        showStudy(fill->study);
    } else {
        emit studyChanged(fill->study);  // tables and charts measure the whole volumes
        announceShown();
    }
    fill->whole();
}

void StudyWorkflow::closePartialStudy() {
    m_fillRefresh->stop();
    m_fill.reset();
    presentStudy(std::make_shared<Study>());
    emit message(tr("Loading stopped: the partly loaded study was closed"), 10000);
}

void StudyWorkflow::focusFill() {
    if (!m_fill) {
        return;
    }
    const Study& study = *m_fill->study;
    for (std::size_t t = 0; t < study.series.size(); ++t) {
        if (const int k = sliceAt(study, study.series[t], m_state->cursor()); k >= 0) {
            m_fill->filler->setFocus(t, k);
        }
    }
}

bool StudyWorkflow::isDecodedAt(const QString& seriesInstanceUid,
                                const PatientPoint& referencePoint) const {
    if (!m_fill) {
        return true;
    }
    const Study& study = *m_fill->study;
    for (std::size_t t = 0; t < study.series.size(); ++t) {
        if (study.series[t].info.seriesInstanceUid == seriesInstanceUid.toStdString()) {
            return m_fill->filler->isDecoded(t, sliceAt(study, study.series[t], referencePoint));
        }
    }
    return true;
}

bool StudyWorkflow::refuseWhileFilling(const QString& action) {
    if (!m_fill) {
        return false;
    }
    emit message(
        tr("The study is still loading: %1 once it is whole (Esc cancels the loading)").arg(action),
        8000);
    return true;
}

}  // namespace crosscheck::viewer
