#pragma once

#include <Eigen/Core>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/FrameTransform.h"
#include "core/registration/TransformProvenance.h"

namespace crosscheck {

/// One known rigid transform between two frames of reference: it maps a point given in
/// `fromFrame`'s patient coordinates (LPS, mm) to `toFrame`'s.
struct FrameLink {
    std::string fromFrame;  ///< FrameOfReferenceUID
    std::string toFrame;    ///< FrameOfReferenceUID
    Eigen::Matrix4d fromToTo = Eigen::Matrix4d::Identity();
    TransformProvenance provenance;
};

/// The session's registry of rigid transforms between frames of reference.
///
/// Each registration adds one link between two FrameOfReferenceUIDs. `transform(a, b)`
/// answers with the matrix that maps a point in frame a to frame b: the identity when
/// a == b, the link (or its exact rigid inverse) when one joins them, or the composition
/// along the shortest chain of links (CT -> MRI -> sCT); empty when the frames are not
/// connected, which a pane must show as "not registered" and not sync.
///
/// At most one link joins two frames; setting a new one replaces the old in either
/// direction. Links must be rigid. Listeners are called (on the caller's thread) after
/// every change; the viewer adapts them to Qt signals. Not thread-safe: mutate from one
/// thread.
class FrameTransforms {
public:
    using Listener = std::function<void()>;

    /// Adds or replaces the link between the two frames. Throws std::invalid_argument when
    /// the frames are equal or empty, or the matrix is not rigid.
    void set(const std::string& fromFrame, const std::string& toFrame,
             const Eigen::Matrix4d& fromToTo, const TransformProvenance& provenance);
    /// Removes the link joining the two frames (either direction); false if there is none.
    bool remove(const std::string& frameA, const std::string& frameB);
    void clear();

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
    /// "not registered".
    std::string badge(const std::string& fromFrame, const std::string& toFrame) const;

    /// Applies a small hand correction to the direct link between the two frames: the
    /// moving frame's image is moved by `deltaInToFrame` (a rigid transform in `toFrame`'s
    /// patient coordinates), so the new fromToTo is deltaInToFrame * fromToTo. Marks the
    /// link as hand-adjusted. Throws std::invalid_argument when no direct link exists.
    void nudge(const std::string& fromFrame, const std::string& toFrame,
               const Eigen::Matrix4d& deltaInToFrame);

    const std::vector<FrameLink>& links() const { return m_links; }

    int addListener(Listener listener);
    void removeListener(int id);

private:
    int findLink(const std::string& a, const std::string& b) const;
    void notify() const;

    std::vector<FrameLink> m_links;
    std::map<int, Listener> m_listeners;
    int m_nextListenerId = 1;
};

}  // namespace crosscheck
