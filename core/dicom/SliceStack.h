#pragma once

#include <vector>

#include "core/dicom/FrameHeader.h"
#include "core/dicom/SeriesInfo.h"

namespace crosscheck {

/// Orders the frames of one volume and measures its geometry, filling `series.slices`,
/// `files`, `dims`, `geometry`, `spacingMm`, `orientation` and the geometry warnings.
///
/// Slices go by the projection of ImagePositionPatient on the slice normal; the k step is
/// measured from the positions (never SliceThickness). Repeated positions keep the first
/// instance ("duplicate positions"); a step that is a whole multiple of the usual one gets
/// blank slices inserted ("gap", filled with series.gapFillValue), so every real slice
/// stays where it is; other irregular steps are "uneven spacing"; a stack leaning from its
/// normal by more than rounding keeps the shear ("tilted"). Each warning says the numbers.
/// All frames must share size and orientation (SeriesAssembler splits them first).
void buildSliceStack(std::vector<const FrameHeader*> frames, SeriesInfo& series);

}  // namespace crosscheck
