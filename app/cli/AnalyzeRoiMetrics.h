#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/analysis/DifferenceVolume.h"
#include "core/registration/FrameTransforms.h"
#include "core/roi/Roi.h"

namespace crosscheck::cli {

/// An ROI file given to `analyze --metrics-roi`, read before the analysis starts so that
/// a bad file fails fast.
struct MetricsRoi {
    std::string path;
    Roi roi;
};

/// Reads every file; throws RoiFormatError naming the bad one.
std::vector<MetricsRoi> readMetricsRois(const std::vector<std::string>& paths);

/// `roi_metrics` of `analyze --json`: per ROI, `roi` (the file) and the metrics as
/// `metrics` has them (mask "roi: FILE"), or `metrics: null` with `warning: "no transform"`
/// when the ROI's frame is joined to the CT's by no known transform.
nlohmann::json roiMetricsJson(const std::vector<MetricsRoi>& rois,
                              const DifferenceVolume& difference, const FrameTransforms& transforms,
                              const std::string& ctFrameUid);

}  // namespace crosscheck::cli
