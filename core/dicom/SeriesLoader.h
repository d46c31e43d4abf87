#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/dicom/SeriesInfo.h"
#include "core/util/Progress.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// A loaded series: what the scan said about it, its volume, and every warning (the
/// scan's, with numbers, plus what loading found: clipped values, inverted MONOCHROME1).
struct LoadedSeries {
    SeriesInfo info;
    std::shared_ptr<Volume> volume;
    std::vector<std::string> warnings;
};

/// Loads a scanned series into one Volume with `series.geometry` and `series.voxelType`.
/// Files are read and decoded on all cores, each frame straight into its slice of the
/// volume buffer (no zero-fill, no per-slice copies for 16-bit data), then rescaled in
/// place: int16 HU for CT, the stored type for MR unless the rescale needs float32.
/// Sizes beyond the machine's memory (or 32 GiB) are refused before any allocation.
/// Throws DicomError naming the file and the reason (truncated, corrupt, changed since the
/// scan, ...), and Cancelled when progress.cancel is set.
LoadedSeries loadSeries(const SeriesInfo& series, const Progress& progress = {});

/// The largest volume loadSeries accepts, in bytes: 80% of physical memory, at most 32 GiB.
std::size_t maxVolumeBytes();

}  // namespace crosscheck
