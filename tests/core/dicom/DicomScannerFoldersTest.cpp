// Folders that cannot be used are named with the reason, and the rest is still scanned:
// an empty folder, a subfolder without read permission. Root reads every folder, so as
// root the scan runs in a child process that has dropped to the "nobody" user.
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/dicom/DicomScanner.h"
#include "tests/core/phantom/PhantomTestSupport.h"

using namespace crosscheck;
using crosscheck::test::TempDir;
namespace fs = std::filesystem;

namespace {

const fs::path kCtSmall = "/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm";

std::string describeScan(const ScanResult& scan) {
    std::ostringstream out;
    out << "series " << scan.series.size() << "\n";
    for (const ScanProblem& p : scan.problems) {
        out << p.file << "\t" << p.reason << "\n";
    }
    return out.str();
}

/// "file\treason" lines of the scan's problems and the number of series, from a process
/// that cannot read what a plain user cannot (a child as "nobody" when we are root).
std::string scanAsUnprivileged(const fs::path& folder) {
    if (::geteuid() != 0) {
        return describeScan(scanPaths({folder}));
    }
    const passwd* nobody = ::getpwnam("nobody");
    REQUIRE(nobody != nullptr);
    int pipeFds[2];
    REQUIRE(::pipe(pipeFds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(pipeFds[0]);
        if (::setgid(nobody->pw_gid) != 0 || ::setuid(nobody->pw_uid) != 0) {
            ::_exit(3);
        }
        const std::string text = describeScan(scanPaths({folder}));
        const ssize_t written = ::write(pipeFds[1], text.data(), text.size());
        ::_exit(written == static_cast<ssize_t>(text.size()) ? 0 : 4);
    }
    ::close(pipeFds[1]);
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0;) {
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(pipeFds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    return text;
}

}  // namespace

TEST_CASE("an unreadable subfolder is named with the reason and its siblings are still scanned",
          "[dicom]") {
    TempDir dir;
    const fs::path top = dir.path() / "study";
    fs::create_directories(top / "readable");
    fs::create_directories(top / "locked");
    fs::copy_file(kCtSmall, top / "readable" / "ct.dcm");
    fs::copy_file(kCtSmall, top / "locked" / "ct.dcm");
    // Everyone may enter the tree, nobody may list "locked".
    fs::permissions(dir.path(), fs::perms::all);
    fs::permissions(top, fs::perms::all);
    fs::permissions(top / "readable", fs::perms::all);
    fs::permissions(top / "readable" / "ct.dcm",
                    fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(top / "locked", fs::perms::none);
    const std::string result = scanAsUnprivileged(top);
    fs::permissions(top / "locked", fs::perms::owner_all);  // so the temp folder can go
    CHECK_THAT(result, Catch::Contains("series 1"));
    CHECK_THAT(result, Catch::Contains((top / "locked").string() +
                                       "\tcannot read folder: Permission denied"));
}

TEST_CASE("an empty folder is named as such instead of scanning to nothing in silence", "[dicom]") {
    TempDir dir;
    fs::create_directories(dir.path() / "empty");
    const ScanResult scan = scanPaths({dir.path() / "empty"});
    CHECK(scan.series.empty());
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].file == (dir.path() / "empty").string());
    CHECK(scan.problems[0].reason == "no files found in this folder");
}
