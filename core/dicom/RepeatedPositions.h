#pragma once

#include <string>
#include <vector>

#include "core/dicom/FrameHeader.h"

namespace crosscheck {

/// One volume of frames that repeat the positions of other volumes, and what tells it apart.
struct RepeatedVolume {
    std::string label;  // "acquisition 2", "volume 3 (b=1000)", ... ; "" when not split
    std::vector<const FrameHeader*> frames;
};

/// Splits frames of one size and orientation into volumes where their positions repeat:
/// a dynamic, multi-b-value or repeated acquisition (dcm2niix writes such a series as 4D).
/// - No position repeats: one volume, label "".
/// - Each AcquisitionNumber holds every position at most once: one volume per acquisition.
/// - Every position occurs the same number of times V, and no copy is the same instance
///   (SOPInstanceUID and frame): V volumes, the v-th occurrence of each position in
///   (TemporalPositionIdentifier, AcquisitionNumber, b-value, InstanceNumber) order in
///   volume v. Labels name the b-value or time point when they differ between volumes.
/// - Otherwise one volume: the repeats are duplicates (SliceStack keeps the first of each).
/// `why` says which rule split them (empty when not split).
std::vector<RepeatedVolume> splitRepeatedPositions(const std::vector<const FrameHeader*>& frames,
                                                   std::string& why);

}  // namespace crosscheck
