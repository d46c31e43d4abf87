#pragma once

#include <Eigen/Core>
#include <vector>

#include "core/phantom/PhantomOptions.h"

namespace crosscheck {

class SpineModel;

/// A change of posture between the CT and the MRI (`--posture DEG`): in the MRI, each
/// vertebral level (its vertebra, the cord and canal segment and the soft tissue of its
/// slab) is turned about its own vertebral body centre by its own small rotation, mostly
/// about the left-right axis like a change in lordosis (up to DEG degrees), and carried
/// along the bent column so that neighbouring levels stay joined at the disc between them.
/// A single rigid transform cannot fit every level; each level's own map can.
///
/// Frames: the anatomy frame is MR patient coordinates before the change (what the CT
/// sees through ct_to_mr); the posed frame is MR patient coordinates of the written MRI
/// series (LPS, mm). `levelToPosed(n)` is exactly rigid over the vertebral body of level
/// n; across the middle 6 mm of each disc the map blends smoothly from one level's
/// transform to the next (the posterior elements' tips that reach below their disc move
/// with the level below). Levels outside [firstLevel, lastLevel] move with the end level.
class PostureModel {
public:
    /// No change (every level the identity) when options.postureDegrees is 0.
    PostureModel(const SpineModel& spine, const PhantomOptions& options);

    bool active() const { return m_active; }
    int firstLevel() const { return m_first; }
    int lastLevel() const { return m_first + static_cast<int>(m_toPosed.size()) - 1; }
    /// Rigid map anatomy frame -> posed MR frame of level n (mm).
    const Eigen::Matrix4d& levelToPosed(int level) const;
    /// Euler angles (degrees, x then y then z) of level n's rotation.
    const Eigen::Vector3d& levelRotationDegrees(int level) const;
    /// Vertebral body centre of level n in the anatomy frame (mm).
    Eigen::Vector3d levelCentre(int level) const;
    /// The level whose transform applies at an anatomy point (nearest vertebral body).
    int levelAt(const Eigen::Vector3d& anatomyMm) const;

    /// Where a point of the posed MRI lies in the anatomy frame (the renderer's inverse map).
    Eigen::Vector3d toAnatomy(const Eigen::Vector3d& posedMm) const;

private:
    int clampLevel(int level) const;

    const SpineModel& m_spine;
    bool m_active = false;
    int m_first = -4;
    std::vector<Eigen::Matrix4d> m_toPosed;  ///< per level, anatomy -> posed
    std::vector<Eigen::Matrix4d> m_toAnatomy;
    std::vector<Eigen::Vector3d> m_degrees;
};

}  // namespace crosscheck
