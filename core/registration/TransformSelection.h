#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/registration/FrameLink.h"

namespace crosscheck {

/// Which of a frame pair's transforms is used: the global one, a local registration the
/// user named, or the local registration nearest the point being looked at (the cursor for
/// the panes, an ROI's centre for its measurements).
struct TransformPick {
    enum class Kind { Global, Named, Nearest };
    Kind kind = Kind::Global;
    std::string name;  ///< Named: the local registration's name

    static TransformPick global() { return {}; }
    static TransformPick named(const std::string& n) { return {Kind::Named, n}; }
    static TransformPick nearest() { return {Kind::Nearest, {}}; }
    bool operator==(const TransformPick& o) const { return kind == o.kind && name == o.name; }
    bool operator!=(const TransformPick& o) const { return !(*this == o); }
};

/// The pick kept for one frame pair (either direction).
struct FramePick {
    std::string frameA;  ///< FrameOfReferenceUID
    std::string frameB;  ///< FrameOfReferenceUID
    TransformPick pick;
    bool operator==(const FramePick& o) const {
        return frameA == o.frameA && frameB == o.frameB && pick == o.pick;
    }
};

/// The point a Nearest pick looks at: patient coordinates (LPS, mm) in frame `frame`, and
/// what it is, for the badge ("cursor" -> "(nearest to cursor)").
struct TransformFocus {
    std::string frame;  ///< FrameOfReferenceUID
    Eigen::Vector3d pointMm = Eigen::Vector3d::Zero();
    std::string what = "cursor";
};

/// The local registration a Nearest pick uses at `focus`: among the `locals` whose region
/// (a sphere in the link's to-frame) contains the focus point, the one whose centre is
/// nearest to it; -1 when none contains it (the pair's global transform is then used).
/// The focus point is taken into each link's to-frame: as is when it is given in that
/// frame, through the link itself when given in its from-frame; links in neither frame,
/// and links without a region, are skipped. Ties go to the earlier link.
int nearestLocalRegistration(const std::vector<FrameLink>& locals, const TransformFocus& focus);

}  // namespace crosscheck
