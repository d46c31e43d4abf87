#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/dicom/SeriesInfo.h"
#include "core/util/Progress.h"
#include "core/volume/RgbPicture.h"

namespace crosscheck {

/// A loaded colour series: what the scan said about it, its RGB picture and warnings.
struct LoadedPicture {
    SeriesInfo info;
    std::shared_ptr<RgbPicture> picture;
    std::vector<std::string> warnings;
};

/// Loads a colour or palette series (series.isColour()) as 8-bit RGB, one frame per slice
/// of `series.slices` in that order. DCMTK (dcmimage) unpacks the samples (planar
/// configuration, 4:2:2) and converts: PALETTE COLOR through its lookup tables (16-bit
/// entries to 8 bits by their high byte), YBR_PARTIAL_* to RGB, 16-bit RGB to 8 bits; JPEG
/// data is decoded (its YCbCr turned to RGB) by the codecs DicomFile registers, RLE by the
/// project's RleDecoder into native data first. Native and RLE YBR_FULL and YBR_FULL_422
/// are converted here with the standard's formula, rounded (DCMTK's own is up to 2 levels
/// off it). Slices missing from a gap are black. The
/// picture's geometry is the series' when it has one (series.hasGeometry), none otherwise.
/// Throws DicomError naming the file and the reason.
LoadedPicture loadPicture(const SeriesInfo& series, const Progress& progress = {});

}  // namespace crosscheck
