// The study workflow's named local registrations: which transform the frames joined to the
// reference use (global, a named local one, or the one nearest the cursor), renaming, and
// the cursor that chooses under "nearest". The choice lives in the study's FrameTransforms;
// the panes follow transformsChanged, never each other.
#include <algorithm>

#include "core/model/Study.h"
#include "viewer/state/ViewState.h"
#include "viewer/study/StudyWorkflow.h"

namespace crosscheck::viewer {

namespace {

/// The frames (other than the reference) that have local registrations to it, in order.
std::vector<std::string> framesWithLocals(const Study& study) {
    std::vector<std::string> frames;
    for (const crosscheck::FrameLink& l : study.transforms.localLinks()) {
        const std::string other = l.toFrame == study.referenceFrameUid     ? l.fromFrame
                                  : l.fromFrame == study.referenceFrameUid ? l.toFrame
                                                                           : std::string();
        if (!other.empty() && std::find(frames.begin(), frames.end(), other) == frames.end()) {
            frames.push_back(other);
        }
    }
    return frames;
}

}  // namespace

std::vector<std::string> StudyWorkflow::localRegistrationNames() const {
    std::vector<std::string> names;
    if (!m_study) {
        return names;
    }
    for (const std::string& frame : framesWithLocals(*m_study)) {
        for (const auto& l : m_study->transforms.locals(frame, m_study->referenceFrameUid)) {
            if (std::find(names.begin(), names.end(), l.name) == names.end()) {
                names.push_back(l.name);
            }
        }
    }
    return names;
}

void StudyWorkflow::pickTransform(const TransformPick& pick) {
    if (!m_study) {
        return;
    }
    bool changed = false;
    for (const std::string& frame : framesWithLocals(*m_study)) {
        const auto before = m_study->transforms.pickOf(frame, m_study->referenceFrameUid);
        const auto locals = m_study->transforms.locals(frame, m_study->referenceFrameUid);
        const bool has = std::any_of(locals.begin(), locals.end(),
                                     [&](const auto& l) { return l.name == pick.name; });
        // A frame without a local registration of that name keeps its global transform.
        m_study->transforms.pick(
            frame, m_study->referenceFrameUid,
            pick.kind != TransformPick::Kind::Named || has ? pick : TransformPick::global());
        changed =
            changed || !(m_study->transforms.pickOf(frame, m_study->referenceFrameUid) == before);
    }
    m_study->transforms.setFocus({m_study->referenceFrameUid, m_state->cursor().mm, "cursor"});
    refreshTransforms();
    if (changed) {
        emit registrationsEdited();
    }
}

TransformPick StudyWorkflow::transformPick() const {
    if (!m_study) {
        return {};
    }
    const auto frames = framesWithLocals(*m_study);
    return frames.empty() ? TransformPick::global()
                          : m_study->transforms.pickOf(frames.front(), m_study->referenceFrameUid);
}

bool StudyWorkflow::renameLocalRegistration(const std::string& oldName,
                                            const std::string& newName) {
    if (!m_study || oldName == newName) {
        return false;
    }
    try {
        for (const std::string& frame : framesWithLocals(*m_study)) {
            const auto locals = m_study->transforms.locals(frame, m_study->referenceFrameUid);
            if (std::any_of(locals.begin(), locals.end(),
                            [&](const auto& l) { return l.name == oldName; })) {
                m_study->transforms.renameLocal(frame, m_study->referenceFrameUid, oldName,
                                                newName);
            }
        }
    } catch (const std::invalid_argument& e) {
        emit message(tr("Cannot rename: %1").arg(QString::fromStdString(e.what())), 8000);
        return false;
    }
    refreshTransforms();
    emit registrationsEdited();
    return true;
}

std::optional<std::pair<Eigen::Vector3d, double>> StudyWorkflow::activeRegion() const {
    if (!m_study) {
        return std::nullopt;
    }
    for (const std::string& frame : framesWithLocals(*m_study)) {
        const auto used = m_study->transforms.activeLink(frame, m_study->referenceFrameUid);
        if (used && used->provenance.regionCentreMm &&
            used->toFrame == m_study->referenceFrameUid) {
            return std::make_pair(*used->provenance.regionCentreMm,
                                  used->provenance.regionRadiusMm);
        }
    }
    return std::nullopt;
}

void StudyWorkflow::followCursorForTransforms() {
    if (!m_study) {
        return;
    }
    const TransformFocus cursor{m_study->referenceFrameUid, m_state->cursor().mm, "cursor"};
    if (m_study->transforms.setFocus(cursor)) {
        refreshTransforms();
    }
}

}  // namespace crosscheck::viewer
