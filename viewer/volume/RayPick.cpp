#include "viewer/volume/RayPick.h"

#include <Eigen/Geometry>
#include <cmath>

#include "core/volume/Volume.h"

namespace crosscheck::viewer {

std::optional<PatientPoint> firstHitAlongRay(const Volume& volume,
                                             const Eigen::Matrix4d& referenceToSeries,
                                             const Eigen::Vector3d& originMm,
                                             const Eigen::Vector3d& direction, double lengthMm,
                                             double thresholdValue, double stepMm) {
    if (direction.norm() == 0.0 || stepMm <= 0.0 || lengthMm <= 0.0) {
        return std::nullopt;
    }
    const Eigen::Vector3d unit = direction.normalized();
    auto above = [&](double t) {
        const Eigen::Vector3d reference = originMm + t * unit;
        const Eigen::Vector3d series = (referenceToSeries * reference.homogeneous()).head<3>();
        const auto value = volume.sampleLinear(PatientPoint{series});
        return value && *value >= thresholdValue;
    };
    const int steps = static_cast<int>(std::ceil(lengthMm / stepMm));
    for (int s = 0; s <= steps; ++s) {
        const double t = s * stepMm;
        if (!above(t)) {
            continue;
        }
        if (s == 0) {
            return PatientPoint{originMm};
        }
        // The crossing lies between the last sample below and this one.
        double lo = t - stepMm;
        double hi = t;
        for (int i = 0; i < 12; ++i) {
            const double mid = 0.5 * (lo + hi);
            (above(mid) ? hi : lo) = mid;
        }
        return PatientPoint{originMm + hi * unit};
    }
    return std::nullopt;
}

}  // namespace crosscheck::viewer
