#pragma once

#include <Eigen/Core>
#include <optional>

#include "core/geometry/PatientPoint.h"

namespace crosscheck {
class Volume;
}

namespace crosscheck::viewer {

/// Where a ray first meets tissue of at least `thresholdValue` in a volume: what a click on
/// a 3D rendering of bone points at. The ray runs in the reference frame (LPS, mm) from
/// `originMm` along `direction` for at most `lengthMm`; `referenceToSeries` maps reference
/// to the volume's patient coordinates. Marches in steps of `stepMm` with trilinear
/// samples, then refines the crossing by bisection, so the point is on the threshold's
/// surface to well under a voxel. Empty when the ray never reaches the threshold.
///
/// Why not VTK's picker: the rendering may be of a downsampled copy; the core volume is
/// the truth the 2D panes show, and this runs without a render window.
std::optional<PatientPoint> firstHitAlongRay(const Volume& volume,
                                             const Eigen::Matrix4d& referenceToSeries,
                                             const Eigen::Vector3d& originMm,
                                             const Eigen::Vector3d& direction, double lengthMm,
                                             double thresholdValue, double stepMm = 0.5);

}  // namespace crosscheck::viewer
