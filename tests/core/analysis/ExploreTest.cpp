// Temporary exploration (removed before the report).
#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>

#include "core/analysis/DiscrepancyAnalysis.h"
#include "core/analysis/RegionExtraction.h"
#include "core/phantom/PhantomStudy.h"

using namespace crosscheck;

static void explore(PhantomSize size, bool showsTumor) {
    PhantomOptions o;
    o.size = size;
    o.sctShowsTumor = showsTumor;
    const PhantomStudy study = generatePhantomStudy(o);
    DiscrepancyInputs in;
    in.ct = study.byRole(SeriesRole::CT).volume;
    in.sct = study.byRole(SeriesRole::sCT).volume;
    in.ctToSct = study.truth.ctToMr;
    in.mr = {{"T1w", study.byRole(SeriesRole::T1w).volume.get(), study.truth.ctToMr},
             {"T2w", study.byRole(SeriesRole::T2w).volume.get(), study.truth.ctToMr}};
    const auto r = analyzeDiscrepancy(in);
    const auto& t = r.difference->timings();
    std::cerr << "resample " << t.resampleMs << " body " << t.bodyMaskMs << " diff " << t.differenceMs
              << " ssim " << t.ssimMs << " cand " << t.candidatesMs << " regions " << r.regionsMs
              << " vis " << r.visibilityMs << " total " << r.totalMs << "\n";
    std::cerr << "candidates " << r.difference->candidates().voxels().size() << "\n";
    std::cerr << toJson(r.difference->metrics()).dump() << "\n";
    for (const auto& g : r.regions) {
        std::cerr << toJson(g).dump() << "\n";
    }
    std::cerr << "tumour centre " << study.truth.tumor.centerCtMm.transpose() << " diam "
              << study.truth.tumor.diametersMm.transpose() << " ctvox " << study.truth.tumor.ctVoxelCount
              << "\n";
    for (auto& l : study.truth.lesions) std::cerr << "lesion " << l.centerCtMm.transpose() << "\n";
    DiscrepancyThresholds th;
    th.minVolumeMm3 = 0;
    th.dropSlivers = false;
    for (int rep = 0; rep < 3; ++rep) {
        auto s = std::chrono::steady_clock::now();
        auto regs = extractRegions(*r.difference, th);
        std::cerr << "no-filter regions " << regs.size() << " in "
                  << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s).count()
                  << " ms\n";
        s = std::chrono::steady_clock::now();
        auto regs2 = extractRegions(*r.difference, DiscrepancyThresholds{});
        std::cerr << "default regions " << regs2.size() << " in "
                  << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s).count()
                  << " ms\n";
    }
}

TEST_CASE("explore small", "[.explore]") { explore(PhantomSize::Small, false); }
TEST_CASE("explore full", "[.explorefull]") { explore(PhantomSize::Full, false); }
TEST_CASE("explore small shows", "[.exploreshows]") { explore(PhantomSize::Small, true); }

#include "core/phantom/PhantomCohort.h"
static void exploreOptions(const PhantomOptions& o, DiscrepancyThresholds th) {
    const PhantomStudy study = generatePhantomStudy(o);
    DiscrepancyInputs in;
    in.ct = study.byRole(SeriesRole::CT).volume;
    in.sct = study.byRole(SeriesRole::sCT).volume;
    in.ctToSct = study.truth.ctToMr;
    const auto r = analyzeDiscrepancy(in);
    std::cerr << "tumour " << study.truth.tumor.centerCtMm.transpose() << " hu " << study.truth.tumor.ctMeanHu << "\n";
    for (const auto& g : extractRegions(*r.difference, th)) {
        if ((g.centroidMm - study.truth.tumor.centerCtMm).norm() < 15)
            std::cerr << toJson(g).dump() << "\n";
    }
}
TEST_CASE("explore p5", "[.p5]") {
    PhantomOptions base;
    base.size = PhantomSize::Small;
    DiscrepancyThresholds th;
    th.minVolumeMm3 = 0;
    th.dropSlivers = false;
    exploreOptions(cohortPatientOptions(base, 5, 5), th);
    base.size = PhantomSize::Full;
    exploreOptions(cohortPatientOptions(base, 5, 5), th);
    th.denseHu = 2000;
    base.size = PhantomSize::Small;
    exploreOptions(base, th);
}
