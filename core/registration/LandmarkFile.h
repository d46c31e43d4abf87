#pragma once

#include <filesystem>
#include <vector>

#include "core/registration/LandmarkRegistration.h"

namespace crosscheck {

/// Reads paired landmarks for `crosscheck-cli register --landmarks FILE.json`:
///
///   {"landmarks": [{"name": "T12 spinous process", "fixed_mm": [x, y, z],
///                   "moving_mm": [x, y, z]}, ...]}
///
/// Each point is in its own series' patient coordinates (LPS, mm); "name" is optional.
/// Throws TransformFileError naming the file and the reason (cannot be opened, not JSON,
/// a point that is not three numbers). Whether there are enough landmarks is for
/// registerLandmarks to say.
std::vector<LandmarkPair> readLandmarkFile(const std::filesystem::path& path);

}  // namespace crosscheck
