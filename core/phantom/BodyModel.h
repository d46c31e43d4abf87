#pragma once

#include <Eigen/Core>

#include "core/phantom/Tissue.h"

namespace crosscheck {

/// The body outside the spine: an elliptic cylinder along z with a subcutaneous fat
/// layer over muscle, retroperitoneal fat in front of the spine with the psoas muscles,
/// aorta and vena cava in it, and the CT couch under the back. Anatomy frame = MR patient
/// coordinates (LPS, mm); the spine runs along z.
class BodyModel {
public:
    /// True outside the skin; `tissue` is then Air or Table.
    bool outside(const Eigen::Vector3d& p, Tissue& tissue) const;
    /// The soft tissue at a point inside the skin that no spinal structure claimed.
    /// spineAxisY: y of the vertebral body centre line at p.z() (mm).
    Tissue softTissue(const Eigen::Vector3d& p, double spineAxisY) const;

private:
    double m_centerY = 5.0;        // mm
    double m_semiX = 150.0;        // mm, left-right
    double m_semiY = 108.0;        // mm, anterior-posterior
    double m_fatThickness = 17.0;  // mm, subcutaneous
};

}  // namespace crosscheck
