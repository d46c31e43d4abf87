#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/geometry/VolumeGeometry.h"

namespace crosscheck {

/// A colour picture: `frames` images of `columns` x `rows` pixels, 8-bit RGB, pixel
/// interleaved (R, G, B of a pixel next to each other), columns fastest, then rows, then
/// frames. What a colour or palette DICOM image (secondary capture, dose report,
/// ultrasound, photo) displays, after YBR-to-RGB conversion or palette lookup.
///
/// Never a Volume on purpose: its values are colours, not HU or intensities, so nothing
/// samples or measures them. `geometry` is set when the frames have a place in patient
/// space (LPS, mm); pictures without ImagePositionPatient/ImageOrientationPatient have none.
struct RgbPicture {
    int columns = 0, rows = 0, frames = 0;
    std::vector<std::uint8_t> rgb;  // columns * rows * frames * 3 bytes
    std::optional<VolumeGeometry> geometry;

    std::size_t frameBytes() const {
        return static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows) * 3;
    }
    const std::uint8_t* frame(int index) const {
        return rgb.data() + static_cast<std::size_t>(index) * frameBytes();
    }
};

}  // namespace crosscheck
