#pragma once

#include <functional>
#include <limits>
#include <optional>

namespace crosscheck {

/// Where a profile crosses a threshold: `profile(t)` is the value at t mm along a line from
/// a point (empty beyond the image). Walking in steps of `stepMm` up to `reachMm`, returns
/// the offset of the first crossing, linearly interpolated between the steps: forwards
/// (positive) when the value at 0 reaches the threshold, backwards (negative) when it does
/// not; the image's end counts as a crossing half a step before it (0 backwards). The
/// forward offset never exceeds `limitMm` (an ROI's outline).
double thresholdCrossingMm(const std::function<std::optional<double>(double)>& profile,
                           double threshold, double reachMm, double stepMm,
                           double limitMm = std::numeric_limits<double>::infinity());

}  // namespace crosscheck
