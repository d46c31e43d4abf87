#pragma once

#include <vector>

#include "core/registration/MattesMutualInformation.h"
#include "core/registration/RigidStepOptimizer.h"

namespace crosscheck {

/// How widely to look for a start before gradient ascent.
struct PoseSearchSettings {
    double translationRadiusMm = 32.0;  ///< +- along each fixed axis
    double translationStepMm = 8.0;
    double rotationDegrees = 10.0;  ///< also tries +- this about each axis; 0: no turns
    int keep = 4;                   ///< candidates returned
};

/// Coarse global search for rigid starts: MI evaluated on a grid of translations around
/// `start`, for the start's orientation and for turns of +-rotationDegrees about each
/// fixed axis (through the rotation centre). Returns the `keep` best local maxima of the
/// translation grids, best first (`start` itself when nothing overlaps).
///
/// Why: gradient ascent finds the nearest optimum, and a spine is nearly periodic; a start
/// from the centres of mass can sit one vertebra off, or a few degrees turned, where the
/// ascent would stay. The grids are evaluated on all worker threads.
std::vector<RigidParameters> searchRigidStarts(const MattesMutualInformation& metric,
                                               const RigidParameters& start,
                                               const PoseSearchSettings& settings);

}  // namespace crosscheck
