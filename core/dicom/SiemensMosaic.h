#pragma once

#include <vector>

#include "core/dicom/FrameHeader.h"

namespace crosscheck {

/// Splits one stored Siemens mosaic frame (`mosaicImages` > 0, from the CSA header) into
/// one FrameHeader per slice, as dcm2niix de-mosaics: the tiles lie ceil(sqrt(n)) to a row
/// of the stored frame, each rows/ceil(sqrt(n)) x columns/ceil(sqrt(n)) pixels.
///
/// ImagePositionPatient of a mosaic is the corner of the whole stored frame, not of a
/// slice; the first slice's position is moved by half the difference of the two sizes
/// along the row and column directions (dcm2niix's correction). Slice t lies t steps
/// further along the CSA SliceNormalVector (the cross product of the orientation when the
/// header has none); the step is SpacingBetweenSlices, else SliceThickness.
/// A frame that is not a mosaic is returned as it is. Throws DicomError naming the file
/// when the count does not fit the frame (a corrupt CSA header).
std::vector<FrameHeader> expandMosaic(const FrameHeader& stored);

}  // namespace crosscheck
