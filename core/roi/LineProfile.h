#pragma once

#include <Eigen/Core>
#include <optional>
#include <vector>

#include "core/volume/Volume.h"

namespace crosscheck {

/// One sample of a line profile: distance from the start (mm) and the trilinearly
/// interpolated value there, empty where the line leaves the volume.
struct ProfileSample {
    double distanceMm = 0.0;
    std::optional<double> value;
};

/// Samples `volume` along the segment a -> b every `stepMm` (the last sample at b), for the
/// profile chart of a ruler. a and b are in the ROI's frame; `roiToVolume` maps them to the
/// volume's patient coordinates (identity when they share a frame). Distances are measured
/// in the ROI's frame, so every series' profile shares one x axis.
std::vector<ProfileSample> lineProfile(const Volume& volume, const Eigen::Matrix4d& roiToVolume,
                                       const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                                       double stepMm = 0.5);

}  // namespace crosscheck
