#pragma once

#include <memory>

#include "core/volume/Volume.h"

namespace crosscheck {

/// A small int16 volume for smoke tests of rendering: concentric spherical shells
/// 10 mm thick around the grid centre, alternating between `baseValue` (the centre
/// shell) and `baseValue + 100`. 1 mm isotropic voxels, axis-aligned, centred on the
/// patient origin.
std::shared_ptr<Volume> makeShellPattern(int size, std::int16_t baseValue);

}  // namespace crosscheck
