// Stored-value decoding by hand: bit masks, sign extension, MONOCHROME1 and rescale.
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "core/dicom/PixelConverter.h"

using namespace crosscheck;

TEST_CASE("12-bit signed samples are sign extended and bits above BitsStored ignored",
          "[dicom][pixels]") {
    // 0x0FFF is -1 in 12-bit two's complement, 0x0800 is -2048; 0xF001 has bits above
    // BitsStored set (an overlay), which are dropped, leaving 1.
    std::vector<std::uint16_t> raw = {0x0FFF, 0x0800, 0x07FF, 0xF001};
    std::vector<std::int16_t> out(raw.size());
    StoredPixelFormat f{16, 12, 11, 1, false, 1.0, 0.0};
    CHECK(convertPixels(raw.data(), f, out.data(), VoxelType::Int16, raw.size()) == 0);
    CHECK(out == std::vector<std::int16_t>{-1, -2048, 2047, 1});
}

TEST_CASE("CT rescale turns stored values into HU in place", "[dicom][pixels]") {
    std::vector<std::uint16_t> buffer = {0, 1024, 4095};
    StoredPixelFormat f{16, 12, 11, 0, false, 1.0, -1024.0};
    convertPixels(buffer.data(), f, buffer.data(), VoxelType::Int16, buffer.size());
    const auto* hu = reinterpret_cast<const std::int16_t*>(buffer.data());
    CHECK(hu[0] == -1024);
    CHECK(hu[1] == 0);
    CHECK(hu[2] == 3071);
}

TEST_CASE("values beyond int16 are clipped and counted", "[dicom][pixels]") {
    std::vector<std::uint16_t> raw = {65535, 100};
    std::vector<std::int16_t> out(2);
    StoredPixelFormat f{16, 16, 15, 0, false, 1.0, -1024.0};
    CHECK(convertPixels(raw.data(), f, out.data(), VoxelType::Int16, 2) == 1);
    CHECK(out[0] == 32767);
    CHECK(out[1] == -924);
}

TEST_CASE("MONOCHROME1 is inverted within the stored range", "[dicom][pixels]") {
    std::vector<std::uint8_t> raw = {0, 10, 255};
    std::vector<std::uint16_t> out(3);
    StoredPixelFormat f{8, 8, 7, 0, true, 1.0, 0.0};
    convertPixels(raw.data(), f, out.data(), VoxelType::UInt16, 3);
    CHECK(out == std::vector<std::uint16_t>{255, 245, 0});
}

TEST_CASE("a fractional slope gives float32 values", "[dicom][pixels]") {
    std::vector<std::uint32_t> raw = {3, 1000000};
    std::vector<float> out(2);
    StoredPixelFormat f{32, 32, 31, 0, false, 0.5, 0.25};
    convertPixels(raw.data(), f, out.data(), VoxelType::Float32, 2);
    CHECK(out[0] == 1.75f);
    CHECK(out[1] == 500000.25f);
}
