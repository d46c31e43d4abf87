#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <map>

#include "core/db/StudyDatabase.h"
#include "tests/core/TestSupport.h"
#include "tests/core/db/SyntheticSeries.h"

namespace crosscheck {

namespace {

/// In a child process: imports `first` (one transaction), tells the parent through `ready`
/// once it is committed, then imports `second` (one large series: one long transaction)
/// until the parent kills it. Never returns.
[[noreturn]] void importUntilKilled(const std::filesystem::path& file,
                                    const std::vector<SeriesInfo>& first,
                                    const std::vector<SeriesInfo>& second, int ready) {
    try {
        StudyDatabase db(file);
        db.addSeries(first);
        const char byte = 1;
        if (::write(ready, &byte, 1) != 1) {
            ::_exit(3);
        }
        db.addSeries(second);
        db.addSeries(second);  // keeps writing if the parent is slow to kill
    } catch (...) {
        ::_exit(2);
    }
    ::_exit(0);
}

}  // namespace

TEST_CASE(
    "an import killed with SIGKILL leaves a database that opens, is consistent and "
    "holds whole series only; importing again finishes it",
    "[db]") {
    test::TempFolder dir("crosscheck-db-crash");
    const auto file = dir.path() / "studies.sqlite";
    const auto first = test::syntheticSeries(20, 100, 4, "first");
    const auto second = test::syntheticSeries(1, 200000, 1, "second");
    int pipeFds[2];
    REQUIRE(::pipe(pipeFds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(pipeFds[0]);
        importUntilKilled(file, first, second, pipeFds[1]);
    }
    ::close(pipeFds[1]);
    char byte = 0;
    REQUIRE(::read(pipeFds[0], &byte, 1) == 1);  // the first import is committed
    ::kill(child, SIGKILL);                      // mid-way through the large series
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(pipeFds[0]);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);

    StudyDatabase db(file);
    CHECK(db.integrityCheck() == "ok");
    std::map<std::string, int> counts;
    for (const IndexedSeries& s : db.listSeries()) {
        counts[s.seriesInstanceUid] = s.instances;
    }
    for (const SeriesInfo& s : first) {
        CHECK(counts[s.seriesInstanceUid] == 100);
    }
    const auto large = counts.find(second[0].seriesInstanceUid);
    // All or nothing: the transaction of the large series either committed or left no trace.
    CHECK((large == counts.end() || large->second == 200000));

    db.addSeries(first);
    db.addSeries(second);
    int total = 0;
    for (const IndexedSeries& s : db.listSeries()) {
        total += s.instances;
    }
    CHECK(total == 20 * 100 + 200000);
    CHECK(db.integrityCheck() == "ok");
}

}  // namespace crosscheck
