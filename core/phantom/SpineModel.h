#pragma once

#include <Eigen/Core>
#include <optional>

#include "core/phantom/Tissue.h"

namespace crosscheck {

class CanalModel;

/// The bony spine of the phantom: a run of thoracolumbar vertebrae along z, each with a
/// vertebral body (cortical shell about 1.5 mm over cancellous bone, a slight waist),
/// pedicles, laminae, a caudally sloping spinous process and transverse processes, and
/// intervertebral discs (annulus and nucleus) between the bodies.
///
/// Anatomy frame = MR patient coordinates (LPS, mm). The body centre line lies at x = 0,
/// y = axisY(z), gently curved in the sagittal plane; level n has its body centred at
/// levelZ(n). The spinal canal itself belongs to CanalModel, which the posterior arch
/// wraps around.
class SpineModel {
public:
    double axisY(double z) const;
    double levelZ(int level) const { return m_levelOffsetZ + level * periodMm(); }
    int nearestLevel(double z) const;
    double periodMm() const { return m_bodyHeight + m_discHeight; }
    double bodySemiY() const { return m_bodySemiY; }
    double bodyHeightMm() const { return m_bodyHeight; }

    /// Bone or disc at p, or nothing (then the point is soft tissue or canal).
    std::optional<Tissue> classify(const Eigen::Vector3d& p, const CanalModel& canal) const;

private:
    std::optional<Tissue> classifyPosterior(const Eigen::Vector3d& p, int level,
                                            const CanalModel& canal) const;

    double m_axisY = 22.0;         // mm, body centre line at z = 0
    double m_bodySemiX = 22.0;     // mm
    double m_bodySemiY = 16.0;     // mm
    double m_bodyHeight = 25.0;    // mm
    double m_discHeight = 9.0;     // mm
    double m_cortexMm = 1.5;       // mm, cortical shell
    double m_levelOffsetZ = -3.0;  // mm, z of level 0
};

}  // namespace crosscheck
