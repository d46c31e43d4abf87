#pragma once

#include <string>
#include <vector>

namespace crosscheck {

/// The Wilcoxon signed-rank test of paired differences d (two-sided), as scipy.stats.wilcoxon
/// computes it with zero_method="wilcox" and correction=False:
///
/// zero differences are dropped (n counts the rest); the |d| are ranked (ties share their
/// mean rank); statistic = min(R+, R-). With n <= 25, no ties and (after dropping) nothing
/// dropped, the p-value is exact: the null distribution of R+ over the 2^n equally likely
/// sign assignments (counted by a dynamic programme over rank sums), p = min(1, 2 min(P(R+ <=
/// r), P(R+ >= r))), 1 at the distribution's centre. Otherwise the normal approximation
/// z = (T - n(n+1)/4) / sqrt(n(n+1)(2n+1)/24 - sum(t^3 - t)/48) over tie groups of size t,
/// p = 2 (1 - Phi(|z|)), without continuity correction. `method` is "exact" or "normal".
/// With n = 0 the p-value is NaN.
struct WilcoxonResult {
    double statistic = 0.0;  ///< min(R+, R-)
    double p = 0.0;
    std::string method;  ///< "exact" | "normal"
    int n = 0;           ///< differences left after dropping zeros
    int zeros = 0;       ///< dropped
    bool ties = false;
};

inline constexpr int kWilcoxonExactMaxN = 25;

WilcoxonResult wilcoxonSignedRank(const std::vector<double>& differences);

}  // namespace crosscheck
