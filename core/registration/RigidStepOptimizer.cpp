#include "core/registration/RigidStepOptimizer.h"

#include "core/geometry/RigidTransform.h"
#include "core/registration/RegistrationError.h"

namespace crosscheck {

Eigen::Matrix3d RigidParameters::a() const {
    return rotationFromEuler(theta) * r0;
}

Eigen::Vector3d RigidParameters::b() const {
    return centre + t - a() * centre;
}

Eigen::Matrix4d RigidParameters::matrix() const {
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m.topLeftCorner<3, 3>() = a();
    m.topRightCorner<3, 1>() = b();
    return m;
}

RigidParameters RigidParameters::from(const Eigen::Matrix4d& fixedToMoving,
                                      const Eigen::Vector3d& centre) {
    RigidParameters p;
    p.r0 = fixedToMoving.topLeftCorner<3, 3>();
    p.centre = centre;
    p.t = fixedToMoving.topLeftCorner<3, 3>() * centre + fixedToMoving.topRightCorner<3, 1>() -
          centre;
    return p;
}

namespace {

// dMI/d(theta, t) from dMI/dA and dMI/db by the chain rule.
Eigen::Matrix<double, 6, 1> rigidGradient(const RigidParameters& p,
                                          const MattesMutualInformation::Evaluation& e) {
    Eigen::Matrix<double, 6, 1> g;
    constexpr double h = 1e-6;
    for (int k = 0; k < 3; ++k) {
        Eigen::Vector3d plus = p.theta, minus = p.theta;
        plus[k] += h;
        minus[k] -= h;
        const Eigen::Matrix3d dA =
            (rotationFromEuler(plus) - rotationFromEuler(minus)) * p.r0 / (2 * h);
        g[k] = (e.gradientA.array() * dA.array()).sum() - e.gradientB.dot(dA * p.centre);
    }
    g.tail<3>() = e.gradientB;
    return g;
}

}  // namespace

RigidAscentResult ascendRigid(const MattesMutualInformation& metric, const RigidParameters& start,
                              double initialStepMm, double minStepMm, int maxIterations,
                              double radiusMm, double relaxation,
                              const std::function<void(int)>& onIteration) {
    RigidParameters p = start;
    RigidAscentResult best{p, -1.0, 0};
    double step = initialStepMm;
    Eigen::Matrix<double, 6, 1> previousDirection = Eigen::Matrix<double, 6, 1>::Zero();
    int iteration = 0;
    for (; iteration < maxIterations; ++iteration) {
        if (onIteration) {
            onIteration(iteration);
        }
        const auto e = metric.evaluate(p.a(), p.b());
        if (e.validSamples < metric.sampleCount() / 10) {
            throw RegistrationError("the images hardly overlap; give a closer start (landmarks)");
        }
        if (e.value > best.value) {
            best.value = e.value;
            best.parameters = p;
        }
        Eigen::Matrix<double, 6, 1> g = rigidGradient(p, e);
        g.head<3>() /= radiusMm;
        const double norm = g.norm();
        if (!(norm > 0.0)) {
            best.converged = true;  // a flat spot: nowhere to go
            break;
        }
        const Eigen::Matrix<double, 6, 1> direction = g / norm;
        if (iteration > 0 && direction.dot(previousDirection) < 0.0) {
            step *= relaxation;
            if (step < minStepMm) {
                best.converged = true;
                break;
            }
        }
        previousDirection = direction;
        p.theta += step * direction.head<3>() / radiusMm;
        p.t += step * direction.tail<3>();
    }
    const double last = metric.evaluate(p.a(), p.b(), false).value;
    if (last > best.value) {
        best.value = last;
        best.parameters = p;
    }
    best.iterations = iteration;
    return best;
}

}  // namespace crosscheck
