#include <catch2/catch.hpp>

#include "core/pacs/QueryMatching.h"

namespace crosscheck {

TEST_CASE("wildcards match as in a C-FIND, ignoring case", "[pacs]") {
    CHECK(matchesWildcard("", "anything"));
    CHECK(matchesWildcard("PHANTOM^CROSS*", "PHANTOM^CROSSCHECK"));
    CHECK(matchesWildcard("phantom*", "PHANTOM^CROSSCHECK"));
    CHECK(matchesWildcard("*CHECK", "PHANTOM^CROSSCHECK"));
    CHECK(matchesWildcard("P?ANTOM*", "PHANTOM^X"));
    CHECK(matchesWildcard("*A*B*", "xxAyyBzz"));
    CHECK_FALSE(matchesWildcard("DOE*", "PHANTOM^CROSSCHECK"));
    CHECK_FALSE(matchesWildcard("PHANTOM", "PHANTOM^CROSSCHECK"));
    CHECK_FALSE(matchesWildcard("?", ""));
}

TEST_CASE("study dates match single dates and open or closed ranges, ends included", "[pacs]") {
    CHECK(matchesDateRange("", ""));
    CHECK(matchesDateRange("20250102", "20250102"));
    CHECK_FALSE(matchesDateRange("20250102", "20250103"));
    CHECK(matchesDateRange("20250101-20251231", "20250101"));
    CHECK(matchesDateRange("20250101-20251231", "20251231"));
    CHECK_FALSE(matchesDateRange("20250101-20251231", "20260101"));
    CHECK(matchesDateRange("-20251231", "19990101"));
    CHECK(matchesDateRange("20250101-", "20300101"));
    CHECK_FALSE(matchesDateRange("20250101-", "20241231"));
    CHECK_FALSE(matchesDateRange("20250101-", ""));
}

TEST_CASE("a study matches when every given key does, the modality among its series", "[pacs]") {
    PacsMatch study;
    study.patientName = "DOE^JANE";
    study.patientId = "P001";
    study.studyDate = "20250314";
    study.studyInstanceUid = "1.2.3";
    PacsQuery query;
    query.patientName = "DOE*";
    query.studyDate = "20250101-20250331";
    query.modality = "MR";
    CHECK(studyMatches(query, study, {"CT", "MR"}));
    CHECK_FALSE(studyMatches(query, study, {"CT"}));
    query.patientId = "P002";
    CHECK_FALSE(studyMatches(query, study, {"CT", "MR"}));
    query.patientId = "P00?";
    query.studyInstanceUid = "1.2.4";
    CHECK_FALSE(studyMatches(query, study, {"MR"}));
}

}  // namespace crosscheck
