#pragma once

#include <Eigen/Core>
#include <string>

#include "core/geometry/PatientPoint.h"

namespace crosscheck {

/// A transform between the patient coordinates (LPS, mm) of two frames of reference that
/// knows which frames it joins and applies itself: `ctToMr(point)` is a point in the MR
/// frame. The matrix is a 4x4 homogeneous affine; the frames are FrameOfReferenceUIDs
/// (empty when a caller has only a matrix, e.g. in a test). Composition checks that the
/// frames meet, so a chain CT -> MR -> sCT cannot be written the wrong way round.
class FrameTransform {
public:
    /// The identity of an unnamed frame.
    FrameTransform() = default;
    FrameTransform(std::string fromFrame, std::string toFrame, const Eigen::Matrix4d& fromToTo);
    /// The identity of one frame onto itself.
    static FrameTransform identity(const std::string& frame);

    const std::string& fromFrame() const { return m_fromFrame; }
    const std::string& toFrame() const { return m_toFrame; }
    /// Maps a point in fromFrame's patient coordinates to toFrame's.
    const Eigen::Matrix4d& matrix() const { return m_fromToTo; }

    /// A point of fromFrame, given in toFrame.
    PatientPoint operator()(const PatientPoint& point) const;
    /// A direction (no translation) of fromFrame, given in toFrame.
    Eigen::Vector3d direction(const Eigen::Vector3d& vector) const;
    /// toFrame -> fromFrame (the exact rigid inverse when the matrix is rigid).
    FrameTransform inverse() const;
    /// This transform followed by `next` (fromFrame -> next.toFrame). Throws
    /// std::invalid_argument when both name frames and next does not start where this ends.
    FrameTransform then(const FrameTransform& next) const;

private:
    std::string m_fromFrame;
    std::string m_toFrame;
    Eigen::Matrix4d m_fromToTo = Eigen::Matrix4d::Identity();
};

/// Applies a homogeneous affine (index -> patient, plane -> patient, ...) to a position;
/// the one place where the homogeneous coordinate is written out.
Eigen::Vector3d applyAffine(const Eigen::Matrix4d& affine, const Eigen::Vector3d& position);

}  // namespace crosscheck
