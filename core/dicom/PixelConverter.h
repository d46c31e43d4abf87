#pragma once

#include <cstddef>

#include "core/volume/Volume.h"

namespace crosscheck {

/// How one frame's stored values are to be read: bit layout, signedness, MONOCHROME1
/// and the modality rescale (PS3.3 C.7.6.3, C.11.1).
struct StoredPixelFormat {
    int bitsAllocated = 16;
    int bitsStored = 16;
    int highBit = 15;
    int pixelRepresentation = 0;  // 0 unsigned, 1 two's complement
    bool invert = false;          // MONOCHROME1 turned into MONOCHROME2 order
    double slope = 1.0;
    double intercept = 0.0;
};

/// Converts `count` stored samples (BitsAllocated wide, native byte order) into final voxel
/// values of `outType`: bits outside BitsStored dropped, sign extended, inverted when asked,
/// rescaled. `raw` and `out` may be the same buffer when both are 16 bits wide (in-place
/// conversion of a frame decoded straight into the volume). Integer outputs round to the
/// nearest value and clip at the type's range; returns how many voxels were clipped.
std::size_t convertPixels(const void* raw, const StoredPixelFormat& format, void* out,
                          VoxelType outType, std::size_t count);

}  // namespace crosscheck
