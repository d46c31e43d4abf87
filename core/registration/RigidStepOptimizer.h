#pragma once

#include <Eigen/Core>
#include <functional>

#include "core/registration/MattesMutualInformation.h"

namespace crosscheck {

/// The rigid map fixed patient -> moving patient (LPS, mm) that registration varies:
/// y = R(theta) R0 (x - c) + c + t, with Euler angles theta (radians, x then y then z)
/// about the centre c, on top of a base rotation R0. Restarting theta at zero around the
/// current rotation (`from(matrix(), centre)`) keeps the angles small and well conditioned.
struct RigidParameters {
    Eigen::Matrix3d r0 = Eigen::Matrix3d::Identity();
    Eigen::Vector3d centre = Eigen::Vector3d::Zero();  ///< fixed patient, mm
    Eigen::Vector3d theta = Eigen::Vector3d::Zero();   ///< radians
    Eigen::Vector3d t = Eigen::Vector3d::Zero();       ///< mm

    Eigen::Matrix3d a() const;
    Eigen::Vector3d b() const;
    Eigen::Matrix4d matrix() const;
    static RigidParameters from(const Eigen::Matrix4d& fixedToMoving,
                                const Eigen::Vector3d& centre);
};

struct RigidAscentResult {
    RigidParameters parameters;  ///< the best seen
    double value = 0.0;          ///< its mutual information, nats
    int iterations = 0;
    /// True when it stopped because the parameters stopped moving (the step, i.e. the
    /// tissue motion one iteration makes, fell below minStepMm), false when the iteration
    /// cap ended it first.
    bool converged = false;
};

/// Regular-step gradient ascent of Mattes MI over the 6 rigid parameters (the optimizer
/// ITK calls RegularStepGradientDescent): each iteration moves `step` along the
/// normalized gradient; when the gradient turns back (negative dot product with the last
/// direction) the step shrinks by `relaxation`; it stops when the step falls below
/// `minStepMm` (a convergence test on the parameters: one iteration moves tissue by at most
/// the step) or, as a guard only, after `maxIterations`. Rotations are scaled by `radiusMm` (a step
/// of s mm turns by s / radius radians), so angles and translations move tissue comparably.
/// `onIteration(i)` is called before each iteration (progress, cancel: it may throw).
/// Throws RegistrationError when fewer than a tenth of the samples fall in the moving image.
RigidAscentResult ascendRigid(const MattesMutualInformation& metric, const RigidParameters& start,
                              double initialStepMm, double minStepMm, int maxIterations,
                              double radiusMm, double relaxation,
                              const std::function<void(int)>& onIteration = {});

}  // namespace crosscheck
