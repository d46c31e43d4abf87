#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>

#include "core/db/StudyDatabase.h"
#include "core/phantom/PhantomStudy.h"
#include "core/phantom/PhantomWriter.h"
#include "tests/core/TestSupport.h"
#include "tests/core/db/SyntheticSeries.h"

namespace crosscheck {

namespace fs = std::filesystem;

TEST_CASE("10,000 synthetic series are indexed once and listed with their patient and role",
          "[db]") {
    test::TempFolder dir("crosscheck-db-test");
    StudyDatabase db(dir.path() / "studies.sqlite");
    const auto series = test::syntheticSeries(10000, 1, 100, "list");
    const ImportSummary added = db.addSeries(series);
    CHECK(added.seriesAdded == 10000);
    CHECK(added.instancesAdded == 10000);
    CHECK(added.duplicates == 0);

    const std::vector<IndexedSeries> listed = db.listSeries();
    REQUIRE(listed.size() == 10000);
    std::map<std::string, const IndexedSeries*> byUid;
    for (const IndexedSeries& s : listed) {
        byUid[s.seriesInstanceUid] = &s;
    }
    CHECK(byUid.size() == 10000);
    const IndexedSeries& s = *byUid.at("1.2.826.0.1.3680043.10.1.list.4321");
    CHECK(s.patientId == "P21");  // 4321 % 100
    CHECK(s.patientName == "SYNTHETIC^PATIENT21");
    CHECK(s.role == "T1w");
    CHECK(s.modality == "MR");
    CHECK(s.instances == 1);
    CHECK(s.bytes == 1000);
    CHECK(db.seriesFiles(s.seriesInstanceUid) ==
          std::vector<std::string>{"/nonexistent/4321/0.dcm"});
}

TEST_CASE("importing the same series twice adds nothing: duplicates by SOPInstanceUID", "[db]") {
    test::TempFolder dir("crosscheck-db-test");
    const fs::path file = dir.path() / "studies.sqlite";
    const auto series = test::syntheticSeries(50, 20, 5, "twice");
    {
        StudyDatabase db(file);
        CHECK(db.addSeries(series).instancesAdded == 1000);
    }
    StudyDatabase db(file);  // re-opened: the index is read back, no file is touched
    const ImportSummary again = db.addSeries(series);
    CHECK(again.seriesAdded == 0);
    CHECK(again.instancesAdded == 0);
    CHECK(again.duplicates == 1000);
    // The same instances under another path (a second copy of the files) add nothing either.
    const ImportSummary copy = db.addSeries(test::syntheticSeries(50, 20, 5, "twice", "/copy"));
    CHECK(copy.instancesAdded == 0);
    const auto listed = db.listSeries();
    CHECK(listed.size() == 50);
    for (const IndexedSeries& s : listed) {
        CHECK(s.instances == 20);
    }
}

TEST_CASE("the phantom's folders are imported with the scanner's roles and real file sizes",
          "[db]") {
    test::TempFolder dir("crosscheck-db-test");
    PhantomOptions options;
    options.size = PhantomSize::Small;
    writePhantomStudy(dir.path() / "study", generatePhantomStudy(options));
    StudyDatabase db(dir.path() / "studies.sqlite");
    const ImportSummary summary = db.importPaths({dir.path() / "study"});
    CHECK(summary.seriesAdded == 4);
    std::map<std::string, int> instancesByRole;
    long long bytes = 0;
    for (const IndexedSeries& s : db.listSeries()) {
        instancesByRole[s.role] = s.instances;
        bytes += s.bytes;
    }
    std::map<std::string, int> filesByRole;
    long long onDisk = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir.path() / "study")) {
        if (entry.path().extension() == ".dcm") {
            ++filesByRole[entry.path().parent_path().filename().string()];
            onDisk += static_cast<long long>(entry.file_size());
        }
    }
    CHECK(instancesByRole == filesByRole);  // folders are named after the roles
    CHECK(bytes == onDisk);
    CHECK(db.importPaths({dir.path() / "study"}).instancesAdded == 0);
}

TEST_CASE("files that vanished or changed are reported and marked missing", "[db]") {
    test::TempFolder dir("crosscheck-db-test");
    const fs::path files = dir.path() / "files";
    auto series = test::syntheticSeries(1, 3, 1, "gone", files.string());
    fs::create_directories(files / "0");
    for (SliceRef& r : series[0].slices) {
        std::ofstream(r.file) << std::string(1000, 'x');
    }
    StudyDatabase db(dir.path() / "studies.sqlite");
    db.addSeries(series);
    CHECK(db.checkFiles().empty());
    fs::remove(series[0].slices[0].file);
    std::ofstream(series[0].slices[2].file) << "short";
    const std::vector<VanishedFile> vanished = db.checkFiles();
    REQUIRE(vanished.size() == 2);
    CHECK(vanished[0].file == series[0].slices[0].file);
    CHECK(vanished[0].reason == "no longer on disk");
    CHECK(vanished[1].file == series[0].slices[2].file);
    CHECK(vanished[1].reason.rfind("changed size", 0) == 0);
    CHECK(vanished[0].seriesInstanceUid == series[0].seriesInstanceUid);
    CHECK(db.listSeries().at(0).missing == 2);
}

TEST_CASE("removing a study removes its series and instances from the index only", "[db]") {
    test::TempFolder dir("crosscheck-db-test");
    StudyDatabase db(dir.path() / "studies.sqlite");
    db.addSeries(test::syntheticSeries(10, 2, 2, "rm"));  // two studies of 5 series
    CHECK(db.removeStudy("1.2.826.0.1.3680043.10.2.rm.0") == 10);
    CHECK(db.listSeries().size() == 5);
    CHECK(db.removeStudy("1.2.826.0.1.3680043.10.2.rm.0") == 0);
}

TEST_CASE("a version-1 database is migrated to the current schema keeping its rows", "[db]") {
    test::TempFolder dir("crosscheck-db-test");
    const fs::path file = dir.path() / "old.sqlite";
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &raw) == SQLITE_OK);
    // The version-1 schema as the first release wrote it, with one indexed instance.
    const char* v1 = R"SQL(
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (1);
CREATE TABLE patients (id INTEGER PRIMARY KEY, patient_id TEXT NOT NULL,
  patient_name TEXT NOT NULL, UNIQUE (patient_id, patient_name));
CREATE TABLE studies (id INTEGER PRIMARY KEY, study_instance_uid TEXT NOT NULL UNIQUE,
  patient_ref INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  study_date TEXT NOT NULL DEFAULT '', study_description TEXT NOT NULL DEFAULT '');
CREATE TABLE series (id INTEGER PRIMARY KEY, series_instance_uid TEXT NOT NULL UNIQUE,
  study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  modality TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT 'other', series_number INTEGER NOT NULL DEFAULT 0);
CREATE TABLE instances (id INTEGER PRIMARY KEY, sop_instance_uid TEXT NOT NULL UNIQUE,
  series_ref INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  path TEXT NOT NULL, size_bytes INTEGER NOT NULL);
INSERT INTO patients VALUES (1, 'OLD1', 'OLD^PATIENT');
INSERT INTO studies VALUES (1, '1.2.3', 1, '20200101', 'old study');
INSERT INTO series VALUES (1, '1.2.3.4', 1, 'CT', 'old series', 'CT', 2);
INSERT INTO instances VALUES (1, '1.2.3.4.5', 1, '/old/file.dcm', 512);
)SQL";
    REQUIRE(sqlite3_exec(raw, v1, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);

    StudyDatabase db(file);
    CHECK(db.schemaVersion() == 3);
    const auto listed = db.listSeries();
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].patientName == "OLD^PATIENT");
    CHECK(listed[0].role == "CT");
    CHECK(listed[0].instances == 1);  // counted by the version-3 step
    CHECK(listed[0].bytes == 512);
    CHECK(listed[0].missing == 0);
    CHECK(listed[0].frameOfReferenceUid.empty());
}

TEST_CASE("the default database follows XDG_DATA_HOME, else ~/.local/share", "[db]") {
    const char* oldXdg = std::getenv("XDG_DATA_HOME");
    const std::string savedXdg = oldXdg ? oldXdg : "";
    ::setenv("XDG_DATA_HOME", "/data/home", 1);
    CHECK(StudyDatabase::defaultLocation() == fs::path("/data/home/crosscheck/studies.sqlite"));
    ::unsetenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    if (home != nullptr) {
        CHECK(StudyDatabase::defaultLocation() ==
              fs::path(home) / ".local/share/crosscheck/studies.sqlite");
    }
    if (oldXdg != nullptr) {
        ::setenv("XDG_DATA_HOME", savedXdg.c_str(), 1);
    }
}

}  // namespace crosscheck
