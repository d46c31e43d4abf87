#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace crosscheck {

/// Decodes one JPEG 2000 frame (a raw J2K codestream or a JP2 file, as found in DICOM
/// fragments) with OpenJPEG into `buffer`: rows x columns samples of `bytesPerSample`
/// (1 or 2) bytes, native byte order. Only single-component (grey) images are accepted.
/// Returns an empty string on success, else the reason it failed. DCMTK 3.6.7 has no
/// JPEG 2000 codec, hence this separate path.
std::string decodeJpeg2000(const std::uint8_t* data, std::size_t size, void* buffer, int rows,
                           int columns, int bytesPerSample);

}  // namespace crosscheck
