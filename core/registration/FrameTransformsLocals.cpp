// FrameTransforms' local registrations: several named transforms per frame pair, the pick
// that says which one is used, and the focus point a "nearest" pick looks at.
#include <algorithm>
#include <stdexcept>

#include "core/registration/FrameTransforms.h"

namespace crosscheck {

namespace {

constexpr const char* kGlobalName = "global";

bool samePair(const FramePick& p, const std::string& a, const std::string& b) {
    return (p.frameA == a && p.frameB == b) || (p.frameA == b && p.frameB == a);
}

}  // namespace

std::string FrameTransforms::addLocal(FrameLink link) {
    checkLink(link.fromFrame, link.toFrame, link.fromToTo);
    if (link.name == kGlobalName) {
        throw std::invalid_argument(
            "\"global\" names the pair's global transform, not a local one");
    }
    const std::vector<FrameLink> existing = locals(link.fromFrame, link.toFrame);
    if (link.name.empty()) {
        // The first free "local N": names stay unique even after a rename.
        for (std::size_t n = existing.size() + 1;; ++n) {
            const std::string candidate = "local " + std::to_string(n);
            if (std::none_of(existing.begin(), existing.end(),
                             [&](const FrameLink& l) { return l.name == candidate; })) {
                link.name = candidate;
                break;
            }
        }
    }
    const auto same = std::find_if(m_locals.begin(), m_locals.end(), [&](const FrameLink& l) {
        return l.joins(link.fromFrame, link.toFrame) && l.name == link.name;
    });
    if (same != m_locals.end()) {
        *same = link;
    } else {
        m_locals.push_back(link);
    }
    notify();
    return link.name;
}

void FrameTransforms::renameLocal(const std::string& frameA, const std::string& frameB,
                                  const std::string& oldName, const std::string& newName) {
    if (newName.empty() || newName == kGlobalName) {
        throw std::invalid_argument("a local registration needs a name other than \"" + newName +
                                    "\"");
    }
    FrameLink* found = nullptr;
    for (FrameLink& l : m_locals) {
        if (l.joins(frameA, frameB)) {
            if (l.name == newName && newName != oldName) {
                throw std::invalid_argument("a local registration is already named \"" + newName +
                                            "\"");
            }
            if (l.name == oldName) {
                found = &l;
            }
        }
    }
    if (!found) {
        throw std::invalid_argument("no local registration named \"" + oldName + "\"");
    }
    found->name = newName;
    for (FramePick& p : m_picks) {
        if (samePair(p, frameA, frameB) && p.pick.kind == TransformPick::Kind::Named &&
            p.pick.name == oldName) {
            p.pick.name = newName;
        }
    }
    notify();
}

std::vector<FrameLink> FrameTransforms::locals(const std::string& frameA,
                                               const std::string& frameB) const {
    std::vector<FrameLink> out;
    for (const FrameLink& l : m_locals) {
        if (l.joins(frameA, frameB)) {
            out.push_back(l);
        }
    }
    return out;
}

std::vector<FrameLink> FrameTransforms::allLinks() const {
    std::vector<FrameLink> out = m_links;
    out.insert(out.end(), m_locals.begin(), m_locals.end());
    return out;
}

void FrameTransforms::pick(const std::string& frameA, const std::string& frameB,
                           const TransformPick& pick) {
    if (pick.kind == TransformPick::Kind::Named) {
        const auto pair = locals(frameA, frameB);
        if (std::none_of(pair.begin(), pair.end(),
                         [&](const FrameLink& l) { return l.name == pick.name; })) {
            throw std::invalid_argument("no local registration named \"" + pick.name + "\" joins " +
                                        frameA + " and " + frameB);
        }
    }
    m_picks.erase(std::remove_if(m_picks.begin(), m_picks.end(),
                                 [&](const FramePick& p) { return samePair(p, frameA, frameB); }),
                  m_picks.end());
    if (pick.kind != TransformPick::Kind::Global) {
        m_picks.push_back({frameA, frameB, pick});
    }
    notify();
}

TransformPick FrameTransforms::pickOf(const std::string& frameA, const std::string& frameB) const {
    for (const FramePick& p : m_picks) {
        if (samePair(p, frameA, frameB)) {
            return p.pick;
        }
    }
    return TransformPick::global();
}

const FrameLink* FrameTransforms::resolve(const std::string& a, const std::string& b,
                                          bool* byNearest) const {
    if (byNearest) {
        *byNearest = false;
    }
    const int global = findLink(a, b);
    const FrameLink* globalLink =
        global >= 0 ? &m_links[static_cast<std::size_t>(global)] : nullptr;
    std::vector<const FrameLink*> pair;
    for (const FrameLink& l : m_locals) {
        if (l.joins(a, b)) {
            pair.push_back(&l);
        }
    }
    if (pair.empty()) {
        return globalLink;
    }
    const TransformPick chosen = pickOf(a, b);
    if (chosen.kind == TransformPick::Kind::Named) {
        for (const FrameLink* l : pair) {
            if (l->name == chosen.name) {
                return l;
            }
        }
    }
    if (chosen.kind == TransformPick::Kind::Nearest && m_focus) {
        std::vector<FrameLink> candidates;
        for (const FrameLink* l : pair) {
            candidates.push_back(*l);
        }
        const int nearest = nearestLocalRegistration(candidates, *m_focus);
        if (nearest >= 0) {
            if (byNearest) {
                *byNearest = true;
            }
            return pair[static_cast<std::size_t>(nearest)];
        }
    }
    return globalLink ? globalLink : pair.front();
}

std::optional<FrameLink> FrameTransforms::activeLink(const std::string& frameA,
                                                     const std::string& frameB) const {
    const FrameLink* used = resolve(frameA, frameB);
    return used ? std::optional<FrameLink>(*used) : std::nullopt;
}

bool FrameTransforms::setFocus(const TransformFocus& focus) {
    // Which link each pair with local registrations uses, before and after.
    auto usedLinks = [this] {
        std::vector<const FrameLink*> used;
        for (const FrameLink& l : m_locals) {
            used.push_back(resolve(l.fromFrame, l.toFrame));
        }
        return used;
    };
    const auto before = usedLinks();
    m_focus = focus;
    if (usedLinks() == before) {
        return false;
    }
    notify();
    return true;
}

FrameTransforms FrameTransforms::focusedAt(const TransformFocus& focus) const {
    FrameTransforms copy;
    copy.m_links = m_links;
    copy.m_locals = m_locals;
    copy.m_picks = m_picks;
    copy.m_focus = focus;
    return copy;
}

std::string FrameTransforms::linkLabel(const FrameLink& link, const std::string& a,
                                       const std::string& b) const {
    std::string text = link.provenance.label();
    if (link.name.empty()) {
        return text;
    }
    text += ", \"" + link.name + "\"";
    bool byNearest = false;
    resolve(a, b, &byNearest);
    if (byNearest && m_focus) {
        text += " (nearest to " + m_focus->what + ")";
    }
    return text;
}

}  // namespace crosscheck
