#include "core/registration/FrameTransforms.h"

#include <algorithm>
#include <deque>
#include <stdexcept>

#include "core/geometry/RigidTransform.h"

namespace crosscheck {

int FrameTransforms::findLink(const std::string& a, const std::string& b) const {
    for (std::size_t i = 0; i < m_links.size(); ++i) {
        if (m_links[i].joins(a, b)) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void FrameTransforms::checkLink(const std::string& fromFrame, const std::string& toFrame,
                                const Eigen::Matrix4d& fromToTo) {
    if (fromFrame.empty() || toFrame.empty()) {
        throw std::invalid_argument("a frame transform needs two FrameOfReferenceUIDs");
    }
    if (fromFrame == toFrame) {
        throw std::invalid_argument("a frame transform must join two different frames (" +
                                    fromFrame + ")");
    }
    if (!isRigid(fromToTo, 1e-4)) {
        throw std::invalid_argument("the transform from " + fromFrame + " to " + toFrame +
                                    " is not rigid");
    }
}

void FrameTransforms::set(const std::string& fromFrame, const std::string& toFrame,
                          const Eigen::Matrix4d& fromToTo, const TransformProvenance& provenance) {
    checkLink(fromFrame, toFrame, fromToTo);
    FrameLink link{fromFrame, toFrame, fromToTo, provenance, {}};
    const int existing = findLink(fromFrame, toFrame);
    if (existing >= 0) {
        m_links[static_cast<std::size_t>(existing)] = link;
    } else {
        m_links.push_back(link);
    }
    notify();
}

bool FrameTransforms::remove(const std::string& frameA, const std::string& frameB) {
    const auto joins = [&](const FrameLink& l) { return l.joins(frameA, frameB); };
    const std::size_t before = m_links.size() + m_locals.size();
    m_links.erase(std::remove_if(m_links.begin(), m_links.end(), joins), m_links.end());
    m_locals.erase(std::remove_if(m_locals.begin(), m_locals.end(), joins), m_locals.end());
    m_picks.erase(std::remove_if(m_picks.begin(), m_picks.end(),
                                 [&](const FramePick& p) {
                                     return (p.frameA == frameA && p.frameB == frameB) ||
                                            (p.frameA == frameB && p.frameB == frameA);
                                 }),
                  m_picks.end());
    if (m_links.size() + m_locals.size() == before) {
        return false;
    }
    notify();
    return true;
}

void FrameTransforms::clear() {
    m_links.clear();
    m_locals.clear();
    m_picks.clear();
    notify();
}

std::optional<std::vector<FrameLink>> FrameTransforms::path(const std::string& fromFrame,
                                                            const std::string& toFrame) const {
    if (fromFrame == toFrame) {
        return std::vector<FrameLink>{};
    }
    // The link each pair uses, then a breadth-first search over frames; each step remembers
    // the oriented link that reached it.
    std::vector<FrameLink> active;
    for (const auto* list : {&m_links, &m_locals}) {
        for (const FrameLink& l : *list) {
            const FrameLink* used = resolve(l.fromFrame, l.toFrame);
            if (used == &l) {
                active.push_back(l);
            }
        }
    }
    std::map<std::string, FrameLink> reachedBy;
    std::deque<std::string> queue{fromFrame};
    reachedBy[fromFrame] = FrameLink{};
    while (!queue.empty()) {
        const std::string frame = queue.front();
        queue.pop_front();
        if (frame == toFrame) {
            break;
        }
        for (const auto& l : active) {
            FrameLink step;
            if (l.fromFrame == frame) {
                step = l;
            } else if (l.toFrame == frame) {
                step = FrameLink{l.toFrame, l.fromFrame, rigidInverse(l.fromToTo), l.provenance,
                                 l.name};
            } else {
                continue;
            }
            if (reachedBy.count(step.toFrame) == 0) {
                reachedBy[step.toFrame] = step;
                queue.push_back(step.toFrame);
            }
        }
    }
    if (reachedBy.count(toFrame) == 0) {
        return std::nullopt;
    }
    std::vector<FrameLink> steps;
    for (std::string frame = toFrame; frame != fromFrame;) {
        const FrameLink& step = reachedBy.at(frame);
        steps.insert(steps.begin(), step);
        frame = step.fromFrame;
    }
    return steps;
}

std::optional<FrameTransform> FrameTransforms::between(const std::string& fromFrame,
                                                       const std::string& toFrame) const {
    const auto matrix = transform(fromFrame, toFrame);
    if (!matrix) {
        return std::nullopt;
    }
    return FrameTransform(fromFrame, toFrame, *matrix);
}

std::optional<Eigen::Matrix4d> FrameTransforms::transform(const std::string& fromFrame,
                                                          const std::string& toFrame) const {
    const auto steps = path(fromFrame, toFrame);
    if (!steps) {
        return std::nullopt;
    }
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    for (const auto& step : *steps) {
        m = step.fromToTo * m;
    }
    return m;
}

std::string FrameTransforms::badge(const std::string& fromFrame, const std::string& toFrame) const {
    const auto steps = path(fromFrame, toFrame);
    if (!steps) {
        return "not registered";
    }
    if (steps->empty()) {
        return TransformProvenance{TransformBasis::SameFrame}.label();
    }
    std::string text;
    for (const auto& step : *steps) {
        text += (text.empty() ? "" : " -> ") + linkLabel(step, step.fromFrame, step.toFrame);
    }
    return text;
}

void FrameTransforms::nudge(const std::string& fromFrame, const std::string& toFrame,
                            const Eigen::Matrix4d& deltaInToFrame) {
    // The link the pair uses now is the one on screen, so it is the one corrected.
    auto* used = const_cast<FrameLink*>(resolve(fromFrame, toFrame));
    if (!used) {
        throw std::invalid_argument("no transform joins " + fromFrame + " and " + toFrame +
                                    " to adjust");
    }
    if (!isRigid(deltaInToFrame, 1e-4)) {
        throw std::invalid_argument("a hand adjustment must be rigid");
    }
    FrameLink& link = *used;
    if (link.fromFrame == fromFrame) {
        link.fromToTo = deltaInToFrame * link.fromToTo;
    } else {
        // Stored the other way round: to -> from becomes (delta * from->to)^-1.
        link.fromToTo = link.fromToTo * rigidInverse(deltaInToFrame);
    }
    link.provenance.adjustedByHand = true;
    notify();
}

int FrameTransforms::addListener(Listener listener) {
    const int id = m_nextListenerId++;
    m_listeners[id] = std::move(listener);
    return id;
}

void FrameTransforms::removeListener(int id) {
    m_listeners.erase(id);
}

void FrameTransforms::notify() const {
    for (const auto& [id, listener] : m_listeners) {
        if (listener) {
            listener();
        }
    }
}

}  // namespace crosscheck
