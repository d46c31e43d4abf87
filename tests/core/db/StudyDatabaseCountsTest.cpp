// The per-series counts the listing reads (schema 3: kept by triggers) against a count of
// the instances themselves, after imports, duplicates, files going and coming back, and a
// removal.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <tuple>

#include "core/db/StudyDatabase.h"
#include "tests/core/TestSupport.h"
#include "tests/core/db/SyntheticSeries.h"

namespace crosscheck {

namespace fs = std::filesystem;

namespace {

using Counts = std::map<std::string, std::tuple<int, long long, int>>;

/// Instances, bytes and missing instances of each series, counted from the instances table.
Counts countedFromInstances(const fs::path& file) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &raw) == SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw,
                               "SELECT se.series_instance_uid, count(*), sum(i.size_bytes), "
                               "sum(i.missing) FROM instances i JOIN series se ON i.series_ref = "
                               "se.id GROUP BY se.id",
                               -1, &q, nullptr) == SQLITE_OK);
    Counts out;
    while (sqlite3_step(q) == SQLITE_ROW) {
        out[reinterpret_cast<const char*>(sqlite3_column_text(q, 0))] = {
            sqlite3_column_int(q, 1), sqlite3_column_int64(q, 2), sqlite3_column_int(q, 3)};
    }
    sqlite3_finalize(q);
    sqlite3_close(raw);
    return out;
}

Counts listed(const StudyDatabase& db) {
    Counts out;
    for (const IndexedSeries& s : db.listSeries()) {
        out[s.seriesInstanceUid] = {s.instances, s.bytes, s.missing};
    }
    return out;
}

}  // namespace

TEST_CASE("listed counts equal the instances counted after imports, checks and removals", "[db]") {
    test::TempFolder dir("crosscheck-db-test");
    const fs::path file = dir.path() / "studies.sqlite";
    const fs::path files = dir.path() / "files";
    auto series = test::syntheticSeries(6, 5, 3, "counts", files.string());
    for (const SeriesInfo& s : series) {
        for (const SliceRef& r : s.slices) {
            fs::create_directories(fs::path(r.file).parent_path());
            std::ofstream(r.file) << std::string(1000, 'x');
        }
    }
    StudyDatabase db(file);
    db.addSeries(series);
    db.addSeries(series);  // duplicates: ignored
    CHECK(listed(db) == countedFromInstances(file));
    CHECK(std::get<0>(listed(db).at(series[0].seriesInstanceUid)) == 5);

    fs::remove(series[1].slices[0].file);
    fs::remove(series[1].slices[1].file);
    db.checkFiles();
    CHECK(std::get<2>(listed(db).at(series[1].seriesInstanceUid)) == 2);
    CHECK(listed(db) == countedFromInstances(file));
    std::ofstream(series[1].slices[0].file) << std::string(1000, 'x');  // one comes back
    db.checkFiles();
    CHECK(std::get<2>(listed(db).at(series[1].seriesInstanceUid)) == 1);
    CHECK(listed(db) == countedFromInstances(file));

    CHECK(db.removeStudy(series[0].studyInstanceUid) == 10);  // series 0 and 3
    CHECK(listed(db).size() == 4);
    CHECK(listed(db) == countedFromInstances(file));
}

}  // namespace crosscheck
