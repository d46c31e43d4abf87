#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "core/phantom/DemoStudy.h"
#include "tests/core/phantom/PhantomTestSupport.h"

using namespace crosscheck;

namespace {
/// Points XDG_CACHE_HOME at a folder for the scope of the test, then restores it.
class CacheHome {
public:
    explicit CacheHome(const std::filesystem::path& dir) {
        if (const char* old = std::getenv("XDG_CACHE_HOME")) {
            m_old = old;
            m_hadOld = true;
        }
        ::setenv("XDG_CACHE_HOME", dir.c_str(), 1);
    }
    ~CacheHome() {
        if (m_hadOld) {
            ::setenv("XDG_CACHE_HOME", m_old.c_str(), 1);
        } else {
            ::unsetenv("XDG_CACHE_HOME");
        }
    }

private:
    std::string m_old;
    bool m_hadOld = false;
};
}  // namespace

TEST_CASE("the cached study is generated once, renamed into place, and replaces a half-written one",
          "[phantom]") {
    crosscheck::test::TempDir dir;
    CacheHome cache(dir.path());
    PhantomOptions options;
    options.size = PhantomSize::Small;
    const auto expected = dir.path() / "crosscheck" / "study-test";
    // A folder left by an interrupted run (no ground_truth.json) must not be taken as done.
    std::filesystem::create_directories(expected / "CT");
    std::ofstream(expected / "CT" / "partial.dcm") << "x";

    const auto first = ensureCachedPhantomStudy(options, "study-test");
    CHECK(first == expected);
    CHECK(std::filesystem::exists(first / "ground_truth.json"));
    CHECK_FALSE(std::filesystem::exists(first / "CT" / "partial.dcm"));
    const auto stamp = std::filesystem::last_write_time(first / "ground_truth.json");

    const auto second = ensureCachedPhantomStudy(options, "study-test");
    CHECK(second == first);
    CHECK(std::filesystem::last_write_time(second / "ground_truth.json") == stamp);
    int entries = 0;
    for ([[maybe_unused]] const auto& e :
         std::filesystem::directory_iterator(dir.path() / "crosscheck")) {
        ++entries;  // no temporary sibling left behind
    }
    CHECK(entries == 1);
}
