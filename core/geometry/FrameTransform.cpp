#include "core/geometry/FrameTransform.h"

#include <Eigen/LU>
#include <stdexcept>
#include <utility>

#include "core/geometry/RigidTransform.h"

namespace crosscheck {

FrameTransform::FrameTransform(std::string fromFrame, std::string toFrame,
                               const Eigen::Matrix4d& fromToTo)
    : m_fromFrame(std::move(fromFrame)), m_toFrame(std::move(toFrame)), m_fromToTo(fromToTo) {}

FrameTransform FrameTransform::identity(const std::string& frame) {
    return FrameTransform(frame, frame, Eigen::Matrix4d::Identity());
}

PatientPoint FrameTransform::operator()(const PatientPoint& point) const {
    return PatientPoint{applyAffine(m_fromToTo, point.mm)};
}

Eigen::Vector3d FrameTransform::direction(const Eigen::Vector3d& vector) const {
    return m_fromToTo.topLeftCorner<3, 3>() * vector;
}

FrameTransform FrameTransform::inverse() const {
    const Eigen::Matrix4d back = isRigid(m_fromToTo, 1e-9) ? rigidInverse(m_fromToTo)
                                                            : Eigen::Matrix4d(m_fromToTo.inverse());
    return FrameTransform(m_toFrame, m_fromFrame, back);
}

FrameTransform FrameTransform::then(const FrameTransform& next) const {
    if (!m_toFrame.empty() && !next.m_fromFrame.empty() && m_toFrame != next.m_fromFrame) {
        throw std::invalid_argument("cannot chain a transform to frame " + m_toFrame +
                                    " with one from frame " + next.m_fromFrame);
    }
    return FrameTransform(m_fromFrame, next.m_toFrame, next.m_fromToTo * m_fromToTo);
}

Eigen::Vector3d applyAffine(const Eigen::Matrix4d& affine, const Eigen::Vector3d& position) {
    return affine.topLeftCorner<3, 3>() * position + affine.topRightCorner<3, 1>();
}

}  // namespace crosscheck
