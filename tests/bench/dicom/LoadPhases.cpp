// Times the phases of a DICOM load inside one process, best of N runs (warm cache):
// scan (headers), load (pixels into the volume), summary (min/max/mean + sha256).
// Usage: dicom_load_phases FOLDER [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "core/dicom/VoxelSummary.h"

using namespace crosscheck;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: dicom_load_phases FOLDER [RUNS]\n";
        return 2;
    }
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    double scanBest = 1e9, loadBest = 1e9, summaryBest = 1e9;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = Clock::now();
        const ScanResult scan = scanPaths({argv[1]});
        const auto t1 = Clock::now();
        const LoadedSeries loaded = loadSeries(scan.series.at(0));
        const auto t2 = Clock::now();
        const VoxelSummary summary = summarizeVoxels(*loaded.volume);
        const auto t3 = Clock::now();
        scanBest = std::min(scanBest, std::chrono::duration<double>(t1 - t0).count());
        loadBest = std::min(loadBest, std::chrono::duration<double>(t2 - t1).count());
        summaryBest = std::min(summaryBest, std::chrono::duration<double>(t3 - t2).count());
    }
    std::cout << "scan " << scanBest << " s, load " << loadBest << " s, summary " << summaryBest
              << " s\n";
    return 0;
}
