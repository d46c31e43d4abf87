#include "core/dicom/RleDecoder.h"

#include <cstring>
#include <vector>

namespace crosscheck {

namespace {

std::uint32_t readLe32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

// PackBits: a control byte n >= 0 copies the next n+1 bytes, n in [-127, -1] repeats the
// next byte 1-n times, -128 does nothing. Returns the bytes written to out.
std::size_t unpackSegment(const std::uint8_t* in, std::size_t inSize, std::uint8_t* out,
                          std::size_t outSize) {
    std::size_t i = 0, o = 0;
    while (i < inSize && o < outSize) {
        const auto n = static_cast<std::int8_t>(in[i++]);
        if (n >= 0) {
            const std::size_t count = static_cast<std::size_t>(n) + 1;
            if (i + count > inSize || o + count > outSize) {
                const std::size_t copy = std::min(inSize - i, outSize - o);
                std::memcpy(out + o, in + i, std::min(copy, count));
                return o + std::min(copy, count);
            }
            std::memcpy(out + o, in + i, count);
            i += count;
            o += count;
        } else if (n != -128) {
            if (i >= inSize) {
                break;
            }
            const std::size_t count =
                std::min<std::size_t>(static_cast<std::size_t>(1 - n), outSize - o);
            std::memset(out + o, in[i++], count);
            o += count;
        }
    }
    return o;
}

}  // namespace

std::string decodeRle(const std::uint8_t* data, std::size_t size, void* buffer, int rows,
                      int columns, int bytesPerSample, int samplesPerPixel) {
    if (data == nullptr || size < 64) {
        return "RLE frame shorter than its 64-byte header";
    }
    const std::uint32_t segments = readLe32(data);
    const auto expected = static_cast<std::uint32_t>(bytesPerSample * samplesPerPixel);
    if (bytesPerSample < 1 || samplesPerPixel < 1 || expected > 15 || segments != expected) {
        return "RLE frame has " + std::to_string(segments) + " segments where " +
               std::to_string(expected) + " were expected";
    }
    const std::size_t pixels = static_cast<std::size_t>(rows) * static_cast<std::size_t>(columns);
    std::vector<std::uint8_t> plane(pixels);
    auto* out = static_cast<std::uint8_t*>(buffer);
    for (std::uint32_t s = 0; s < segments; ++s) {
        const std::uint32_t begin = readLe32(data + 4 + 4 * s);
        const std::uint32_t end =
            s + 1 < segments ? readLe32(data + 8 + 4 * s) : static_cast<std::uint32_t>(size);
        if (begin < 64 || begin > end || end > size) {
            return "RLE segment " + std::to_string(s + 1) + " has offsets outside the frame (" +
                   std::to_string(begin) + ".." + std::to_string(end) + " of " +
                   std::to_string(size) + ")";
        }
        const std::size_t produced = unpackSegment(data + begin, end - begin, plane.data(), pixels);
        if (produced < pixels) {
            return "RLE segment " + std::to_string(s + 1) + " decodes to " +
                   std::to_string(produced) + " of " + std::to_string(pixels) + " bytes";
        }
        // Segment s holds byte (bytesPerSample - 1 - s % bytesPerSample) of sample
        // s / bytesPerSample of each pixel (little-endian samples, interleaved).
        const auto bps = static_cast<std::size_t>(bytesPerSample);
        const std::size_t pixelBytes = bps * static_cast<std::size_t>(samplesPerPixel);
        const std::size_t at = (s / bps) * bps + (bps - 1 - s % bps);
        for (std::size_t p = 0; p < pixels; ++p) {
            out[p * pixelBytes + at] = plane[p];
        }
    }
    return {};
}

}  // namespace crosscheck
