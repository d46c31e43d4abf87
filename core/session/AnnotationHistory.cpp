#include "core/session/AnnotationHistory.h"

#include <set>

namespace crosscheck {

AnnotationHistory::AnnotationHistory(std::vector<Annotation> initial)
    : m_annotations(std::move(initial)) {}

const Annotation* AnnotationHistory::find(const std::string& id) const {
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_annotations[static_cast<std::size_t>(i)];
}

int AnnotationHistory::indexOf(const std::string& id) const {
    for (std::size_t i = 0; i < m_annotations.size(); ++i) {
        if (m_annotations[i].id == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::string AnnotationHistory::freshId() {
    for (;;) {
        std::string id = "roi-" + std::to_string(m_nextId++);
        if (indexOf(id) < 0) {
            return id;
        }
    }
}

std::string AnnotationHistory::add(Annotation annotation, std::uint64_t mergeKey) {
    if (annotation.id.empty() || indexOf(annotation.id) >= 0) {
        annotation.id = freshId();
    }
    Command c{
        AnnotationChange::Kind::Added, m_annotations.size(), {}, annotation, mergeKey, {}, {}};
    apply(c, true);
    push(std::move(c));
    return annotation.id;
}

std::vector<std::string> AnnotationHistory::addGroup(std::vector<Annotation> annotations,
                                                     const std::string& text) {
    std::vector<std::string> ids;
    if (annotations.empty()) {
        return ids;
    }
    // An id in use, by the list or by an earlier annotation of the group, gets a fresh one.
    std::set<std::string> taken;
    for (Annotation& a : annotations) {
        if (a.id.empty() || indexOf(a.id) >= 0 || taken.count(a.id) > 0) {
            do {
                a.id = freshId();
            } while (taken.count(a.id) > 0);
        }
        taken.insert(a.id);
        ids.push_back(a.id);
    }
    Command c{AnnotationChange::Kind::Added,
              m_annotations.size(),
              {},
              annotations.back(),
              0,
              std::move(annotations),
              text};
    apply(c, true);
    push(std::move(c));
    return ids;
}

bool AnnotationHistory::remove(const std::string& id) {
    const int i = indexOf(id);
    if (i < 0) {
        return false;
    }
    Command c{AnnotationChange::Kind::Removed,
              static_cast<std::size_t>(i),
              m_annotations[static_cast<std::size_t>(i)],
              {},
              0,
              {},
              {}};
    apply(c, true);
    push(std::move(c));
    return true;
}

bool AnnotationHistory::modify(const Annotation& updated, std::uint64_t mergeKey) {
    const int i = indexOf(updated.id);
    if (i < 0) {
        return false;
    }
    const auto index = static_cast<std::size_t>(i);
    const bool mergeable = mergeKey != 0 && m_position == m_commands.size() && m_position > 0 &&
                           m_commands.back().group.empty() &&
                           static_cast<long long>(m_position) != m_savedPosition;
    if (mergeable) {
        Command& top = m_commands.back();
        const bool sameStep = top.kind == AnnotationChange::Kind::Modified ||
                              top.kind == AnnotationChange::Kind::Added;
        if (sameStep && top.mergeKey == mergeKey && top.index == index) {
            top.after = updated;
            m_annotations[index] = updated;
            notify({AnnotationChange::Kind::Modified, updated.id});
            return true;
        }
    }
    Command c{
        AnnotationChange::Kind::Modified, index, m_annotations[index], updated, mergeKey, {}, {}};
    apply(c, true);
    push(std::move(c));
    return true;
}

void AnnotationHistory::push(Command command) {
    m_commands.resize(m_position);
    if (m_savedPosition > static_cast<long long>(m_position)) {
        m_savedPosition = -1;  // the saved state was on the dropped redo branch
    }
    m_commands.push_back(std::move(command));
    ++m_position;
    if (m_commands.size() > kMaxDepth) {
        m_commands.erase(m_commands.begin());
        --m_position;
        m_savedPosition = m_savedPosition > 0 ? m_savedPosition - 1 : -1;
    }
}

void AnnotationHistory::apply(const Command& c, bool forward) {
    using Kind = AnnotationChange::Kind;
    const auto at = m_annotations.begin() + static_cast<std::ptrdiff_t>(c.index);
    if (!c.group.empty()) {
        if (forward) {
            m_annotations.insert(at, c.group.begin(), c.group.end());
            for (const Annotation& a : c.group) {
                notify({Kind::Added, a.id});
            }
        } else {
            m_annotations.erase(at, at + static_cast<std::ptrdiff_t>(c.group.size()));
            for (auto a = c.group.rbegin(); a != c.group.rend(); ++a) {
                notify({Kind::Removed, a->id});
            }
        }
        return;
    }
    switch (c.kind) {
        case Kind::Added:
            if (forward) {
                m_annotations.insert(at, c.after);
            } else {
                m_annotations.erase(at);
            }
            notify({forward ? Kind::Added : Kind::Removed, c.after.id});
            break;
        case Kind::Removed:
            if (forward) {
                m_annotations.erase(at);
            } else {
                m_annotations.insert(at, c.before);
            }
            notify({forward ? Kind::Removed : Kind::Added, c.before.id});
            break;
        case Kind::Modified:
            *at = forward ? c.after : c.before;
            notify({Kind::Modified, c.after.id});
            break;
        case Kind::Reset:
            break;
    }
}

bool AnnotationHistory::undo() {
    if (!canUndo()) {
        return false;
    }
    --m_position;
    apply(m_commands[m_position], false);
    return true;
}

bool AnnotationHistory::redo() {
    if (!canRedo()) {
        return false;
    }
    // The position moves first, as in undo(): listeners told of the change must already
    // see the new state (isModified(), canUndo()).
    ++m_position;
    apply(m_commands[m_position - 1], true);
    return true;
}

namespace {
std::string describe(AnnotationChange::Kind kind, const Annotation& a) {
    const char* verb = kind == AnnotationChange::Kind::Added     ? "Add "
                       : kind == AnnotationChange::Kind::Removed ? "Remove "
                                                                 : "Modify ";
    return verb + std::string(toString(a.roi.shape));
}
}  // namespace

std::string AnnotationHistory::undoText() const {
    if (!canUndo()) {
        return {};
    }
    const Command& c = m_commands[m_position - 1];
    if (!c.group.empty()) {
        return c.text;
    }
    return describe(c.kind, c.kind == AnnotationChange::Kind::Removed ? c.before : c.after);
}

std::string AnnotationHistory::redoText() const {
    if (!canRedo()) {
        return {};
    }
    const Command& c = m_commands[m_position];
    if (!c.group.empty()) {
        return c.text;
    }
    return describe(c.kind, c.kind == AnnotationChange::Kind::Removed ? c.before : c.after);
}

void AnnotationHistory::reset(std::vector<Annotation> annotations) {
    m_annotations = std::move(annotations);
    m_commands.clear();
    m_position = 0;
    m_savedPosition = 0;
    notify({AnnotationChange::Kind::Reset, {}});
}

int AnnotationHistory::addListener(Listener listener) {
    const int id = m_nextListenerId++;
    m_listeners.emplace(id, std::move(listener));
    return id;
}

void AnnotationHistory::removeListener(int id) {
    m_listeners.erase(id);
}

void AnnotationHistory::notify(const AnnotationChange& change) {
    // A copy, so a listener may remove itself (or others) while being called.
    const auto listeners = m_listeners;
    for (const auto& [id, listener] : listeners) {
        (void)id;
        listener(change);
    }
}

}  // namespace crosscheck
