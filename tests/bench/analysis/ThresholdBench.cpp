// Threshold-change benchmark (issue 9): how long extractRegions takes on a computed
// DifferenceVolume when the thresholds or the minimum volume change, on a phantom study
// folder (CT, sCT, ground_truth.json). Prints one JSON document on stdout.
// Usage: analysis_threshold_bench STUDY_DIR [REPEATS]
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/analysis/DifferenceVolume.h"
#include "core/analysis/RegionExtraction.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "core/dicom/SeriesSelection.h"

using namespace crosscheck;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: analysis_threshold_bench STUDY_DIR [REPEATS]\n";
        return 2;
    }
    const std::string dir = argv[1];
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
    try {
        const nlohmann::json truth =
            nlohmann::json::parse(std::ifstream(dir + "/ground_truth.json"));
        Eigen::Matrix4d ctToMr;
        for (int r = 0; r < 4; ++r) {
            for (int c = 0; c < 4; ++c) {
                ctToMr(r, c) =
                    truth["ct_to_mr"][static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
            }
        }
        const ScanResult ctScan = scanPaths({dir + "/CT"});
        const ScanResult sctScan = scanPaths({dir + "/sCT"});
        const LoadedSeries ct = loadSeries(selectSeries(ctScan, dir + "/CT"));
        const LoadedSeries sct = loadSeries(selectSeries(sctScan, dir + "/sCT"));
        const auto difference = DifferenceVolume::compute(ct.volume, *sct.volume, ctToMr);

        struct Case {
            const char* name;
            DiscrepancyThresholds thresholds;
        };
        std::vector<Case> cases(6);
        cases[0] = {"default", {}};
        cases[1] = {"dense_300", {}};
        cases[1].thresholds.denseHu = 300;
        cases[2] = {"large_difference_250", {}};
        cases[2].thresholds.largeDifferenceHu = 250;
        cases[3] = {"min_volume_100", {}};
        cases[3].thresholds.minVolumeMm3 = 100;
        cases[4] = {"no_sliver_filter", {}};
        cases[4].thresholds.dropSlivers = false;
        cases[4].thresholds.minVolumeMm3 = 0;
        cases[5] = {"large_difference_80_below_floor", {}};
        cases[5].thresholds.largeDifferenceHu = 80;
        nlohmann::json out;
        out["candidates"] = difference->candidates().voxels().size();
        out["candidate_floor_hu"] = difference->candidates().floorHu();
        out["voxels"] = ct.volume->geometry().voxelCount();
        double worstCached = 0.0;
        for (const Case& c : cases) {
            std::vector<double> ms;
            std::size_t regions = 0;
            for (int r = 0; r < repeats; ++r) {
                const auto start = std::chrono::steady_clock::now();
                regions = extractRegions(*difference, c.thresholds).size();
                ms.push_back(std::chrono::duration<double, std::milli>(
                                 std::chrono::steady_clock::now() - start)
                                 .count());
            }
            std::sort(ms.begin(), ms.end());
            out["cases"][c.name] = {
                {"median_ms", ms[ms.size() / 2]}, {"max_ms", ms.back()}, {"regions", regions}};
            if (c.thresholds.smallestDifferenceHu() >= difference->candidates().floorHu()) {
                worstCached = std::max(worstCached, ms[ms.size() / 2]);
            }
        }
        out["worst_median_ms_within_floor"] = worstCached;
        std::cout << out.dump(2) << "\n";
    } catch (const std::exception& e) {
        std::cerr << "analysis_threshold_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
