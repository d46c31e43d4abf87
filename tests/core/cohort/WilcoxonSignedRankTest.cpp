// Wilcoxon signed-rank against known answers: the exact null distribution counted by hand
// for n = 3 and n = 5, the normal approximation with the tie correction written out by
// hand (std::erfc for the normal tail), and Darwin's Zea mays data (Fisher, The Design of
// Experiments, 1935, the example of scipy.stats.wilcoxon's documentation: statistic 24,
// exact two-sided p = 0.041259765625).
#include <catch2/catch.hpp>
#include <cmath>

#include "core/cohort/WilcoxonSignedRank.h"

using namespace crosscheck;

namespace {
double normalTwoSided(double z) {
    return std::erfc(std::abs(z) / std::sqrt(2.0));
}
}  // namespace

TEST_CASE("five positive differences: exact p = 2 / 32", "[cohort][statistics]") {
    const WilcoxonResult w = wilcoxonSignedRank({19.6, 18.1, 21.0, 20.2, 17.5});
    CHECK(w.method == "exact");
    CHECK(w.n == 5);
    CHECK(w.statistic == 0.0);
    CHECK(w.p == Approx(2.0 / 32.0));
}

TEST_CASE("differences 1, -2, 3: R+ = 4 of the 8 sign assignments, p = 0.75",
          "[cohort][statistics]") {
    // R+ over the subsets of {1, 2, 3}: 0 1 2 3 3 4 5 6. P(R+ >= 4) = 3/8, so p = 6/8.
    const WilcoxonResult w = wilcoxonSignedRank({1, -2, 3});
    CHECK(w.method == "exact");
    CHECK(w.statistic == 2.0);
    CHECK(w.p == Approx(0.75));
    CHECK(wilcoxonSignedRank({1, -2}).p == Approx(1.0));  // the centre
}

TEST_CASE("Darwin's Zea mays differences: exact p as scipy documents", "[cohort][statistics]") {
    const WilcoxonResult w =
        wilcoxonSignedRank({6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75});
    CHECK(w.method == "exact");
    CHECK(w.statistic == 24.0);
    CHECK(w.p == Approx(0.041259765625).epsilon(1e-12));
}

TEST_CASE("ties use the normal approximation with the tie correction, by hand",
          "[cohort][statistics]") {
    // |d| 1 1 2 3 3 3: ranks 1.5 1.5 3 5 5 5; R- = 3. Mean 6*7/4, variance 6*7*13/24 minus
    // (2^3 - 2 + 3^3 - 3) / 48.
    const WilcoxonResult w = wilcoxonSignedRank({1, 1, -2, 3, 3, 3});
    CHECK(w.method == "normal");
    CHECK(w.ties);
    CHECK(w.statistic == 3.0);
    const double z = (3.0 - 10.5) / std::sqrt(22.75 - 30.0 / 48.0);
    CHECK(w.p == Approx(normalTwoSided(z)).epsilon(1e-12));
    CHECK(w.p == Approx(0.11082811686279109).epsilon(1e-9));  // scipy 1.10, method="approx"
}

TEST_CASE("zero differences are dropped and force the normal approximation",
          "[cohort][statistics]") {
    const WilcoxonResult w = wilcoxonSignedRank({0, 1, 2});
    CHECK(w.zeros == 1);
    CHECK(w.n == 2);
    CHECK(w.method == "normal");
    CHECK(w.p == Approx(normalTwoSided(-1.5 / std::sqrt(1.25))).epsilon(1e-12));
    CHECK(std::isnan(wilcoxonSignedRank({0, 0}).p));
}

TEST_CASE("more than 25 differences use the normal approximation", "[cohort][statistics]") {
    std::vector<double> d;
    for (int i = 1; i <= 26; ++i) {
        d.push_back(i % 3 == 0 ? -i : i);
    }
    const WilcoxonResult w = wilcoxonSignedRank(d);
    CHECK(w.method == "normal");
    double rMinus = 0.0;
    for (int i = 3; i <= 26; i += 3) {
        rMinus += i;
    }
    CHECK(w.statistic == rMinus);
    const double n = 26.0;
    const double z = (rMinus - n * (n + 1) / 4) / std::sqrt(n * (n + 1) * (2 * n + 1) / 24);
    CHECK(w.p == Approx(normalTwoSided(z)).epsilon(1e-12));
}
