// Opening an indexed study from the database's file list (core/db/IndexedStudyLoading.h):
// only the listed files are read, and the voxels are those of a folder load.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>

#include "core/db/IndexedStudyLoading.h"
#include "core/phantom/PhantomWriter.h"
#include "tests/core/TestSupport.h"

namespace crosscheck {

namespace fs = std::filesystem;

namespace {

/// Two small phantom patients side by side in one folder (P001, P002).
std::vector<PhantomGroundTruth> writeTwoPatients(const fs::path& dir) {
    PhantomOptions options;
    options.size = PhantomSize::Small;
    options.seed = 5;
    options.patients = 2;
    return writePhantomStudy(dir, options);
}

bool sameVoxels(const Volume& a, const Volume& b) {
    return a.byteCount() == b.byteCount() && std::memcmp(a.data(), b.data(), a.byteCount()) == 0;
}

}  // namespace

TEST_CASE("an indexed study opens from its listed files only, with a folder load's voxels",
          "[db]") {
    test::TempFolder dir("crosscheck-indexed-study");
    const fs::path folder = dir.path() / "studies";
    const std::vector<PhantomGroundTruth> truths = writeTwoPatients(folder);
    StudyDatabase db(dir.path() / "studies.sqlite");
    db.importPaths({folder});
    // A broken file written after the import, in the first patient's CT folder.
    const fs::path stray = folder / "P001" / "CT" / "broken.dcm";
    std::ofstream(stray) << std::string(128, '\0') << "DICM" << std::string(40, '\x7f');

    const Study fromFolder = loadStudy({folder / "P001"});
    const std::string studyUid = fromFolder.series.front().info.studyInstanceUid;
    const Study indexed = loadIndexedStudy(db, studyUid);

    CHECK(std::any_of(fromFolder.problems.begin(), fromFolder.problems.end(),
                      [&](const ScanProblem& p) { return p.file == stray.string(); }));
    CHECK(indexed.problems.empty());
    REQUIRE(indexed.series.size() == fromFolder.series.size());
    CHECK(indexed.series.size() == 4);
    CHECK(indexed.referenceFrameUid == fromFolder.referenceFrameUid);
    for (const LoadedSeries& s : indexed.series) {
        INFO(s.info.seriesInstanceUid);
        CHECK(s.info.studyInstanceUid == studyUid);  // nothing of the other patient
        const LoadedSeries* same = fromFolder.findByUid(s.info.seriesInstanceUid);
        REQUIRE(same != nullptr);
        CHECK(s.info.files.size() == same->info.files.size());
        CHECK(sameVoxels(*s.volume, *same->volume));
    }
}

TEST_CASE("opening a study the database does not index names the database", "[db]") {
    test::TempFolder dir("crosscheck-indexed-study");
    StudyDatabase db(dir.path() / "studies.sqlite");
    CHECK_THROWS_WITH(loadIndexedStudy(db, "1.2.3.4"),
                      Catch::Contains("studies.sqlite") && Catch::Contains("no study 1.2.3.4"));
}

}  // namespace crosscheck
