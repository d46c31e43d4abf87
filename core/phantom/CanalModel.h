#pragma once

#include <Eigen/Core>
#include <vector>

#include "core/phantom/EllipsoidLesion.h"
#include "core/phantom/Tissue.h"

namespace crosscheck {

class SpineModel;

/// The spinal canal's content: the dural sac (an elliptic tube of CSF behind the
/// vertebral bodies) and the spinal cord inside it. Intradural lesions widen the sac at
/// their level (bony scalloping, as slow-growing intradural tumours do) and push the cord
/// aside and flatten it, so that a lesion never overlaps the cord or the bone.
///
/// Anatomy frame = MR patient coordinates (LPS, mm). Lesions are classified by the
/// caller (PhantomAnatomy) before the canal, so they take precedence over CSF and cord.
class CanalModel {
public:
    explicit CanalModel(const SpineModel& spine);

    /// Fits a lesion into the canal: sets its canalWidening and cordPushMm, then keeps a
    /// copy so that the canal and cord follow it. `offsetMm` is the lesion centre's (x, y)
    /// offset from the canal centre; its z and size are taken from `lesion`.
    void placeLesion(EllipsoidLesion& lesion, const Eigen::Vector2d& offsetMm);

    /// (x, y) of the canal centre at height z, mm.
    Eigen::Vector2d centerAt(double z) const;
    /// Semi-axes (x, y) of the dural sac at height z, widened near lesions, mm.
    Eigen::Vector2d semiAxesAt(double z) const;
    /// True inside the dural sac; `tissue` is then Cord or Csf.
    bool inside(const Eigen::Vector3d& p, Tissue& tissue) const;

private:
    bool cordFits(const Eigen::Vector2d& cordCenter, const Eigen::Vector2d& cordSemi,
                  const EllipsoidLesion& lesion, const Eigen::Vector2d& lesionOffset,
                  double widening) const;

    const SpineModel& m_spine;
    Eigen::Vector2d m_semiAxes{12.0, 9.5};    // mm, dural sac
    Eigen::Vector2d m_cordSemi{4.6, 3.8};     // mm, spinal cord
    Eigen::Vector2d m_cordOffset{0.0, -1.0};  // mm, cord centre from canal centre (anterior)
    std::vector<EllipsoidLesion> m_lesions;
    Eigen::Vector2d m_maxSemi{12.0, 9.5};  // mm, bound of semiAxesAt over all z
};

}  // namespace crosscheck
