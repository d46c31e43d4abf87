#pragma once

#include <string>
#include <vector>

#include "core/cohort/WilcoxonSignedRank.h"

namespace crosscheck {

/// Mean, sample SD (n - 1), median (the mean of the middle two for even n), min and max.
/// NaN where undefined (everything for n = 0, the SD for n = 1).
struct Descriptive {
    int n = 0;
    double mean = 0.0;
    double sd = 0.0;
    double median = 0.0;
    double min = 0.0;
    double max = 0.0;
};

Descriptive describe(const std::vector<double>& values);

/// One measure on CT and sCT over the same patients, differences CT - sCT:
///
/// - differenceMean with its 95 % confidence interval, mean +- t(0.975, n-1) SD / sqrt(n);
/// - the paired t-test, t = mean / (SD / sqrt(n)) with n - 1 degrees of freedom, two-sided
///   p (scipy.stats.ttest_rel); 0 when the differences are all equal and not 0, NaN when
///   all 0 or n < 2;
/// - the Wilcoxon signed-rank test (wilcoxonSignedRank);
/// - Bland-Altman: bias = differenceMean, limits of agreement bias +- 1.96 SD.
/// Student's t and the normal distribution come from Boost.Math.
struct PairedComparison {
    Descriptive ct;
    Descriptive sct;
    Descriptive difference;
    double ci95Low = 0.0;
    double ci95High = 0.0;
    double tStatistic = 0.0;
    double tTestP = 0.0;
    WilcoxonResult wilcoxon;
    double bias = 0.0;
    double loaLow = 0.0;
    double loaHigh = 0.0;
};

/// ct and sct are paired by index and must have the same size (else std::invalid_argument).
PairedComparison comparePaired(const std::vector<double>& ct, const std::vector<double>& sct);

}  // namespace crosscheck
