#include "core/cohort/PairedStatistics.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace crosscheck {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Bland-Altman's limits of agreement: bias +- 1.96 SD of the differences.
constexpr double kLoaZ = 1.96;

}  // namespace

Descriptive describe(const std::vector<double>& values) {
    Descriptive d;
    d.n = static_cast<int>(values.size());
    if (values.empty()) {
        d.mean = d.sd = d.median = d.min = d.max = kNaN;
        return d;
    }
    const double n = static_cast<double>(values.size());
    d.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
    double squares = 0.0;
    for (double v : values) {
        squares += (v - d.mean) * (v - d.mean);
    }
    d.sd = values.size() > 1 ? std::sqrt(squares / (n - 1.0)) : kNaN;
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t mid = sorted.size() / 2;
    d.median = sorted.size() % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    d.min = sorted.front();
    d.max = sorted.back();
    return d;
}

PairedComparison comparePaired(const std::vector<double>& ct, const std::vector<double>& sct) {
    if (ct.size() != sct.size()) {
        throw std::invalid_argument("paired statistics: " + std::to_string(ct.size()) +
                                    " CT values against " + std::to_string(sct.size()) +
                                    " sCT values");
    }
    PairedComparison c;
    std::vector<double> differences(ct.size());
    for (std::size_t i = 0; i < ct.size(); ++i) {
        differences[i] = ct[i] - sct[i];
    }
    c.ct = describe(ct);
    c.sct = describe(sct);
    c.difference = describe(differences);
    c.wilcoxon = wilcoxonSignedRank(differences);
    const Descriptive& d = c.difference;
    c.bias = d.mean;
    c.loaLow = d.mean - kLoaZ * d.sd;
    c.loaHigh = d.mean + kLoaZ * d.sd;
    if (d.n < 2) {
        c.ci95Low = c.ci95High = c.tStatistic = c.tTestP = kNaN;
        return c;
    }
    const double n = static_cast<double>(d.n);
    const boost::math::students_t_distribution<double> t(n - 1.0);
    const double standardError = d.sd / std::sqrt(n);
    const double q = boost::math::quantile(t, 0.975);
    c.ci95Low = d.mean - q * standardError;
    c.ci95High = d.mean + q * standardError;
    if (standardError == 0.0) {
        c.tStatistic = d.mean == 0.0 ? kNaN : std::copysign(INFINITY, d.mean);
        c.tTestP = d.mean == 0.0 ? kNaN : 0.0;
        return c;
    }
    c.tStatistic = d.mean / standardError;
    c.tTestP = 2.0 * boost::math::cdf(boost::math::complement(t, std::abs(c.tStatistic)));
    return c;
}

}  // namespace crosscheck
