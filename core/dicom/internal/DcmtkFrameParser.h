#pragma once

// Private to core/dicom's .cpp files: the one place a DCMTK type name appears in a header
// (forward-declared only). Nothing outside core/dicom may include this.

#include <string>
#include <vector>

#include "core/dicom/FrameHeader.h"

class DcmItem;

namespace crosscheck {

/// Reads the tags of one dataset into one FrameHeader per frame. Enhanced multi-frame
/// objects take position, orientation, spacing and rescale from their shared and
/// per-frame functional groups; RT dose style multi-frames from GridFrameOffsetVector.
/// Throws DicomError for values that cannot be right (NumberOfFrames beyond any sane
/// count or than `framesHeld`, the frames the pixel data can hold when known (-1 when not),
/// a per-frame sequence shorter than the frames).
std::vector<FrameHeader> parseFrameHeaders(DcmItem* dataset, const std::string& file,
                                           const std::string& transferSyntaxUid, bool hasPixelData,
                                           bool encapsulated, long framesHeld = -1);

}  // namespace crosscheck
