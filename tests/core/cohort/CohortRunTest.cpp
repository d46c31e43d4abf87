// The local cohort runner shared by `cohort run` and the GUI: every study ends as a result
// file (bad folders as failed rows), a rerun finds nothing pending, a cancelled run starts
// no patient, and each ended patient is reported once with the running count.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "core/cohort/CohortRun.h"
#include "core/cohort/StudyFolders.h"

using namespace crosscheck;
namespace fs = std::filesystem;

namespace {

/// Three study folders without any DICOM file: each patient fails at once ("no CT").
std::vector<fs::path> emptyStudies(const fs::path& root) {
    fs::remove_all(root);
    std::vector<fs::path> studies;
    for (const char* name : {"A", "B", "C"}) {
        fs::create_directories(root / "studies" / name);
        studies.push_back(root / "studies" / name);
    }
    return studies;
}

}  // namespace

TEST_CASE("a local run writes one result per study and a rerun has nothing pending", "[cohort]") {
    const fs::path root = fs::temp_directory_path() / "crosscheck-cohort-run";
    const std::vector<fs::path> studies = emptyStudies(root);
    CHECK(studyFolders({(root / "studies").string()}, root / "out") == studies);
    int skipped = -1;
    REQUIRE(pendingStudies(studies, root / "out", &skipped).size() == 3);
    CHECK(skipped == 0);
    std::set<std::string> reported;
    std::vector<int> ended;
    const CohortRunCounts counts = runCohortLocally(
        studies, root / "out", 2, {}, [&](const PatientResult& r, int n, int total) {
            reported.insert(r.patient);
            ended.push_back(n);
            CHECK(total == 3);
            CHECK_FALSE(r.done);
            CHECK_THAT(r.reason, Catch::Contains("no CT series"));
        });
    CHECK(counts.done == 0);
    CHECK(counts.failed == 3);
    CHECK_FALSE(counts.cancelled);
    CHECK(reported == std::set<std::string>{"A", "B", "C"});
    CHECK(ended == std::vector<int>{1, 2, 3});
    CHECK(pendingStudies(studies, root / "out", &skipped).empty());
    CHECK(skipped == 3);
}

TEST_CASE("a cancelled local run starts no further patient", "[cohort]") {
    const fs::path root = fs::temp_directory_path() / "crosscheck-cohort-cancel";
    const std::vector<fs::path> studies = emptyStudies(root);
    std::atomic<bool> cancel{true};
    Progress progress;
    progress.cancel = &cancel;
    const CohortRunCounts counts = runCohortLocally(studies, root / "out", 2, progress);
    CHECK(counts.cancelled);
    CHECK(counts.done + counts.failed == 0);
    CHECK(pendingStudies(studies, root / "out").size() == 3);
}
