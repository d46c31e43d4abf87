#pragma once

// Private to core/dicom: decoding the frames of one file straight into their slices of a
// volume buffer. Used by SeriesFiller; nothing outside core/dicom includes this.

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/dicom/SeriesInfo.h"

namespace crosscheck {

/// A frame of a file and the slice (volume k) it fills.
struct FrameTarget {
    int frame;
    int slice;
};

/// What decoding found across a series, counted by every worker.
struct DecodeCounters {
    std::atomic<std::size_t> clipped{0};
    std::atomic<bool> inverted{false};
};

/// Decodes `targets` (increasing frames) of `file` into the volume buffer `base` of
/// `series`, rescaling each slice in place. Native little-endian files the scan located
/// are read with pread, without DCMTK. `sliceDone(k)` follows each slice; `stop()` is
/// asked before each frame and ends the work quietly when true. Throws DicomError.
void decodeFrames(const SeriesInfo& series, const std::string& file,
                  const std::vector<FrameTarget>& targets, unsigned char* base,
                  DecodeCounters& counters, const std::function<bool()>& stop,
                  const std::function<void(int slice)>& sliceDone);

}  // namespace crosscheck
