// The thick slab in session files: saved and read back, absent in older files (thin
// slices), and a bad one refused with the key named.
#include <catch2/catch.hpp>

#include "core/session/SessionDocument.h"

using namespace crosscheck;

TEST_CASE("a session's thick slab is saved and read back", "[session]") {
    SessionDocument d;
    d.slab = SessionSlab{SlabMode::Min, 35.0};
    const nlohmann::json j = toJson(d);
    CHECK(j["slab"]["mode"] == "minip");
    CHECK(j["slab"]["thickness_mm"] == 35.0);
    const SessionDocument back = sessionFromJson(j, "s.json");
    REQUIRE(back.slab.has_value());
    CHECK(back.slab->mode == SlabMode::Min);
    CHECK(back.slab->thicknessMm == 35.0);
    CHECK(back == d);
}

TEST_CASE("a session without a slab has none and writes none", "[session]") {
    const SessionDocument d;
    const nlohmann::json j = toJson(d);
    CHECK_FALSE(j.contains("slab"));
    // A version 1 file of before the slab existed.
    const auto old = nlohmann::json::parse(R"({"format": "crosscheck-session", "version": 1})");
    CHECK_FALSE(sessionFromJson(old, "old.json").slab.has_value());
}

TEST_CASE("a bad slab in a session is refused naming the key", "[session]") {
    auto errorOf = [](const std::string& slab) -> std::string {
        const auto j = nlohmann::json::parse(
            R"({"format": "crosscheck-session", "version": 2, "slab": )" + slab + "}");
        try {
            sessionFromJson(j, "bad.json");
        } catch (const SessionFormatError& e) {
            return e.what();
        }
        return {};
    };
    CHECK_THAT(errorOf(R"({"mode": "maximum", "thickness_mm": 20})"),
               Catch::Contains("bad.json slab") && Catch::Contains("\"mode\""));
    CHECK_THAT(errorOf(R"({"mode": "mip", "thickness_mm": -5})"), Catch::Contains("thickness_mm"));
    CHECK_THAT(errorOf(R"({"mode": "mip"})"), Catch::Contains("thickness_mm"));
    CHECK(errorOf(R"({"mode": "thin", "thickness_mm": 20})").empty());
}
