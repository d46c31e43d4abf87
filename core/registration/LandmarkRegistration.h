#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/geometry/PatientPoint.h"

namespace crosscheck {

/// One landmark picked in both series: the same anatomical point in the fixed series'
/// patient coordinates and in the moving series' (LPS, mm, each in its own frame).
struct LandmarkPair {
    PatientPoint fixed;
    PatientPoint moving;
    std::string name;  ///< optional label ("T12 spinous process"), for reports
};

/// The rigid fit of paired landmarks and how well each landmark agrees with it.
struct LandmarkRegistrationResult {
    Eigen::Matrix4d movingToFixed =
        Eigen::Matrix4d::Identity();  ///< moving patient -> fixed patient
    std::vector<double> residualsMm;  ///< |movingToFixed * moving_i - fixed_i| per pair, mm
    double rmsMm = 0.0;               ///< root mean square of the residuals, mm
};

/// Least-squares rigid transform (rotation + translation, no scaling; Eigen::umeyama) that
/// maps the moving landmarks onto the fixed ones.
///
/// Needs at least three pairs that span a plane: throws RegistrationError for fewer than
/// three, for non-finite coordinates, and for points (in either series) that lie on a line
/// within `collinearToleranceMm` (a rotation about that line would be undetermined).
/// The residuals measure landmark consistency, not the accuracy elsewhere in the volume.
LandmarkRegistrationResult registerLandmarks(const std::vector<LandmarkPair>& pairs,
                                             double collinearToleranceMm = 0.5);

}  // namespace crosscheck
