#pragma once

#include <Eigen/Core>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/FrameTransform.h"
#include "core/registration/FrameLink.h"
#include "core/registration/TransformProvenance.h"
#include "core/registration/TransformSelection.h"

namespace crosscheck {

/// The session's registry of rigid transforms between frames of reference.
///
/// Each registration adds one link between two FrameOfReferenceUIDs. `transform(a, b)`
/// answers with the matrix that maps a point in frame a to frame b: the identity when
/// a == b, the link (or its exact rigid inverse) when one joins them, or the composition
/// along the shortest chain of links (CT -> MRI -> sCT); empty when the frames are not
/// connected, which a pane must show as "not registered" and not sync.
///
/// At most one global link joins two frames; setting a new one replaces the old in either
/// direction. Besides it, a pair can keep several named local registrations (addLocal,
/// each with its region); the pair's pick says which one is used: the global one, a named
/// one, or the one nearest the focus point (setFocus: the cursor; ROI measurements use
/// focusedAt their centre). Everything that answers with a transform (transform, between,
/// path, badge) uses the picked link of each pair; a pair with only local links uses its
/// first (or nearest) one. Links must be rigid. Listeners are called (on the caller's thread) after
/// every change; the viewer adapts them to Qt signals. Not thread-safe: mutate from one
/// thread.
class FrameTransforms {
public:
    using Listener = std::function<void()>;

    /// Adds or replaces the link between the two frames. Throws std::invalid_argument when
    /// the frames are equal or empty, or the matrix is not rigid.
    void set(const std::string& fromFrame, const std::string& toFrame,
             const Eigen::Matrix4d& fromToTo, const TransformProvenance& provenance);
    /// Removes every link joining the two frames (either direction), global and local, and
    /// the pair's pick; false if there is none.
    bool remove(const std::string& frameA, const std::string& frameB);
    void clear();

    /// Keeps a named local registration of the pair `link` joins (FrameTransformsLocals.cpp).
    /// An empty name becomes "local N"; a local of the pair with the same name is replaced.
    /// Returns the name kept. Throws std::invalid_argument like set, and for the reserved
    /// name "global".
    std::string addLocal(FrameLink link);
    /// Renames a local registration of the pair (its pick follows). Throws
    /// std::invalid_argument when there is none of that name, or the new name is empty,
    /// "global" or taken.
    void renameLocal(const std::string& frameA, const std::string& frameB,
                     const std::string& oldName, const std::string& newName);
    /// The pair's local registrations, in the order they were added.
    std::vector<FrameLink> locals(const std::string& frameA, const std::string& frameB) const;
    const std::vector<FrameLink>& localLinks() const { return m_locals; }
    /// The global links, then the local ones (what a session saves).
    std::vector<FrameLink> allLinks() const;

    /// Which transform the pair uses. Throws std::invalid_argument for a Named pick the
    /// pair has no local registration of.
    void pick(const std::string& frameA, const std::string& frameB, const TransformPick& pick);
    TransformPick pickOf(const std::string& frameA, const std::string& frameB) const;
    /// The picks other than Global, one per pair (what a session saves).
    const std::vector<FramePick>& picks() const { return m_picks; }
    /// The point Nearest picks look at (the cursor). Listeners are called only when that
    /// changes which link some pair uses; returns whether it did.
    bool setFocus(const TransformFocus& focus);
    /// A copy without listeners whose Nearest picks look at `focus` (an ROI's centre).
    FrameTransforms focusedAt(const TransformFocus& focus) const;
    /// The link the pair uses now, as stored (either direction); nullopt when no link joins
    /// the two frames directly.
    std::optional<FrameLink> activeLink(const std::string& frameA, const std::string& frameB) const;

    /// Maps frame `fromFrame` to frame `toFrame`, composed along the shortest chain of links.
    std::optional<Eigen::Matrix4d> transform(const std::string& fromFrame,
                                             const std::string& toFrame) const;
    /// The same, as a FrameTransform that names both frames and applies itself.
    std::optional<FrameTransform> between(const std::string& fromFrame,
                                          const std::string& toFrame) const;
    /// The links along that chain, each oriented from -> to as travelled (fromToTo inverted
    /// when a stored link is travelled backwards). Empty vector for the same frame; nullopt
    /// when not connected.
    std::optional<std::vector<FrameLink>> path(const std::string& fromFrame,
                                               const std::string& toFrame) const;
    /// A pane badge for a series in `fromFrame` shown in `toFrame`: "same frame", the
    /// provenance label of the one link, the labels along a chain joined by " -> ", or
    /// "not registered". A local link adds its name and, when a Nearest pick chose it,
    /// what it is nearest to: `registered locally at (0.0, 5.0, 40.0), radius 40 mm,
    /// "local 1" (nearest to cursor)`.
    std::string badge(const std::string& fromFrame, const std::string& toFrame) const;

    /// Applies a small hand correction to the direct link the pair uses now: the
    /// moving frame's image is moved by `deltaInToFrame` (a rigid transform in `toFrame`'s
    /// patient coordinates), so the new fromToTo is deltaInToFrame * fromToTo. Marks the
    /// link as hand-adjusted. Throws std::invalid_argument when no direct link exists.
    void nudge(const std::string& fromFrame, const std::string& toFrame,
               const Eigen::Matrix4d& deltaInToFrame);

    const std::vector<FrameLink>& links() const { return m_links; }

    int addListener(Listener listener);
    void removeListener(int id);

private:
    /// Throws std::invalid_argument for empty or equal frames or a matrix that is not rigid.
    static void checkLink(const std::string& fromFrame, const std::string& toFrame,
                          const Eigen::Matrix4d& fromToTo);
    int findLink(const std::string& a, const std::string& b) const;
    /// The link the pair uses (pointer into m_links or m_locals), or null; `byNearest` tells
    /// whether a Nearest pick chose it.
    const FrameLink* resolve(const std::string& a, const std::string& b,
                             bool* byNearest = nullptr) const;
    std::string linkLabel(const FrameLink& link, const std::string& a, const std::string& b) const;
    void notify() const;

    std::vector<FrameLink> m_links;   ///< global links, one per pair
    std::vector<FrameLink> m_locals;  ///< named local registrations
    std::vector<FramePick> m_picks;   ///< non-Global picks
    std::optional<TransformFocus> m_focus;
    std::map<int, Listener> m_listeners;
    int m_nextListenerId = 1;
};

}  // namespace crosscheck
