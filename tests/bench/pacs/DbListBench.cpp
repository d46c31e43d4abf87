// Study database listing benchmark (issue 18): a database of SERIES synthetic series (the
// core tests' syntheticSeries, INSTANCES each, 10 series a patient) is filled once, then
// opened and StudyDatabase::listSeries() timed: the first call, then REPEATS more. Prints
// one JSON document: fill, open and list times in ms (list: first, median and best of the
// repeats). Goal: list <= 50 ms for 10,000.
// Usage: db_list_bench DB_FILE [SERIES] [INSTANCES] [REPEATS]
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/db/StudyDatabase.h"
#include "tests/core/db/SyntheticSeries.h"

using namespace crosscheck;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: db_list_bench DB_FILE [SERIES] [INSTANCES] [REPEATS]\n";
        return 2;
    }
    const std::filesystem::path file = argv[1];
    const int count = argc > 2 ? std::max(1, std::atoi(argv[2])) : 10000;
    const int instances = argc > 3 ? std::max(1, std::atoi(argv[3])) : 100;
    const int repeats = argc > 4 ? std::max(1, std::atoi(argv[4])) : 7;
    try {
        double fillMs = 0.0;
        if (!std::filesystem::exists(file)) {
            const auto start = Clock::now();
            StudyDatabase db(file);
            db.addSeries(test::syntheticSeries(count, instances, std::max(1, count / 10), "bench"));
            fillMs = msSince(start);
        }
        const auto openStart = Clock::now();
        StudyDatabase db(file);
        const double openMs = msSince(openStart);
        // The first call in a fresh process pays for SQLite's page cache and the first
        // touch of the process's heap; the later ones are what a running browser sees.
        auto start = Clock::now();
        std::size_t listed = db.listSeries().size();
        const double firstMs = msSince(start);
        std::vector<double> times;
        for (int r = 0; r < repeats; ++r) {
            start = Clock::now();
            listed = db.listSeries().size();
            times.push_back(msSince(start));
        }
        std::sort(times.begin(), times.end());
        nlohmann::json out{{"series", listed},
                           {"instances_each", instances},
                           {"fill_ms", fillMs},
                           {"open_ms", openMs},
                           {"list_ms_first", firstMs},
                           {"list_ms_median", times[times.size() / 2]},
                           {"list_ms_best", times.front()},
                           {"goal_ms", 50}};
        std::cout << out.dump() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "db_list_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
