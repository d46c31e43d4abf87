#include "core/volume/VolumeStatistics.h"

#include <algorithm>
#include <cmath>

namespace crosscheck {

namespace {

std::vector<double> sampleValues(const Volume& volume, std::size_t maxSamples) {
    const std::size_t n = volume.geometry().voxelCount();
    const std::size_t stride = std::max<std::size_t>(1, n / std::max<std::size_t>(1, maxSamples));
    std::vector<double> values;
    values.reserve(n / stride + 1);
    volume.visit([&](const auto* v) {
        for (std::size_t i = 0; i < n; i += stride) {
            values.push_back(static_cast<double>(v[i]));
        }
    });
    return values;
}

double percentileOfSorted(const std::vector<double>& sorted, double percent) {
    if (sorted.empty()) {
        return 0.0;
    }
    const double position =
        std::clamp(percent, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size() - 1);
    const auto lower = static_cast<std::size_t>(std::floor(position));
    const std::size_t upper = std::min(lower + 1, sorted.size() - 1);
    const double t = position - static_cast<double>(lower);
    return sorted[lower] * (1.0 - t) + sorted[upper] * t;
}

}  // namespace

std::vector<double> volumePercentiles(const Volume& volume, const std::vector<double>& percents,
                                      std::size_t maxSamples) {
    std::vector<double> values = sampleValues(volume, maxSamples);
    std::sort(values.begin(), values.end());
    std::vector<double> result;
    result.reserve(percents.size());
    for (double p : percents) {
        result.push_back(percentileOfSorted(values, p));
    }
    return result;
}

WindowLevel automaticWindow(const Volume& volume) {
    std::vector<double> values = sampleValues(volume, 1 << 20);
    std::sort(values.begin(), values.end());
    const double floorValue = percentileOfSorted(values, 2.0);
    const auto firstAbove = std::upper_bound(values.begin(), values.end(), floorValue);
    const std::vector<double> body(firstAbove, values.end());
    const std::vector<double>& basis = body.size() > 16 ? body : values;
    const double lo = percentileOfSorted(basis, 1.0);
    const double hi = percentileOfSorted(basis, 99.0);
    const double width = std::max(hi - lo, 1.0);
    return WindowLevel{width, lo + 0.5 * width};
}

}  // namespace crosscheck
