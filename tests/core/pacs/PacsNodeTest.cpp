#include <catch2/catch.hpp>
#include <stdexcept>

#include "core/pacs/PacsNode.h"
#include "core/pacs/PacsQuery.h"

namespace crosscheck {

TEST_CASE("a node is read from AET@HOST:PORT and named the same way", "[pacs]") {
    const PacsNode node = parsePacsNode("ORTHANC@pacs.example.org:4242");
    CHECK(node.aeTitle == "ORTHANC");
    CHECK(node.host == "pacs.example.org");
    CHECK(node.port == 4242);
    CHECK(node.callingAeTitle == "CROSSCHECK");
    CHECK(node.address() == "ORTHANC@pacs.example.org:4242");
    CHECK(parsePacsNode("A@[::1]:104").host == "[::1]");
}

TEST_CASE("malformed nodes and AE titles are refused with the reason", "[pacs]") {
    CHECK_THROWS_WITH(parsePacsNode("pacs.example.org:104"), Catch::Contains("AET@HOST:PORT"));
    CHECK_THROWS_WITH(parsePacsNode("A@host:0"), Catch::Contains("1..65535"));
    CHECK_THROWS_WITH(parsePacsNode("A@host:70000"), Catch::Contains("1..65535"));
    CHECK_THROWS_WITH(parsePacsNode("A@host:12x"), Catch::Contains("1..65535"));
    CHECK_THROWS_WITH(parsePacsNode("A@:104"), Catch::Contains("no host"));
    CHECK_THROWS_WITH(parsePacsNode("SEVENTEEN_CHARS_X@h:104"), Catch::Contains("1 to 16"));
    CHECK_THROWS_WITH(checkAeTitle("A\\B", "x"), Catch::Contains("backslash"));
    CHECK_THROWS_WITH(checkAeTitle("   ", "x"), Catch::Contains("backslash"));
    CHECK_NOTHROW(checkAeTitle("CROSSCHECK", "x"));
}

TEST_CASE("study dates and ranges are checked; study keys need study or series level", "[pacs]") {
    PacsQuery q;
    for (const char* ok : {"20250102", "20240101-20251231", "-20251231", "20240101-"}) {
        q.studyDate = ok;
        CHECK_NOTHROW(checkQuery(q));
    }
    for (const char* bad : {"2025", "20251301", "20250132", "2024-2025", "-", "20240101--"}) {
        q.studyDate = bad;
        CHECK_THROWS_AS(checkQuery(q), std::invalid_argument);
    }
    PacsQuery patient;
    patient.level = QueryLevel::Patient;
    patient.patientName = "DOE^*";
    CHECK_NOTHROW(checkQuery(patient));
    patient.modality = "CT";
    CHECK_THROWS_WITH(checkQuery(patient), Catch::Contains("--level study or series"));
    CHECK(queryLevelFromString("series") == QueryLevel::Series);
    CHECK_FALSE(queryLevelFromString("image"));
}

}  // namespace crosscheck
