#pragma once

#include <cstddef>
#include <string>

#include "core/volume/Volume.h"

namespace crosscheck {

/// Minimum, maximum and mean voxel value of a volume, and the SHA-256 of its voxels as
/// defined by the CLI contract (docs/cli.md `info`): the values as int16 little-endian
/// when every one is an integer in int16's range, else as float32 little-endian; columns
/// fastest, then rows, then slices in volume order. The hash depends on the values only,
/// not on how they are stored, so a uint16 MR and its int16 copy hash alike.
struct VoxelSummary {
    double min = 0.0, max = 0.0, mean = 0.0;
    std::string sha256;  // 64 lowercase hex digits
};

VoxelSummary summarizeVoxels(const Volume& volume);

/// SHA-256 of a byte buffer as 64 lowercase hex digits (the hash `info` gives a colour
/// picture's RGB bytes).
std::string sha256Hex(const void* data, std::size_t bytes);

}  // namespace crosscheck
