#include "core/roi/ValueSummary.h"

#include <algorithm>
#include <cmath>

namespace crosscheck {

double percentileOfSorted(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) {
        return 0.0;
    }
    const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(rank));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double f = rank - static_cast<double>(below);
    return sorted[below] + f * (sorted[above] - sorted[below]);
}

ValueSummary summarizeValues(std::vector<double> values) {
    ValueSummary s;
    if (values.empty()) {
        return s;
    }
    std::sort(values.begin(), values.end());
    s.count = static_cast<int>(values.size());
    double sum = 0.0;
    for (double v : values) {
        sum += v;
    }
    s.mean = sum / s.count;
    double squares = 0.0;
    for (double v : values) {
        squares += (v - s.mean) * (v - s.mean);
    }
    s.sd = s.count > 1 ? std::sqrt(squares / (s.count - 1)) : 0.0;
    s.min = values.front();
    s.max = values.back();
    s.median = percentileOfSorted(values, 50.0);
    s.p5 = percentileOfSorted(values, 5.0);
    s.p95 = percentileOfSorted(values, 95.0);
    return s;
}

Histogram makeHistogram(const std::vector<double>& values, int bins, double lower, double upper) {
    Histogram h;
    bins = std::max(1, bins);
    if (!(lower < upper)) {
        if (values.empty()) {
            lower = 0.0;
            upper = 1.0;
        } else {
            const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
            lower = *lo;
            upper = *hi > *lo ? *hi : *lo + 1.0;
        }
    }
    h.lower = lower;
    h.upper = upper;
    h.binWidth = (upper - lower) / bins;
    h.counts.assign(static_cast<std::size_t>(bins), 0);
    for (double v : values) {
        if (v < lower || v > upper) {
            continue;
        }
        const int b = std::min(bins - 1, static_cast<int>((v - lower) / h.binWidth));
        ++h.counts[static_cast<std::size_t>(b)];
    }
    return h;
}

}  // namespace crosscheck
