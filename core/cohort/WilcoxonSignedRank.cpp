#include "core/cohort/WilcoxonSignedRank.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <limits>
#include <numeric>

namespace crosscheck {

namespace {

/// Ranks 1..n of the values (ties get their mean rank) and the sizes of the tie groups.
std::vector<double> rankWithTies(const std::vector<double>& values, std::vector<int>& tieSizes) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(values.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) {
            ++j;
        }
        const double mean = 0.5 * static_cast<double>(i + j) + 1.0;
        for (std::size_t k = i; k <= j; ++k) {
            ranks[order[k]] = mean;
        }
        if (j > i) {
            tieSizes.push_back(static_cast<int>(j - i + 1));
        }
        i = j + 1;
    }
    return ranks;
}

/// counts[s] = number of subsets of {1..n} whose sum is s (the sign assignments giving
/// R+ = s); 2^25 fits a double exactly.
std::vector<double> rankSumCounts(int n) {
    const int maxSum = n * (n + 1) / 2;
    std::vector<double> counts(static_cast<std::size_t>(maxSum) + 1, 0.0);
    counts[0] = 1.0;
    for (int rank = 1; rank <= n; ++rank) {
        for (int s = maxSum; s >= rank; --s) {
            counts[static_cast<std::size_t>(s)] += counts[static_cast<std::size_t>(s - rank)];
        }
    }
    return counts;
}

}  // namespace

WilcoxonResult wilcoxonSignedRank(const std::vector<double>& differences) {
    WilcoxonResult result;
    std::vector<double> d;
    for (double v : differences) {
        if (v == 0.0) {
            ++result.zeros;
        } else {
            d.push_back(v);
        }
    }
    result.n = static_cast<int>(d.size());
    if (d.empty()) {
        result.method = "normal";
        result.p = std::numeric_limits<double>::quiet_NaN();
        return result;
    }
    std::vector<double> absD(d.size());
    std::transform(d.begin(), d.end(), absD.begin(), [](double v) { return std::abs(v); });
    std::vector<int> tieSizes;
    const std::vector<double> ranks = rankWithTies(absD, tieSizes);
    result.ties = !tieSizes.empty();
    double rPlus = 0.0, rMinus = 0.0;
    for (std::size_t i = 0; i < d.size(); ++i) {
        (d[i] > 0.0 ? rPlus : rMinus) += ranks[i];
    }
    result.statistic = std::min(rPlus, rMinus);
    const double n = static_cast<double>(result.n);

    if (result.n <= kWilcoxonExactMaxN && !result.ties && result.zeros == 0) {
        result.method = "exact";
        const std::vector<double> counts = rankSumCounts(result.n);
        const int r = static_cast<int>(std::lround(rPlus));
        const int maxSum = result.n * (result.n + 1) / 2;
        if (r == maxSum / 2) {
            result.p = 1.0;  // the centre of the distribution (as scipy)
            return result;
        }
        const double total = std::ldexp(1.0, result.n);
        double less = 0.0, greater = 0.0;
        for (int s = 0; s <= maxSum; ++s) {
            (s <= r ? less : greater) += counts[static_cast<std::size_t>(s)];
        }
        greater += counts[static_cast<std::size_t>(r)];  // P(R+ >= r) includes r
        result.p = std::min(1.0, 2.0 * std::min(less, greater) / total);
        return result;
    }
    result.method = "normal";
    double variance = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0;
    for (int t : tieSizes) {
        variance -= static_cast<double>(t) * (static_cast<double>(t) * t - 1.0) / 48.0;
    }
    const double z = (result.statistic - n * (n + 1.0) / 4.0) / std::sqrt(variance);
    const boost::math::normal_distribution<double> standard;
    result.p = 2.0 * boost::math::cdf(boost::math::complement(standard, std::abs(z)));
    return result;
}

}  // namespace crosscheck
