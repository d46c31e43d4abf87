#include "core/roi/LineProfile.h"
#include "core/geometry/FrameTransform.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

namespace crosscheck {

std::vector<ProfileSample> lineProfile(const Volume& volume, const Eigen::Matrix4d& roiToVolume,
                                       const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                                       double stepMm) {
    std::vector<ProfileSample> out;
    const double length = (b - a).norm();
    stepMm = stepMm > 0.0 ? stepMm : 0.5;
    const int steps = static_cast<int>(std::floor(length / stepMm + 1e-9));
    const Eigen::Vector3d dir =
        length > 0.0 ? Eigen::Vector3d((b - a) / length) : Eigen::Vector3d::Zero();
    auto sampleAt = [&](double t) {
        const Eigen::Vector3d p = applyAffine(roiToVolume, a + t * dir);
        out.push_back({t, volume.sampleLinear(PatientPoint{p})});
    };
    for (int s = 0; s <= steps; ++s) {
        sampleAt(s * stepMm);
    }
    if (length - steps * stepMm > 1e-6) {
        sampleAt(length);
    }
    return out;
}

}  // namespace crosscheck
