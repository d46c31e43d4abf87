#include "core/dicom/PixelConverter.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace crosscheck {

namespace {

template <class Out>
Out clampTo(double v, std::size_t& clipped) {
    constexpr double lo = static_cast<double>(std::numeric_limits<Out>::lowest());
    constexpr double hi = static_cast<double>(std::numeric_limits<Out>::max());
    if (v < lo) {
        ++clipped;
        return std::numeric_limits<Out>::lowest();
    }
    if (v > hi) {
        ++clipped;
        return std::numeric_limits<Out>::max();
    }
    return static_cast<Out>(std::lround(v));
}

template <class Out>
Out clampTo(std::int64_t v, std::size_t& clipped) {
    if (v < std::numeric_limits<Out>::lowest()) {
        ++clipped;
        return std::numeric_limits<Out>::lowest();
    }
    if (v > std::numeric_limits<Out>::max()) {
        ++clipped;
        return std::numeric_limits<Out>::max();
    }
    return static_cast<Out>(v);
}

template <class Raw, class Out>
std::size_t convert(const Raw* raw, const StoredPixelFormat& f, Out* out, std::size_t count) {
    const int shift = f.highBit + 1 - f.bitsStored;
    const std::uint64_t mask = (f.bitsStored >= 64) ? ~0ull : ((1ull << f.bitsStored) - 1);
    const std::int64_t signBit = std::int64_t{1} << (f.bitsStored - 1);
    const bool isSigned = f.pixelRepresentation == 1;
    const std::int64_t storedMin = isSigned ? -signBit : 0;
    const std::int64_t storedMax = isSigned ? signBit - 1 : static_cast<std::int64_t>(mask);
    const bool integerRescale =
        f.slope == 1.0 && f.intercept == std::round(f.intercept) && std::abs(f.intercept) < 1e12;
    const auto intercept = static_cast<std::int64_t>(f.intercept);
    std::size_t clipped = 0;
    for (std::size_t i = 0; i < count; ++i) {
        std::int64_t v =
            static_cast<std::int64_t>((static_cast<std::uint64_t>(raw[i]) >> shift) & mask);
        if (isSigned && (v & signBit)) {
            v -= signBit * 2;
        }
        if (f.invert) {
            v = storedMin + storedMax - v;
        }
        if constexpr (std::is_floating_point_v<Out>) {
            out[i] = static_cast<Out>(f.slope * static_cast<double>(v) + f.intercept);
        } else if (integerRescale) {
            out[i] = clampTo<Out>(v + intercept, clipped);
        } else {
            out[i] = clampTo<Out>(f.slope * static_cast<double>(v) + f.intercept, clipped);
        }
    }
    return clipped;
}

// The common case (16-bit samples, slope 1, integer intercept, no inversion) in int32
// arithmetic the compiler vectorizes. The frame may be converted in place, so each block
// is first copied to a local array: the loop then reads and writes distinct memory.
template <class Out>
std::size_t convert16(const std::uint16_t* raw, const StoredPixelFormat& f, Out* out,
                      std::size_t count) {
    const std::int32_t mask = static_cast<std::int32_t>((1u << f.bitsStored) - 1);
    const std::int32_t signBit = f.pixelRepresentation == 1 ? (1 << (f.bitsStored - 1)) : 0;
    const int shift = f.highBit + 1 - f.bitsStored;
    const auto intercept = static_cast<std::int32_t>(f.intercept);
    constexpr std::int32_t lo = std::numeric_limits<Out>::lowest();
    constexpr std::int32_t hi = std::numeric_limits<Out>::max();
    constexpr std::size_t kBlock = 2048;
    std::uint16_t block[kBlock];
    std::size_t clipped = 0;
    for (std::size_t begin = 0; begin < count; begin += kBlock) {
        const std::size_t n = std::min(kBlock, count - begin);
        std::memcpy(block, raw + begin, n * sizeof(std::uint16_t));
        Out* o = out + begin;
        std::int32_t outside = 0;
        for (std::size_t i = 0; i < n; ++i) {
            std::int32_t v = (static_cast<std::int32_t>(block[i]) >> shift) & mask;
            v = ((v ^ signBit) - signBit) + intercept;
            outside += static_cast<std::int32_t>(v < lo) + static_cast<std::int32_t>(v > hi);
            o[i] = static_cast<Out>(std::min(std::max(v, lo), hi));
        }
        clipped += static_cast<std::size_t>(outside);
    }
    return clipped;
}

template <class Raw>
std::size_t convertTo(const Raw* raw, const StoredPixelFormat& f, void* out, VoxelType outType,
                      std::size_t count) {
    switch (outType) {
        case VoxelType::Int16:
            return convert(raw, f, static_cast<std::int16_t*>(out), count);
        case VoxelType::UInt16:
            return convert(raw, f, static_cast<std::uint16_t*>(out), count);
        case VoxelType::Float32:
        default:
            return convert(raw, f, static_cast<float*>(out), count);
    }
}

}  // namespace

std::size_t convertPixels(const void* raw, const StoredPixelFormat& f, void* out, VoxelType outType,
                          std::size_t count) {
    switch (f.bitsAllocated) {
        case 8:
            return convertTo(static_cast<const std::uint8_t*>(raw), f, out, outType, count);
        case 16:
            if (f.slope == 1.0 && !f.invert && f.intercept == std::round(f.intercept) &&
                std::abs(f.intercept) < 65536.0 && outType != VoxelType::Float32) {
                const auto* r = static_cast<const std::uint16_t*>(raw);
                return outType == VoxelType::Int16
                           ? convert16(r, f, static_cast<std::int16_t*>(out), count)
                           : convert16(r, f, static_cast<std::uint16_t*>(out), count);
            }
            return convertTo(static_cast<const std::uint16_t*>(raw), f, out, outType, count);
        default:
            return convertTo(static_cast<const std::uint32_t*>(raw), f, out, outType, count);
    }
}

}  // namespace crosscheck
