// The other volumes of multi-volume series (echoes, b-values, time points): a study holds
// volume 0 of each series, and a pane that asks for another gets it loaded here, in the
// background, beside whatever task runs (a comparison is not cancelled by a volume load).
#include <memory>
#include <utility>

#include "core/model/Study.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/StudyWorkflow.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::viewer {

namespace {

/// The first volume a pane asks for that the study has not loaded, or null.
LoadedSeries* firstWantedVolume(Study& study, const ViewState& state) {
    for (int i = 0; i < ViewState::kPaneCount; ++i) {
        const PaneAssignment pane = state.paneAssignment(i);
        if (pane.volume == 0) {
            continue;
        }
        LoadedSeries* wanted = study.findVolume(pane.seriesInstanceUid.toStdString(), pane.volume);
        if (wanted && !wanted->volume) {
            return wanted;
        }
    }
    return nullptr;
}

}  // namespace

void StudyWorkflow::loadWantedVolumes() {
    if (!m_study || m_volumeTask) {
        return;  // the running load looks again when it ends
    }
    LoadedSeries* wanted = firstWantedVolume(*m_study, *m_state);
    if (!wanted) {
        return;
    }
    const SeriesInfo info = wanted->info;
    const auto loaded = std::make_shared<LoadedSeries>();
    const QString title = tr("Loading volume %1 of %2 of %3")
                              .arg(info.volumeIndex + 1)
                              .arg(info.volumeCount())
                              .arg(QString::fromStdString(info.description));
    m_volumeTask = new BackgroundTask(
        title, [info, loaded](const Progress& p) { *loaded = loadSeries(info, p); }, this);
    // The study it was asked for: a study opened meanwhile does not receive it.
    const std::weak_ptr<Study> forStudy = m_study;
    auto finish = [this] {
        m_volumeTask->deleteLater();
        m_volumeTask = nullptr;
        loadWantedVolumes();
    };
    connect(m_volumeTask, &BackgroundTask::succeeded, this, [this, forStudy, info, loaded, finish] {
        if (auto study = forStudy.lock(); study && study == m_study) {
            if (LoadedSeries* target =
                    study->findVolume(info.seriesInstanceUid, info.volumeIndex)) {
                target->volume = loaded->volume;
                target->warnings = loaded->warnings;
                emit volumeLoaded();
            }
        }
        finish();
    });
    connect(m_volumeTask, &BackgroundTask::failed, this,
            [this, title, info, finish](const QString& why) {
                emit message(tr("%1 failed: %2").arg(title, why), 15000);
                // The panes that asked go back to the first volume: no retry loop.
                const QString uid = QString::fromStdString(info.seriesInstanceUid);
                for (int i = 0; i < ViewState::kPaneCount; ++i) {
                    const PaneAssignment pane = m_state->paneAssignment(i);
                    if (pane.seriesInstanceUid == uid && pane.volume == info.volumeIndex) {
                        m_state->setPaneVolume(i, 0);
                    }
                }
                finish();
            });
    connect(m_volumeTask, &BackgroundTask::cancelled, this, finish);
    emit message(title, 3000);
    m_volumeTask->start();
}

}  // namespace crosscheck::viewer
