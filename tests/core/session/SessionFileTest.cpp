#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>

#include "core/session/RecoveryLock.h"
#include "core/session/SessionFile.h"
#include "tests/core/phantom/PhantomTestSupport.h"

using namespace crosscheck;
using crosscheck::test::TempDir;

namespace {

SessionDocument sampleSession() {
    SessionDocument d;
    d.referenceFrameUid = "1.2.3.ct";
    d.series = {{"1.2.3.1", "1.2.3.ct", "/data/study/CT", SeriesRole::CT},
                {"1.2.3.2", "1.2.3.mr", "/data/study/T1w", SeriesRole::T1w},
                {"1.2.3.3", "1.2.3.mr", "/data/study/sCT", SeriesRole::sCT}};
    FrameLink link;
    link.fromFrame = "1.2.3.ct";
    link.toFrame = "1.2.3.mr";
    link.fromToTo << 0.9961946980917455, -0.08715574274765817, 0, 10.33, 0.08715574274765817,
        0.9961946980917455, 0, -16.81, 0, 0, 1, 22.52, 0, 0, 0, 1;
    link.provenance.basis = TransformBasis::AutomaticMi;
    link.provenance.metric = -0.4123;
    link.provenance.iterations = 87;
    link.provenance.adjustedByHand = true;
    link.provenance.regionCentreMm = Eigen::Vector3d(1.5, -20.25, 88.0);
    link.provenance.regionRadiusMm = 40.0;
    d.transforms.push_back(link);
    d.annotations.push_back(
        {"roi-1", "tumour",
         Roi::ellipse("1.2.3.ct", {1.1, -2.2, 3.3}, {1, 0, 0}, {0, 1, 0}, {9.75, 7.8})});
    d.annotations.push_back(
        {"roi-2", "canal width", Roi::ruler("1.2.3.mr", {0, 0, 0}, {0.1, 22.7, -3})});
    d.layout = "1x4";
    d.panes = {{"1.2.3.1", "axial"},
               {"1.2.3.2", "sagittal", 2},
               {"", "coronal"},
               {"1.2.3.3", "axial", 0, "3d"}};
    d.windows["CT"] = {40, 400};
    d.windows["T1w"] = {512.5, 1021.25};
    d.cursorMm = Eigen::Vector3d(0.5, -12.25, 37.0);
    return d;
}

/// The sample session with `extra` more annotations, so that saving it takes many writes.
SessionDocument sampleSessionWith(int extra) {
    SessionDocument d = sampleSession();
    for (int i = 0; i < extra; ++i) {
        d.annotations.push_back(
            {"extra-" + std::to_string(i), "", Roi::sphere("1.2.3.ct", {1.0 * i, 2, 3}, 4)});
    }
    return d;
}

std::string readAll(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("a saved session opens equal to what was saved", "[session]") {
    TempDir dir;
    const auto path = dir.path() / "case.crosscheck.json";
    const SessionDocument d = sampleSession();
    const FileStamp stamp = saveSession(d, path);
    const LoadedSession loaded = loadSession(path);
    CHECK(loaded.document == d);
    CHECK(loaded.stamp == stamp);
    CHECK_FALSE(changedOnDisk(path, loaded.stamp));
    const auto j = nlohmann::json::parse(readAll(path));
    CHECK(j["format"] == "crosscheck-session");
    CHECK(j["version"] == SessionDocument::kFormatVersion);
    CHECK(j["annotations"][0]["shape"] == "ellipse");
    CHECK(j["annotations"][0]["label"] == "tumour");

    SECTION("a different document is not equal") {
        SessionDocument other = d;
        other.annotations[0].roi.radiiMm.x() += 1e-9;
        CHECK(other != d);
    }
}

TEST_CASE("a session changed on disk since it was read is not overwritten without asking",
          "[session]") {
    TempDir dir;
    const auto path = dir.path() / "case.crosscheck.json";
    const FileStamp stamp = saveSession(sampleSession(), path);
    // Another program rewrites the file with the same size.
    std::string text = readAll(path);
    text[text.find("1x4")] = '2';
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    CHECK(changedOnDisk(path, stamp));
    CHECK_THROWS_AS(saveSession(sampleSession(), path, &stamp), SessionChangedOnDisk);
    CHECK(readAll(path) == text);
    // Once the user agreed, saving without the check replaces it.
    const FileStamp again = saveSession(sampleSession(), path);
    CHECK_FALSE(changedOnDisk(path, again));
    std::filesystem::remove(path);
    CHECK(changedOnDisk(path, again));
}

TEST_CASE("unreadable session files give errors naming the file and the reason", "[session]") {
    TempDir dir;
    const auto path = dir.path() / "bad.crosscheck.json";
    auto errorOf = [&](const std::string& text) -> std::string {
        std::ofstream(path, std::ios::trunc) << text;
        try {
            loadSession(path);
        } catch (const SessionFormatError& e) {
            return e.what();
        }
        return {};
    };
    CHECK_THAT(errorOf("{"), Catch::Contains(path.string()) && Catch::Contains("not valid JSON"));
    CHECK_THAT(errorOf(R"({"format": "crosscheck-session", "version": 99})"),
               Catch::Contains("newer Crosscheck"));
    CHECK_THAT(errorOf(R"({"format": "other", "version": 1})"), Catch::Contains("\"format\""));
    CHECK_THAT(errorOf(R"({"format": "crosscheck-session", "version": 1, "annotations":
        [{"id": "a", "shape": "ellipse", "frame_of_reference_uid": "1"}]})"),
               Catch::Contains("annotations[0]") && Catch::Contains("center_mm"));
    CHECK_THAT(errorOf(R"({"format": "crosscheck-session", "version": 1, "series":
        [{"series_instance_uid": "1", "role": "PET"}]})"),
               Catch::Contains("series[0]") && Catch::Contains("role"));
    CHECK_THAT(errorOf(R"({"format": "crosscheck-session", "version": 1, "panes":
        [{"series_instance_uid": "1", "orientation": "oblique"}]})"),
               Catch::Contains("panes[0]") && Catch::Contains("orientation"));
    CHECK_THAT(errorOf(R"({"format": "crosscheck-session", "version": 1, "panes":
        [{"series_instance_uid": "1", "orientation": "axial", "volume": -1}]})"),
               Catch::Contains("panes[0]") && Catch::Contains("volume"));
    CHECK_THAT(errorOf(R"({"format": "crosscheck-session", "version": 1, "panes":
        [{"series_instance_uid": "1", "orientation": "axial", "kind": "4d"}]})"),
               Catch::Contains("panes[0]") && Catch::Contains("kind"));
    CHECK_THROWS_WITH(loadSession(dir.path() / "none.crosscheck.json"),
                      Catch::Contains("none.crosscheck.json") && Catch::Contains("cannot open"));
}

TEST_CASE("a writer killed with SIGKILL mid-save leaves the previous file intact", "[session]") {
    TempDir dir;
    const auto path = dir.path() / "case.crosscheck.json";
    saveSession(sampleSession(), path);
    const std::string before = readAll(path);

    const SessionDocument big = sampleSessionWith(200);
    int pipeFd[2];
    REQUIRE(::pipe(pipeFd) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(pipeFd[0]);
        AtomicWriteOptions slow;
        slow.chunkBytes = 512;
        slow.afterChunk = [&](std::size_t) {
            const char c = 'w';
            (void)!::write(pipeFd[1], &c, 1);  // "half-way": the parent kills us now
            ::pause();
        };
        try {
            saveSession(big, path, nullptr, slow);
        } catch (...) {
        }
        ::_exit(0);
    }
    ::close(pipeFd[1]);
    char c = 0;
    REQUIRE(::read(pipeFd[0], &c, 1) == 1);
    ::close(pipeFd[0]);
    REQUIRE(::kill(child, SIGKILL) == 0);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
    CHECK(readAll(path) == before);
    CHECK(loadSession(path).document == sampleSession());
    // The killed writer's partial temporary file is beside it, never in its place.
    int temporaries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
        temporaries += e.path().filename().string().find(".tmp-") != std::string::npos;
    }
    CHECK(temporaries == 1);
}

TEST_CASE("the next save removes a killed writer's old temporary file, not a fresh one",
          "[session]") {
    TempDir dir;
    const auto path = dir.path() / "case.crosscheck.json";
    const auto stale = dir.path() / ".case.crosscheck.json.tmp-AbC123";
    const auto fresh = dir.path() / ".case.crosscheck.json.tmp-XyZ789";
    const auto other = dir.path() / ".other.crosscheck.json.tmp-AbC123";
    for (const auto& p : {stale, fresh, other}) {
        std::ofstream(p) << "{\"partial\": ";
    }
    const auto hourAgo = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
    std::filesystem::last_write_time(stale, hourAgo);
    std::filesystem::last_write_time(other, hourAgo);
    saveSession(sampleSession(), path);
    CHECK_FALSE(std::filesystem::exists(stale));
    CHECK(std::filesystem::exists(fresh));  // may belong to a writer running now
    CHECK(std::filesystem::exists(other));  // another file's
    CHECK(loadSession(path).document == sampleSession());
}

TEST_CASE("a full disk (RLIMIT_FSIZE) gives a clear error and leaves the previous file intact",
          "[session]") {
    TempDir dir;
    const auto path = dir.path() / "case.crosscheck.json";
    saveSession(sampleSession(), path);
    const std::string before = readAll(path);
    const SessionDocument big = sampleSessionWith(100);
    int pipeFd[2];
    REQUIRE(::pipe(pipeFd) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(pipeFd[0]);
        ::signal(SIGXFSZ, SIG_IGN);  // write() then fails with EFBIG instead of killing us
        rlimit limit{};
        limit.rlim_cur = limit.rlim_max = 1000;
        ::setrlimit(RLIMIT_FSIZE, &limit);
        int code = 0;
        std::string message;
        try {
            saveSession(big, path);
        } catch (const FileWriteError& e) {
            message = e.what();
            code = 3;
        } catch (...) {
            code = 4;
        }
        (void)!::write(pipeFd[1], message.data(), message.size());
        ::_exit(code);
    }
    ::close(pipeFd[1]);
    std::string message;
    char buffer[512];
    ssize_t n = 0;
    while ((n = ::read(pipeFd[0], buffer, sizeof buffer)) > 0) {
        message.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(pipeFd[0]);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 3);
    INFO(message);
    CHECK_THAT(message, Catch::Contains(path.string()) && Catch::Contains("File too large"));
    CHECK(readAll(path) == before);
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
        CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
    }
}

TEST_CASE("recovery files are named per session and found again, newest first", "[session]") {
    TempDir dir;
    const auto a =
        recoveryPathFor(std::filesystem::path("/data/a/case.crosscheck.json"), dir.path());
    const auto b =
        recoveryPathFor(std::filesystem::path("/data/b/case.crosscheck.json"), dir.path());
    const auto untitled = recoveryPathFor(std::nullopt, dir.path());
    CHECK(a != b);
    CHECK(a.parent_path() == dir.path());
    CHECK(a.filename().string().rfind("case-", 0) == 0);
    CHECK(untitled.filename().string().rfind("untitled-", 0) == 0);
    CHECK(findRecoveryFiles(dir.path()).empty());
    saveSession(sampleSession(), a);
    saveSession(sampleSession(), b);
    std::filesystem::last_write_time(a,
                                     std::filesystem::last_write_time(b) - std::chrono::hours(1));
    std::ofstream(dir.path() / "unrelated.json") << "{}";
    CHECK(findRecoveryFiles(dir.path()) == std::vector<std::filesystem::path>{b, a});
    CHECK(loadSession(findRecoveryFiles(dir.path()).front()).document == sampleSession());
}

TEST_CASE("a recovery file names the session it belongs to and that file's stamp", "[session]") {
    TempDir dir;
    const auto session = dir.path() / "case.crosscheck.json";
    const FileStamp stamp = saveSession(sampleSession(), session);
    REQUIRE(stamp.contentHash > (1ull << 53));  // not exact as a JSON double: kept as text
    const auto recovery = recoveryPathFor(session, dir.path());
    SessionDocument unsaved = sampleSession();
    unsaved.annotations.pop_back();
    saveRecovery(unsaved, RecoveryOrigin{session, stamp}, recovery);
    const LoadedSession loaded = loadSession(recovery);
    CHECK(loaded.document == unsaved);
    REQUIRE(loaded.recoveryOf.has_value());
    CHECK(loaded.recoveryOf->sessionPath == session);
    CHECK(loaded.recoveryOf->stamp == stamp);
    CHECK_FALSE(changedOnDisk(session, loaded.recoveryOf->stamp));
    // A plain session file, and an untitled session's recovery file, have no origin.
    CHECK_FALSE(loadSession(session).recoveryOf.has_value());
    saveRecovery(unsaved, std::nullopt, recovery);
    CHECK_FALSE(loadSession(recovery).recoveryOf.has_value());

    SECTION("a damaged origin costs only the origin: the work is read, a warning names why") {
        auto j = nlohmann::json::parse(readAll(session));
        j["recovery_of"] = {
            {"path", session.string()},
            {"stamp",
             {{"exists", true}, {"size_bytes", 10}, {"modified_ns", 5}, {"content_hash", "12zz"}}}};
        std::ofstream(recovery, std::ios::trunc) << j.dump();
        LoadedSession damaged = loadSession(recovery);
        CHECK(damaged.document == sampleSession());
        CHECK_FALSE(damaged.recoveryOf.has_value());
        REQUIRE(damaged.warnings.size() == 1);
        CHECK_THAT(damaged.warnings.front(), Catch::Contains(recovery.string()) &&
                                                 Catch::Contains("recovery_of") &&
                                                 Catch::Contains("content_hash"));
        j["recovery_of"] = {{"path", 3}};
        std::ofstream(recovery, std::ios::trunc) << j.dump();
        damaged = loadSession(recovery);
        CHECK_FALSE(damaged.recoveryOf.has_value());
        CHECK_THAT(damaged.warnings.at(0), Catch::Contains("recovery_of"));
    }
}

TEST_CASE("a recovery file a running process holds is not offered, and is once it is released",
          "[session]") {
    TempDir dir;
    const auto mine =
        recoveryPathFor(std::filesystem::path("/data/case.crosscheck.json"), dir.path());
    CHECK(mine.filename().string().find("-" + std::to_string(::getpid()) + ".recovery") !=
          std::string::npos);
    saveSession(sampleSession(), mine);
    {
        RecoveryLock lock(mine);
        REQUIRE(lock.held());
        CHECK(recoveryFileInUse(mine));
        CHECK(findRecoveryFiles(dir.path()).empty());
        // A second lock on the same file (as another process would try) is refused.
        CHECK_FALSE(RecoveryLock(mine).held());
    }
    CHECK_FALSE(recoveryFileInUse(mine));
    CHECK_FALSE(std::filesystem::exists(recoveryLockPath(mine)));
    CHECK(findRecoveryFiles(dir.path()) == std::vector<std::filesystem::path>{mine});
    // A crashed owner leaves its lock file behind, unlocked: the file is offered.
    std::ofstream(recoveryLockPath(mine)) << "";
    CHECK(findRecoveryFiles(dir.path()) == std::vector<std::filesystem::path>{mine});
}
