#pragma once

#include <optional>

#include "core/dicom/SeriesLoader.h"
#include "core/report/ReportModel.h"
#include "core/roi/Roi.h"

namespace crosscheck {

/// The image of a loaded series an ROI is reported on: the slice nearest the ROI's centre,
/// with the ROI's outline in that image's pixel coordinates when the ROI lies in the slice
/// (within half a slice). `roiInSeriesFrame` is the ROI already carried into the series'
/// frame (Roi::transformed). The SOP UIDs are read from the slice's file. Empty when the
/// centre is outside the volume, the slice is a gap filler or the file is unreadable.
std::optional<ReportImageRef> locateReportImage(const Roi& roiInSeriesFrame,
                                                const LoadedSeries& series);

}  // namespace crosscheck
