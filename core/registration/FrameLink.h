#pragma once

#include <Eigen/Core>
#include <string>

#include "core/registration/TransformProvenance.h"

namespace crosscheck {

/// One known rigid transform between two frames of reference: it maps a point given in
/// `fromFrame`'s patient coordinates (LPS, mm) to `toFrame`'s.
///
/// `name` is empty for the pair's global transform (the whole images registered, landmarks,
/// a file) and names a local registration otherwise ("local 1", an ROI's label): a frame
/// pair can keep several local ones, each with its region in `provenance`.
struct FrameLink {
    std::string fromFrame;  ///< FrameOfReferenceUID
    std::string toFrame;    ///< FrameOfReferenceUID
    Eigen::Matrix4d fromToTo = Eigen::Matrix4d::Identity();
    TransformProvenance provenance;
    std::string name;  ///< empty: the pair's global transform

    /// True when this link joins frames a and b, in either direction.
    bool joins(const std::string& a, const std::string& b) const {
        return (fromFrame == a && toFrame == b) || (fromFrame == b && toFrame == a);
    }
};

}  // namespace crosscheck
