#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/session/SessionDocument.h"

namespace crosscheck {

/// What changed in an AnnotationHistory: one annotation added, removed or modified (by id),
/// or the whole list replaced (Reset, e.g. a session was opened).
struct AnnotationChange {
    enum class Kind { Added, Removed, Modified, Reset };
    Kind kind = Kind::Reset;
    std::string id;
};

/// The session's annotations and their undo/redo history (the command pattern).
///
/// Every edit goes through add / remove / modify, each recorded as one command that knows
/// how to undo and redo itself. A drag is one command: the tool takes a key with
/// beginMerge() on mouse press and passes it to every modify() of the drag; consecutive
/// modifications of the same annotation with the same key merge into one step (its
/// "before" is the state at the press). Navigation (cursor, zoom, window) never goes
/// through here, so it is not undoable. New edits drop the redo branch. History depth is
/// capped (kMaxDepth, oldest dropped).
///
/// Listeners are plain callbacks called after each change on the caller's thread; the
/// viewer adapts them to Qt signals in one place. Not thread-safe.
class AnnotationHistory {
public:
    using Listener = std::function<void(const AnnotationChange&)>;
    static constexpr std::size_t kMaxDepth = 500;

    explicit AnnotationHistory(std::vector<Annotation> initial = {});

    const std::vector<Annotation>& annotations() const { return m_annotations; }
    /// The annotation with this id, or null.
    const Annotation* find(const std::string& id) const;

    /// Adds an annotation (an empty id gets a fresh one, "roi-N"); returns its id. A
    /// non-empty id already in use is replaced by a fresh one. With a `mergeKey`, later
    /// modify() calls of the same key merge into this step (a brush stroke that creates its
    /// ROI and then grows it is one undoable "Add").
    std::string add(Annotation annotation, std::uint64_t mergeKey = 0);
    /// Adds several annotations as one step (the structures of one imported segmentation:
    /// one undo removes them all, one redo brings them all back), each with an id as add()
    /// gives it, appended in order; `text` names the step for undoText / redoText ("Import
    /// 12 structures"). Returns the ids; an empty list records nothing.
    std::vector<std::string> addGroup(std::vector<Annotation> annotations, const std::string& text);
    /// Removes the annotation; false (and nothing recorded) if there is none.
    bool remove(const std::string& id);
    /// Replaces the annotation with the same id; false if there is none. `mergeKey` from
    /// beginMerge() merges successive calls into one undo step; 0 never merges.
    bool modify(const Annotation& updated, std::uint64_t mergeKey = 0);
    /// A fresh key for one drag (or any gesture that should be one undo step).
    std::uint64_t beginMerge() { return ++m_lastMergeKey; }

    bool canUndo() const { return m_position > 0; }
    bool canRedo() const { return m_position < m_commands.size(); }
    /// Undoes the last step; false when there is none.
    bool undo();
    bool redo();
    /// "Add ellipse", "Remove ruler", "Modify polygon"; empty when there is nothing to undo/redo.
    std::string undoText() const;
    std::string redoText() const;

    /// Replaces the list and clears the history (opening a session); the state counts as saved.
    void reset(std::vector<Annotation> annotations);
    /// Marks the current state as the saved one; isModified() is false until the next change
    /// (undoing back to this state makes it false again).
    void markSaved() { m_savedPosition = static_cast<long long>(m_position); }
    bool isModified() const { return m_savedPosition != static_cast<long long>(m_position); }

    int addListener(Listener listener);
    void removeListener(int id);

private:
    struct Command {
        AnnotationChange::Kind kind;
        std::size_t index;
        Annotation before;
        Annotation after;
        std::uint64_t mergeKey;
        /// A group add (addGroup): the annotations added at `index` in order, and the
        /// step's name; empty for a single-annotation command.
        std::vector<Annotation> group;
        std::string text;
    };

    std::string freshId();
    int indexOf(const std::string& id) const;
    void push(Command command);
    void apply(const Command& c, bool forward);
    void notify(const AnnotationChange& change);

    std::vector<Annotation> m_annotations;
    std::vector<Command> m_commands;
    std::size_t m_position = 0;  ///< commands [0, m_position) are applied
    long long m_savedPosition = 0;
    std::uint64_t m_lastMergeKey = 0;
    std::uint64_t m_nextId = 1;
    std::map<int, Listener> m_listeners;
    int m_nextListenerId = 1;
};

}  // namespace crosscheck
