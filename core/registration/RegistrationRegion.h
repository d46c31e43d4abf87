#pragma once

#include <Eigen/Core>

namespace crosscheck {

/// Default radius of a registration region: about one vertebra and the edges of its
/// neighbours (mm).
constexpr double kDefaultRegionRadiusMm = 40.0;
/// Below this radius a region holds too little structure for six parameters (mm).
constexpr double kMinRegionRadiusMm = 10.0;

/// The part of the fixed image a region-focused registration looks at: a sphere, centre in
/// the fixed series' patient coordinates (LPS, mm), radius in mm. Only fixed-image samples
/// inside it enter the metric, so the level of interest aligns even when the rest of the
/// field of view moved differently (a spine in another posture). Sample density is even up
/// to half the radius and falls to a quarter at the surface (drawSamples).
struct RegistrationRegion {
    Eigen::Vector3d centreMm = Eigen::Vector3d::Zero();
    double radiusMm = kDefaultRegionRadiusMm;

    bool contains(const Eigen::Vector3d& fixedMm) const {
        return (fixedMm - centreMm).squaredNorm() <= radiusMm * radiusMm;
    }
};

}  // namespace crosscheck
