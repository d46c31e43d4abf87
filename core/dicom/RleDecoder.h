#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace crosscheck {

/// Decodes one DICOM RLE Lossless frame (PS3.5 Annex G: a 64-byte header of segment
/// offsets, then one PackBits segment per byte plane: sample by sample, each sample's most
/// significant byte first) into `buffer`: rows x columns pixels of `samplesPerPixel`
/// samples of `bytesPerSample` bytes, pixel interleaved (planar configuration 0), native
/// (little-endian) order. Every offset and run is checked against the input and the
/// output, so corrupt data gives a reason, never a read or write out of bounds. Returns an
/// empty string on success, else the reason. (DCMTK 3.6.7's RLE decoder crashed on fuzzed
/// input.)
std::string decodeRle(const std::uint8_t* data, std::size_t size, void* buffer, int rows,
                      int columns, int bytesPerSample, int samplesPerPixel = 1);

}  // namespace crosscheck
