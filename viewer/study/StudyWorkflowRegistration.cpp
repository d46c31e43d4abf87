// The study workflow's registrations: automatic MI registration in the background, the
// landmark fit, transforms given by a caller and keyboard corrections. Each change of a
// transform re-synchronizes what shows series through it and clears a comparison made
// through the old one (compared again soon when the workflow compares on its own).
#include <QStringList>
#include <memory>

#include "core/model/Study.h"
#include "core/registration/LandmarkRegistration.h"
#include "core/registration/RegistrationError.h"
#include "viewer/analysis/DiscrepancyLayer.h"
#include "viewer/registration/LandmarkSet.h"
#include "viewer/roi/AnnotationLayer.h"
#include "viewer/study/StudyRegistration.h"
#include "viewer/study/StudyWorkflow.h"
#include "viewer/tasks/BackgroundTask.h"

namespace crosscheck::viewer {

void StudyWorkflow::setFrameTransform(const std::string& fromFrame, const std::string& toFrame,
                                      const Eigen::Matrix4d& fromToTo,
                                      const TransformProvenance& provenance) {
    if (!m_study) {
        return;
    }
    m_study->transforms.set(fromFrame, toFrame, fromToTo, provenance);
    refreshTransforms();
}

void StudyWorkflow::nudgeSeries(const QString& seriesInstanceUid,
                                const Eigen::Matrix4d& deltaInReference) {
    if (!m_study) {
        return;
    }
    const LoadedSeries* s = m_study->findByUid(seriesInstanceUid.toStdString());
    if (!s || s->info.frameOfReferenceUid == m_study->referenceFrameUid) {
        return;
    }
    try {
        m_study->transforms.nudge(s->info.frameOfReferenceUid, m_study->referenceFrameUid,
                                  deltaInReference);
    } catch (const std::exception& e) {
        emit message(tr("Cannot adjust: %1").arg(QString::fromStdString(e.what())), 5000);
        return;
    }
    emit registrationsEdited();
    refreshTransforms();
}

void StudyWorkflow::refreshTransforms() {
    const bool hadComparison = m_discrepancy->hasResult();
    m_discrepancy->clear();  // computed through the old transform
    if (hadComparison) {
        scheduleReanalysis();
    }
    emit transformsChanged();
}

void StudyWorkflow::registerAutomatically() {
    if (!m_study) {
        return;
    }
    if (refuseWhileFilling(tr("registration starts"))) {
        return;
    }
    const LoadedSeries* fixed = referenceSeries(*m_study);
    const auto moving = unregisteredFrames(*m_study);
    if (!fixed || moving.empty()) {
        emit message(tr("Every series already has a transform to the reference frame."), 5000);
        emit registrationFinished();
        if (m_continuingOpening && m_opening == OpeningStep::Register) {
            compare();  // still the opening's step
        }
        return;
    }
    auto links = std::make_shared<std::vector<RegionLink>>();
    std::shared_ptr<const Study> study = m_study;
    auto* task =
        new BackgroundTask(tr("Registering"), [study, fixed, moving, links](const Progress& p) {
            // The frames have no transform yet: each starts from its body's centre of mass.
            *links = registerFramesMi(*study, *fixed, moving, std::nullopt, p);
        });
    runTask(task, State::Registering, [this, study, links] {
        if (study != m_study) {
            return;  // another study was opened meanwhile
        }
        for (const auto& l : *links) {
            setFrameTransform(l.link.movingFrame, m_study->referenceFrameUid,
                              l.link.movingToReference, l.link.provenance);
        }
        emit message(tr("Registered %n frame(s) to the reference by mutual information.", "",
                        static_cast<int>(links->size())),
                     8000);
        emit registrationFinished();
        if (m_opening == OpeningStep::Register) {
            continueOpening(&StudyWorkflow::compare);
        }
    });
}

namespace {

/// "NGF 0.21 -> 0.43" per frame, and the warnings of poor fits.
QString qualitySummary(const std::vector<RegionLink>& links) {
    QStringList parts;
    for (const auto& l : links) {
        parts << StudyWorkflow::tr("edge agreement (NGF) %1 -> %2")
                     .arg(l.quality.ngfBefore, 0, 'f', 2)
                     .arg(l.quality.ngfAfter, 0, 'f', 2);
        if (!l.quality.warning.empty()) {
            parts
                << StudyWorkflow::tr("warning: %1").arg(QString::fromStdString(l.quality.warning));
        }
    }
    return parts.join(QStringLiteral("; "));
}

}  // namespace

void StudyWorkflow::registerLevel(const PatientPoint& referenceCentre, double radiusMm,
                                  const std::string& name) {
    if (!m_study) {
        return;
    }
    if (refuseWhileFilling(tr("this level is registered"))) {
        return;
    }
    const LoadedSeries* fixed = referenceSeries(*m_study);
    const auto moving = otherFrames(*m_study);
    if (!fixed || moving.empty()) {
        emit message(tr("Nothing to register: every series is in the reference frame."), 8000);
        return;
    }
    const RegistrationRegion region{referenceCentre.mm, radiusMm};
    auto links = std::make_shared<std::vector<RegionLink>>();
    std::shared_ptr<const Study> study = m_study;
    auto* task = new BackgroundTask(
        tr("Registering this level"), [study, fixed, moving, region, links](const Progress& p) {
            *links = registerFramesMi(*study, *fixed, moving, region, p);
        });
    runTask(task, State::Registering, [this, study, links, region, name] {
        if (study != m_study) {
            return;
        }
        // Kept beside the frame's other registrations under a name, and used from now on
        // (Registration > Use transform picks another, or the one nearest the cursor).
        std::string kept = name;
        for (const auto& l : *links) {
            crosscheck::FrameLink local{l.link.movingFrame, m_study->referenceFrameUid,
                                        l.link.movingToReference, l.link.provenance, kept};
            kept = m_study->transforms.addLocal(local);
            m_study->transforms.pick(l.link.movingFrame, m_study->referenceFrameUid,
                                     TransformPick::named(kept));
        }
        refreshTransforms();
        emit message(tr("Registered locally (\"%6\") at (%1, %2, %3), radius %4 mm: %5")
                         .arg(region.centreMm.x(), 0, 'f', 1)
                         .arg(region.centreMm.y(), 0, 'f', 1)
                         .arg(region.centreMm.z(), 0, 'f', 1)
                         .arg(region.radiusMm, 0, 'f', 0)
                         .arg(qualitySummary(*links))
                         .arg(QString::fromStdString(kept)),
                     20000);
        emit registrationsEdited();
        emit registrationFinished();
    });
}

bool StudyWorkflow::registerByLandmarks() {
    if (!m_study) {
        return false;
    }
    const auto pairs = m_landmarks->pairs();
    const std::string moving = m_landmarks->movingFrameUid();
    try {
        const LandmarkRegistrationResult fit = registerLandmarks(pairs);
        TransformProvenance provenance;
        provenance.basis = TransformBasis::Landmarks;
        provenance.rmsMm = fit.rmsMm;
        setFrameTransform(moving, m_study->referenceFrameUid, fit.movingToFixed, provenance);
        emit message(
            tr("Registered by %n landmark pair(s): RMS %1 mm", "", static_cast<int>(pairs.size()))
                .arg(fit.rmsMm, 0, 'f', 2),
            10000);
        emit registrationsEdited();
    } catch (const RegistrationError& e) {
        emit message(tr("Cannot register by landmarks: %1").arg(QString::fromStdString(e.what())),
                     10000);
        return false;
    }
    m_landmarks->clear();
    m_annotations->setTool(AnnotationLayer::Tool::Navigate);
    return true;
}

}  // namespace crosscheck::viewer
