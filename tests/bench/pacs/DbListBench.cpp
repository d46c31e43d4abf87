// Study database listing benchmark (issue 18): a database of SERIES synthetic series (the
// core tests' syntheticSeries, INSTANCES each, 10 series a patient) is filled once, then
// opened and StudyDatabase::listSeries() timed: the first call, then REPEATS more. Prints
// one JSON document: fill, open and list times in ms (list: first, median and best of the
// repeats). Goal: list <= 50 ms for 10,000.
// Usage: db_list_bench DB_FILE [SERIES] [INSTANCES] [REPEATS]
#include <sqlite3.h>

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

// The listing as schema 2 ran it (counts aggregated over every instance), for a
// before/after on the same file: best of `repeats` runs, rows stepped through as the old
// listSeries did.
double schema2ListMs(const std::filesystem::path& file, int repeats) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return -1.0;
    }
    const char* sql =
        "WITH counts AS (SELECT series_ref, count(*) AS n, sum(size_bytes) AS b, sum(missing) "
        "AS m FROM instances GROUP BY series_ref) SELECT p.patient_id, p.patient_name, "
        "st.study_instance_uid, st.study_date, st.study_description, se.series_instance_uid, "
        "se.modality, se.description, se.role, se.frame_of_reference_uid, se.series_number, "
        "coalesce(c.n, 0), coalesce(c.b, 0), coalesce(c.m, 0) FROM series se JOIN studies st ON "
        "se.study_ref = st.id JOIN patients p ON st.patient_ref = p.id LEFT JOIN counts c ON "
        "c.series_ref = se.id ORDER BY p.patient_name, st.study_date, st.study_instance_uid, "
        "se.series_number, se.series_instance_uid";
    double best = 1e30;
    for (int r = 0; r < repeats; ++r) {
        sqlite3_stmt* q = nullptr;
        const auto start = Clock::now();
        sqlite3_prepare_v2(db, sql, -1, &q, nullptr);
        std::size_t text = 0;
        while (sqlite3_step(q) == SQLITE_ROW) {
            for (int c = 0; c < 10; ++c) {
                text +=
                    std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, c))).size();
            }
        }
        sqlite3_finalize(q);
        best = std::min(best, msSince(start));
        if (text == 0) {
            best = -1.0;
        }
    }
    sqlite3_close(db);
    return best;
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
        const double before = schema2ListMs(file, 3);
        nlohmann::json out{{"series", listed},
                           {"instances_each", instances},
                           {"fill_ms", fillMs},
                           {"open_ms", openMs},
                           {"list_ms_first", firstMs},
                           {"list_ms_median", times[times.size() / 2]},
                           {"list_ms_best", times.front()},
                           {"schema2_query_ms_best", before},
                           {"goal_ms", 50}};
        std::cout << out.dump() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "db_list_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
