#pragma once

#include <string>
#include <vector>

#include "core/dicom/FrameHeader.h"

namespace crosscheck {

/// The frames of one series, and the UID it goes by.
struct SeriesGroup {
    std::string uid;  // the files' SeriesInstanceUID, or one made for the group
    /// Why the UID was made rather than read (tag "no series uid" or "shared series uid"),
    /// with the detail sentence; both empty when the files' own UID is used.
    std::string identityTag, identityDetail;
    std::vector<const FrameHeader*> frames;
};

/// Groups frames into series without trusting SeriesInstanceUID alone, as dcm2niix does:
/// frames with a UID are grouped by it, frames whose UID is missing or empty by study,
/// series number and modality (their volumes are then told apart by orientation, size,
/// echo, ... in SeriesAssembler). A UID shared by images of different series numbers or
/// modalities (an anonymizer that wrote one UID for a whole study) is split the same way.
/// Made UIDs are "2.25." and a hash of what groups the frames: the same files get the same
/// UID in every scan, so sessions and `--series` can name them.
std::vector<SeriesGroup> groupSeries(const std::vector<FrameHeader>& frames);

}  // namespace crosscheck
