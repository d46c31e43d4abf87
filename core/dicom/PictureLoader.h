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
/// of `series.slices` in that order. The conversion is DCMTK's (dcmimage): YBR_FULL,
/// YBR_FULL_422 and YBR_PARTIAL_* to RGB, PALETTE COLOR through its lookup tables (16-bit
/// entries scaled to 8 bits), 16-bit RGB scaled to 8 bits; JPEG data is decoded by the
/// codecs DicomFile registers. Slices missing from a gap are black. The picture's geometry
/// is the series' when it has one (series.hasGeometry), none otherwise.
/// Throws DicomError naming the file and the reason.
LoadedPicture loadPicture(const SeriesInfo& series, const Progress& progress = {});

}  // namespace crosscheck
