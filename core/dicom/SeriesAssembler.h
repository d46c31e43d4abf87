#pragma once

#include <vector>

#include "core/dicom/FrameHeader.h"
#include "core/dicom/SeriesInfo.h"

namespace crosscheck {

/// Turns the frame headers a scan read into series, one per volume.
///
/// Frames are grouped by SeriesInstanceUID, then split where one UID holds more than one
/// volume: another frame of reference, orientation, image size, pixel format or echo
/// number, or (only when positions repeat) another acquisition number; each part says why
/// in its warnings. Each volume's slices are ordered by the projection of
/// ImagePositionPatient on the slice normal, and its geometry is measured from those
/// positions: duplicates (first kept), gaps (missing slices inserted as blank slices so
/// the others stay where they are), uneven spacing, irregular positions and tilt (kept as
/// shear) are reported with their numbers. Frames are expected to be decodable
/// (unsupportedReason empty). The voxel type the loader will produce is chosen here too.
std::vector<SeriesInfo> assembleSeries(std::vector<FrameHeader> frames);

}  // namespace crosscheck
