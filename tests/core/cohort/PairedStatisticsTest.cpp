// The cohort table's statistics against known answers: hand calculations (closed forms of
// Student's t with 2 degrees of freedom) and Student's sleep data (Cushny and Peebles 1905,
// as in R's `t.test(extra ~ group, data = sleep, paired = TRUE)`: t = 4.0621, df = 9,
// p = 0.002833, 95 % CI of the mean difference 0.70011 to 2.45989).
#include <catch2/catch.hpp>
#include <cmath>

#include "core/cohort/PairedStatistics.h"

using namespace crosscheck;

TEST_CASE("descriptive statistics of a small sample, by hand", "[cohort][statistics]") {
    const Descriptive d = describe({2, 4, 4, 4, 5, 5, 7, 9});
    CHECK(d.n == 8);
    CHECK(d.mean == Approx(5.0));
    CHECK(d.sd == Approx(std::sqrt(32.0 / 7.0)));  // sum of squares 32, n - 1 = 7
    CHECK(d.median == Approx(4.5));
    CHECK(d.min == 2.0);
    CHECK(d.max == 9.0);
    const Descriptive odd = describe({3, 1, 2});
    CHECK(odd.median == 2.0);
    CHECK(std::isnan(describe({1.0}).sd));
    CHECK(std::isnan(describe({}).mean));
}

TEST_CASE("paired t-test, 95 % CI and Bland-Altman of differences 1, 2, 3, by hand",
          "[cohort][statistics]") {
    // Differences 1, 2, 3: mean 2, SD 1, t = 2 sqrt(3) with 2 df. For 2 df the two-sided
    // p is 1 - t / sqrt(t^2 + 2) = 1 - sqrt(6/7), and the 0.975 quantile is
    // (2 * 0.975 - 1) / sqrt(2 * 0.975 * 0.025).
    const PairedComparison c = comparePaired({11, 12, 13}, {10, 10, 10});
    CHECK(c.difference.mean == Approx(2.0));
    CHECK(c.difference.sd == Approx(1.0));
    CHECK(c.tStatistic == Approx(2.0 * std::sqrt(3.0)));
    CHECK(c.tTestP == Approx(1.0 - std::sqrt(6.0 / 7.0)).epsilon(1e-10));
    const double q = 0.95 / std::sqrt(2.0 * 0.975 * 0.025);
    CHECK(c.ci95Low == Approx(2.0 - q / std::sqrt(3.0)).epsilon(1e-10));
    CHECK(c.ci95High == Approx(2.0 + q / std::sqrt(3.0)).epsilon(1e-10));
    CHECK(c.bias == Approx(2.0));
    CHECK(c.loaLow == Approx(2.0 - 1.96));
    CHECK(c.loaHigh == Approx(2.0 + 1.96));
    CHECK(c.ct.mean == Approx(12.0));
    CHECK(c.sct.sd == 0.0);
}

TEST_CASE("paired t-test on Student's sleep data agrees with R and scipy", "[cohort][statistics]") {
    const std::vector<double> drug2{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
    const std::vector<double> drug1{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    const PairedComparison c = comparePaired(drug2, drug1);
    CHECK(c.difference.mean == Approx(1.58));
    CHECK(c.tStatistic == Approx(4.062127683382037).epsilon(1e-9));  // scipy ttest_rel
    CHECK(c.tTestP == Approx(0.00283289019738427).epsilon(1e-9));
    CHECK(c.ci95Low == Approx(0.7001142).epsilon(1e-6));  // R t.test
    CHECK(c.ci95High == Approx(2.4598858).epsilon(1e-6));
}

TEST_CASE("paired statistics of undefined cases are NaN, not numbers", "[cohort][statistics]") {
    const PairedComparison one = comparePaired({5}, {1});
    CHECK(std::isnan(one.tTestP));
    CHECK(std::isnan(one.ci95Low));
    const PairedComparison same = comparePaired({1, 2}, {1, 2});
    CHECK(std::isnan(same.tTestP));
    const PairedComparison constant = comparePaired({3, 4}, {1, 2});
    CHECK(constant.tTestP == 0.0);
    CHECK_THROWS_AS(comparePaired({1, 2}, {1}), std::invalid_argument);
}
