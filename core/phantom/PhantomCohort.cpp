#include "core/phantom/PhantomCohort.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/phantom/PhantomRandom.h"

namespace crosscheck {

namespace {
constexpr double kMeanLongMm = 19.6;
constexpr double kMeanShortMm = 11.6;
constexpr double kMeanHu = 463.6;

struct Draw {
    double longMm, shortMm, widthMm, hu;
};

/// The published cohort's tumours were all calcified; 4 of 5 densely, the fifth is what
/// the plain cohort keeps faint (near the 200 HU threshold) as a test of its own.
constexpr double kPublishedHuSd = 60.0;
constexpr double kPublishedMinHu = 300.0;

Draw drawPatient(std::uint64_t seed, int n, bool published) {
    PhantomRandom random(seed, 0xC0407, static_cast<std::uint64_t>(n));
    Draw d;
    d.longMm = kMeanLongMm + 3.5 * random.normal();
    d.shortMm = kMeanShortMm + 2.0 * random.normal();
    const bool dense = published || n % 5 != 0;
    d.hu = published ? kMeanHu + kPublishedHuSd * random.normal()
           : dense   ? 520.0 + 60.0 * random.normal()
                     : 190.0 + 25.0 * random.normal();
    d.widthMm = 1.1 + 0.3 * random.uniform();  // factor on the short axis, applied later
    return d;
}
}  // namespace

PhantomOptions cohortPatientOptions(const PhantomOptions& base, int patientNumber,
                                    int patientCount) {
    patientCount = std::max(patientCount, 1);
    std::vector<Draw> draws;
    for (int n = 1; n <= patientCount; ++n) {
        draws.push_back(drawPatient(base.seed, n, base.published));
    }
    double shiftLong = 0.0, shiftShort = 0.0, shiftHu = 0.0;
    if (patientCount >= 2) {
        double sumLong = 0.0, sumShort = 0.0, sumHu = 0.0;
        for (const auto& d : draws) {
            sumLong += d.longMm;
            sumShort += d.shortMm;
            sumHu += d.hu;
        }
        shiftLong = kMeanLongMm - sumLong / patientCount;
        shiftShort = kMeanShortMm - sumShort / patientCount;
        shiftHu = kMeanHu - sumHu / patientCount;
    }
    const Draw& d = draws[static_cast<std::size_t>(std::clamp(patientNumber, 1, patientCount) - 1)];
    PhantomOptions o = base;
    o.patientNumber = patientNumber;
    const double shortMm = std::max(5.0, d.shortMm + shiftShort);
    o.tumorDiametersMm =
        Eigen::Vector3d(std::max(8.0, d.longMm + shiftLong), shortMm, shortMm * d.widthMm);
    o.tumorHu = std::max(base.published ? kPublishedMinHu : 150.0, d.hu + shiftHu);
    return o;
}

std::string cohortPatientFolder(int patientNumber) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "P%03d", patientNumber);
    return buffer;
}

}  // namespace crosscheck
