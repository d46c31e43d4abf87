#include <catch2/catch.hpp>
#include <fstream>

#include "core/pacs/RetrievedFiles.h"
#include "core/phantom/PhantomStudy.h"
#include "core/phantom/PhantomWriter.h"
#include "tests/core/TestSupport.h"

namespace crosscheck {

namespace fs = std::filesystem;

TEST_CASE("a received instance gets its final name only when completed; the rest is removed",
          "[pacs]") {
    test::TempFolder dir("crosscheck-pacs-test");
    PhantomOptions options;
    options.size = PhantomSize::Small;
    writePhantomStudy(dir.path() / "study", generatePhantomStudy(options));
    fs::path original;
    for (const auto& e : fs::directory_iterator(dir.path() / "study" / "CT")) {
        original = e.path();
        break;
    }
    const fs::path out = dir.path() / "out";
    std::string kept;
    {
        RetrievedFiles files(out);
        const std::string temp = files.begin("1.2.3");
        CHECK(fs::path(temp).parent_path() == out);
        CHECK(fs::path(temp).filename().string().front() == '.');
        fs::copy_file(original, temp);
        kept = files.complete(temp, "1.2.3");
        CHECK(fs::path(kept).filename() == "1.2.3.dcm");
        CHECK(fs::file_size(kept) == fs::file_size(original));
        CHECK(files.count() == 1);
        CHECK(files.bytes() == static_cast<long long>(fs::file_size(original)));

        const std::string half = files.begin("1.2.4");  // a transfer that breaks off
        std::ofstream(half) << "DICM?";
        CHECK_THROWS(files.complete(half, "1.2.4"));  // not a readable header
        CHECK_FALSE(fs::exists(half));
        const std::string abandoned = files.begin("1.2.5");
        std::ofstream(abandoned) << "partial";
    }  // the abandoned temporary file goes with the object
    std::vector<std::string> left;
    for (const auto& e : fs::recursive_directory_iterator(out)) {
        if (e.is_regular_file()) {
            left.push_back(e.path().string());
        }
    }
    CHECK(left == std::vector<std::string>{kept});
    CHECK(uidFileName("1.2/../3") == "1.2_.._3");
}

}  // namespace crosscheck
