// RLE Lossless (PS3.5 Annex G) decoded from hand-built frames.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/dicom/RleDecoder.h"

using namespace crosscheck;

namespace {

std::vector<std::uint8_t> header(std::uint32_t segments, std::vector<std::uint32_t> offsets) {
    std::vector<std::uint8_t> h(64, 0);
    offsets.insert(offsets.begin(), segments);
    for (std::size_t i = 0; i < offsets.size(); ++i)
        for (int b = 0; b < 4; ++b)
            h[4 * i + static_cast<std::size_t>(b)] =
                static_cast<std::uint8_t>(offsets[i] >> (8 * b));
    return h;
}

}  // namespace

TEST_CASE("RLE byte planes are unpacked most significant first into little-endian samples",
          "[dicom][rle]") {
    // Segment 1 (high bytes): literal run of 4 (control 3); segment 2 (low bytes): 0xAA x 4
    // (control -3).
    std::vector<std::uint8_t> frame = header(2, {64, 69});
    for (std::uint8_t b : {3, 1, 2, 3, 4})
        frame.push_back(b);
    for (std::uint8_t b : {0xFD, 0xAA})
        frame.push_back(b);
    std::vector<std::uint16_t> out(4);
    REQUIRE(decodeRle(frame.data(), frame.size(), out.data(), 2, 2, 2).empty());
    CHECK(out == std::vector<std::uint16_t>{0x01AA, 0x02AA, 0x03AA, 0x04AA});
}

TEST_CASE("RLE colour segments fill each sample of each pixel, pixel interleaved", "[dicom][rle]") {
    // 3 samples of 2 bytes, 2 pixels: six segments (R high, R low, G high, G low, B high,
    // B low), each a literal run of 2 bytes (control 1) holding 0xS0 + pixel.
    std::vector<std::uint32_t> offsets;
    for (std::uint32_t s = 0; s < 6; ++s)
        offsets.push_back(64 + 3 * s);
    std::vector<std::uint8_t> frame = header(6, offsets);
    for (std::uint8_t s = 0; s < 6; ++s)
        for (std::uint8_t b : {std::uint8_t{1}, static_cast<std::uint8_t>(s << 4),
                               static_cast<std::uint8_t>((s << 4) + 1)})
            frame.push_back(b);
    std::vector<std::uint16_t> out(6);
    REQUIRE(decodeRle(frame.data(), frame.size(), out.data(), 1, 2, 2, 3).empty());
    CHECK(out == std::vector<std::uint16_t>{0x0010, 0x2030, 0x4050, 0x0111, 0x2131, 0x4151});
    // Grey segment counts are refused for colour.
    CHECK(decodeRle(frame.data(), frame.size(), out.data(), 1, 2, 2, 1).find("6 segments") !=
          std::string::npos);
}

TEST_CASE("corrupt RLE frames are refused with a reason", "[dicom][rle]") {
    std::vector<std::uint16_t> out(4);
    std::vector<std::uint8_t> shortSegment = header(2, {64, 66});
    for (std::uint8_t b : {0xFD, 0x01, 0xFE, 0x02})
        shortSegment.push_back(b);  // 4 + 3 bytes: the second is short
    CHECK(decodeRle(shortSegment.data(), shortSegment.size(), out.data(), 2, 2, 2)
              .find("decodes to 3 of 4") != std::string::npos);
    std::vector<std::uint8_t> farOffset = header(2, {64, 4000000});
    CHECK(decodeRle(farOffset.data(), farOffset.size(), out.data(), 2, 2, 2)
              .find("outside the frame") != std::string::npos);
    std::vector<std::uint8_t> wrongCount = header(3, {64, 64, 64});
    CHECK(decodeRle(wrongCount.data(), wrongCount.size(), out.data(), 2, 2, 2).find("3 segments") !=
          std::string::npos);
    CHECK_FALSE(decodeRle(wrongCount.data(), 10, out.data(), 2, 2, 2).empty());
}
