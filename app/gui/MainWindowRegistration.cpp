// Bringing series of other frames of reference into the reference frame: automatic
// rigid registration by mutual information, off the GUI thread.
#include <QStatusBar>
#include <set>

#include "app/gui/MainWindow.h"
#include "app/gui/PaneGrid.h"
#include "core/model/Study.h"
#include "core/registration/RigidMiRegistration.h"
#include "core/volume/VolumeStatistics.h"
#include "viewer/panes/SlicePane.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::app {

namespace {

/// One series to register per frame that has no transform to the reference yet,
/// preferring the T1w (the sCT is computed from it, so it shares its frame).
std::vector<const LoadedSeries*> unregisteredFrames(const Study& study) {
    std::vector<const LoadedSeries*> chosen;
    std::set<std::string> frames;
    for (SeriesRole preferred :
         {SeriesRole::T1w, SeriesRole::T2w, SeriesRole::sCT, SeriesRole::Other, SeriesRole::CT}) {
        for (const auto& s : study.series) {
            const std::string& frame = s.info.frameOfReferenceUid;
            if (s.info.role != preferred || frames.count(frame) != 0 ||
                study.transforms.transform(study.referenceFrameUid, frame)) {
                continue;
            }
            frames.insert(frame);
            chosen.push_back(&s);
        }
    }
    return chosen;
}

const LoadedSeries* referenceSeries(const Study& study) {
    for (SeriesRole role :
         {SeriesRole::CT, SeriesRole::sCT, SeriesRole::T1w, SeriesRole::T2w, SeriesRole::Other}) {
        for (const auto& s : study.series) {
            if (s.info.role == role && s.info.frameOfReferenceUid == study.referenceFrameUid) {
                return &s;
            }
        }
    }
    return nullptr;
}

struct PendingLink {
    std::string movingFrame;
    Eigen::Matrix4d movingToFixed;
    TransformProvenance provenance;
};

}  // namespace

void MainWindow::setCheckerboard(bool on) {
    const LoadedSeries* reference = m_study ? referenceSeries(*m_study) : nullptr;
    for (auto* pane : m_grid->panes()) {
        if (on && reference) {
            pane->setCheckerboard(reference->volume, isHounsfield(reference->info.role)
                                                         ? ctWindowPresets()[2].window
                                                         : automaticWindow(*reference->volume));
        } else {
            pane->setCheckerboard(nullptr, {});
        }
    }
}

void MainWindow::registerAutomatically() {
    if (!m_study) {
        return;
    }
    const LoadedSeries* fixed = referenceSeries(*m_study);
    const auto moving = unregisteredFrames(*m_study);
    if (!fixed || moving.empty()) {
        statusBar()->showMessage(tr("Every series already has a transform to the reference frame."),
                                 5000);
        emit registrationFinished();
        return;
    }
    auto links = std::make_shared<std::vector<PendingLink>>();
    std::shared_ptr<const Study> study = m_study;
    auto* task = new viewer::BackgroundTask(
        tr("Registering"),
        [study, fixed, moving, links](const Progress& p) {
            for (std::size_t i = 0; i < moving.size(); ++i) {
                Progress part = p;
                part.report = [&p, i, n = moving.size()](double f, const std::string& stage) {
                    p((static_cast<double>(i) + f) / static_cast<double>(n), stage);
                };
                const RigidMiResult result =
                    registerRigidMi(*fixed->volume, *moving[i]->volume, {}, part);
                TransformProvenance provenance;
                provenance.basis = TransformBasis::AutomaticMi;
                provenance.metric = result.metric;
                provenance.iterations = result.iterations;
                links->push_back(
                    {moving[i]->info.frameOfReferenceUid, result.movingToFixed, provenance});
            }
        },
        this);
    connect(task, &viewer::BackgroundTask::succeeded, this, [this, study, links] {
        finishTask();
        if (study != m_study) {
            return;  // another study was opened meanwhile
        }
        for (const auto& link : *links) {
            setFrameTransform(link.movingFrame, m_study->referenceFrameUid, link.movingToFixed,
                              link.provenance);
        }
        statusBar()->showMessage(
            tr("Registered %n frame(s) to the reference by mutual information.", "",
               static_cast<int>(links->size())),
            8000);
        emit registrationFinished();
        if (m_analyzeAfterRegistration) {
            m_analyzeAfterRegistration = false;
            analyzeDiscrepancies();
        }
    });
    runTask(task);
}

}  // namespace crosscheck::app
