#pragma once

#include <vector>

namespace crosscheck {

/// Order and moment statistics of a set of voxel values (HU or MR intensity).
///
/// `sd` is the sample standard deviation (n - 1 in the denominator; 0 for one value).
/// Percentiles interpolate linearly between order statistics (rank p/100 * (n - 1), as
/// numpy's default), so the median of an even count is the mean of the two middle values.
/// All zero with count 0 for an empty set.
struct ValueSummary {
    int count = 0;
    double mean = 0.0, sd = 0.0, median = 0.0, min = 0.0, max = 0.0, p5 = 0.0, p95 = 0.0;
};

ValueSummary summarizeValues(std::vector<double> values);

/// The p-th percentile (0..100) of values sorted ascending (linear interpolation).
double percentileOfSorted(const std::vector<double>& sorted, double p);

/// A histogram of values: `counts[b]` holds values in [lower + b * binWidth, lower +
/// (b + 1) * binWidth), the last bin closed at `upper`; values outside are not counted.
struct Histogram {
    double lower = 0.0;
    double upper = 0.0;
    double binWidth = 0.0;
    std::vector<int> counts;
};

/// `bins` equal bins over [lower, upper]; with lower >= upper, over the values' own range
/// (one bin of width 1 when all values are equal).
Histogram makeHistogram(const std::vector<double>& values, int bins, double lower = 0.0,
                        double upper = 0.0);

}  // namespace crosscheck
