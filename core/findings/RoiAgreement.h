#pragma once

#include <optional>
#include <string>

#include "core/analysis/DifferenceVolume.h"
#include "core/analysis/DiscrepancyMetrics.h"
#include "core/registration/FrameTransforms.h"
#include "core/roi/Roi.h"

namespace crosscheck {

/// The sCT agreement metrics inside one ROI (metricsInMask): the CT voxels the ROI takes
/// (sampleRoi's rule) within the comparison's domain. `roiInCtFrame` must already be in the
/// CT's frame (Roi::transformed); lines and points take no area and give an empty mask
/// (0 voxels). The mask is named `maskName` ("roi" when empty) in the metrics and methods.
DiscrepancyMetrics agreementInRoi(const DifferenceVolume& difference, const Roi& roiInCtFrame,
                                  const std::string& maskName = "roi");

/// The same for an ROI given in its own frame, carried to the CT's (`ctFrameUid`) through
/// `transforms`; empty when no known transform joins the two frames.
std::optional<DiscrepancyMetrics> agreementInRoi(const DifferenceVolume& difference, const Roi& roi,
                                                 const FrameTransforms& transforms,
                                                 const std::string& ctFrameUid,
                                                 const std::string& maskName = "roi");

}  // namespace crosscheck
