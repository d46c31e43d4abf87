// Several named local registrations of one frame pair: which one the panes and the ROI
// measurements use (the user's pick, or the one nearest the cursor / the ROI), the badge
// that says so, and sessions that keep them all.
#include <catch2/catch.hpp>

#include "core/geometry/RigidTransform.h"
#include "core/registration/FrameTransforms.h"
#include "core/registration/TransformSelection.h"
#include "core/session/SessionDocument.h"

using namespace crosscheck;

namespace {

// MR frame -> CT frame (the reference): a global fit and two levels' own fits, told apart
// by their translations.
const Eigen::Matrix4d kGlobal = rigidFromEuler(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(1, 0, 0));
const Eigen::Matrix4d kLevel1 = rigidFromEuler(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(2, 0, 0));
const Eigen::Matrix4d kLevel2 = rigidFromEuler(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(3, 0, 0));

FrameLink local(const Eigen::Matrix4d& m, const Eigen::Vector3d& centreCtMm, double radiusMm,
                const std::string& name = {}) {
    FrameLink l;
    l.fromFrame = "MR";
    l.toFrame = "CT";
    l.fromToTo = m;
    l.provenance.basis = TransformBasis::AutomaticMi;
    l.provenance.regionCentreMm = centreCtMm;
    l.provenance.regionRadiusMm = radiusMm;
    l.name = name;
    return l;
}

/// The x translation of the MR -> CT map the transforms give now: 1 global, 2 or 3 a level.
double usedShift(const FrameTransforms& t) {
    return (*t.transform("MR", "CT"))(0, 3);
}

TransformFocus cursorAt(double zMm) {
    return {"CT", Eigen::Vector3d(0, 0, zMm), "cursor"};
}

}  // namespace

TEST_CASE(
    "the nearest local registration is the one whose region holds the point, nearest "
    "centre first",
    "[registration]") {
    const std::vector<FrameLink> locals{local(kLevel1, {0, 0, 0}, 40),
                                        local(kLevel2, {0, 0, 60}, 40)};
    CHECK(nearestLocalRegistration(locals, cursorAt(0)) == 0);
    CHECK(nearestLocalRegistration(locals, cursorAt(29)) == 0);    // 29 mm vs 31 mm
    CHECK(nearestLocalRegistration(locals, cursorAt(31)) == 1);    // 31 mm vs 29 mm
    CHECK(nearestLocalRegistration(locals, cursorAt(99)) == 1);    // 39 mm from level 2
    CHECK(nearestLocalRegistration(locals, cursorAt(101)) == -1);  // outside both spheres
    CHECK(nearestLocalRegistration(locals, cursorAt(-41)) == -1);
    // A point in the MR frame is carried into the CT frame through each link first:
    // MR (0, 0, 99) -> CT (3, 0, 99) through level 2, 39.1 mm from its centre.
    CHECK(nearestLocalRegistration(locals, {"MR", Eigen::Vector3d(0, 0, 99), "cursor"}) == 1);
    CHECK(nearestLocalRegistration(locals, {"PET", Eigen::Vector3d(0, 0, 0), "cursor"}) == -1);
    CHECK(nearestLocalRegistration({}, cursorAt(0)) == -1);
}

TEST_CASE("a frame pair keeps several named local registrations and uses the picked one",
          "[registration]") {
    FrameTransforms t;
    t.set("MR", "CT", kGlobal, {TransformBasis::AutomaticMi});
    CHECK(t.addLocal(local(kLevel1, {0, 0, 0}, 40)) == "local 1");
    CHECK(t.addLocal(local(kLevel2, {0, 0, 60}, 40, "L3")) == "L3");
    CHECK(t.locals("CT", "MR").size() == 2);
    CHECK(t.links().size() == 1);     // the global one, as before
    CHECK(t.allLinks().size() == 3);  // what a session saves

    // Adding does not change what is used until it is picked.
    CHECK(usedShift(t) == Approx(1));
    t.pick("CT", "MR", TransformPick::named("L3"));
    CHECK(usedShift(t) == Approx(3));
    CHECK(t.badge("MR", "CT") == "registered locally at (0.0, 0.0, 60.0), radius 40 mm, \"L3\"");
    t.renameLocal("MR", "CT", "L3", "level 3");
    CHECK(t.pickOf("MR", "CT") == TransformPick::named("level 3"));
    CHECK(usedShift(t) == Approx(3));
    CHECK_THROWS_AS(t.renameLocal("MR", "CT", "level 3", "local 1"), std::invalid_argument);
    CHECK_THROWS_AS(t.pick("MR", "CT", TransformPick::named("nope")), std::invalid_argument);
    CHECK_THROWS_AS(t.addLocal(local(kLevel1, {0, 0, 0}, 40, "global")), std::invalid_argument);
    t.pick("MR", "CT", TransformPick::global());
    CHECK(usedShift(t) == Approx(1));
    CHECK(t.badge("MR", "CT") == "registered: automatic MI");
}

TEST_CASE("under a nearest pick the transform follows the cursor and the badge says so",
          "[registration]") {
    FrameTransforms t;
    t.set("MR", "CT", kGlobal, {TransformBasis::AutomaticMi});
    t.addLocal(local(kLevel1, {0, 0, 0}, 40));
    t.addLocal(local(kLevel2, {0, 0, 60}, 40));
    t.pick("MR", "CT", TransformPick::nearest());
    int calls = 0;
    t.addListener([&calls] { ++calls; });

    CHECK(t.setFocus(cursorAt(5)));
    CHECK(usedShift(t) == Approx(2));
    CHECK(t.badge("MR", "CT") ==
          "registered locally at (0.0, 0.0, 0.0), radius 40 mm, "
          "\"local 1\" (nearest to cursor)");
    CHECK_FALSE(t.setFocus(cursorAt(10)));  // still level 1: nobody is told
    CHECK(t.setFocus(cursorAt(55)));
    CHECK(usedShift(t) == Approx(3));
    CHECK(t.badge("CT", "MR") ==
          "registered locally at (0.0, 0.0, 60.0), radius 40 mm, "
          "\"local 2\" (nearest to cursor)");
    CHECK(t.setFocus(cursorAt(500)));  // outside every region: the global transform
    CHECK(usedShift(t) == Approx(1));
    CHECK(calls == 3);

    // An ROI at level 1 is measured through level 1 wherever the cursor is.
    const FrameTransforms atRoi = t.focusedAt({"CT", Eigen::Vector3d(0, 0, -3), "the ROI"});
    CHECK(usedShift(atRoi) == Approx(2));
    CHECK(atRoi.badge("MR", "CT").find("(nearest to the ROI)") != std::string::npos);
    CHECK(usedShift(t) == Approx(1));

    // A hand correction moves the link in use, not the others.
    t.setFocus(cursorAt(60));
    t.nudge("MR", "CT", rigidFromEuler(Eigen::Vector3d::Zero(), Eigen::Vector3d(0.5, 0, 0)));
    CHECK(usedShift(t) == Approx(3.5));
    t.setFocus(cursorAt(0));
    CHECK(usedShift(t) == Approx(2));
}

TEST_CASE("a pair with only local registrations uses one of them", "[registration]") {
    FrameTransforms t;
    t.addLocal(local(kLevel1, {0, 0, 0}, 40));
    t.addLocal(local(kLevel2, {0, 0, 60}, 40));
    CHECK(usedShift(t) == Approx(2));  // the first, with no global transform to fall back to
    t.pick("MR", "CT", TransformPick::nearest());
    t.setFocus(cursorAt(60));
    CHECK(usedShift(t) == Approx(3));
    CHECK(t.remove("CT", "MR"));
    CHECK_FALSE(t.transform("MR", "CT"));
    CHECK(t.picks().empty());
}

TEST_CASE(
    "a session keeps every local registration, its name and the pick; version 1 files "
    "still open",
    "[session]") {
    FrameTransforms t;
    t.set("MR", "CT", kGlobal, {TransformBasis::AutomaticMi});
    t.addLocal(local(kLevel1, {0, 0, 0}, 40));
    t.addLocal(local(kLevel2, {0, 0, 60}, 40, "L3"));
    t.pick("MR", "CT", TransformPick::nearest());

    SessionDocument d;
    d.referenceFrameUid = "CT";
    d.transforms = t.allLinks();
    d.transformPicks = t.picks();
    const nlohmann::json j = toJson(d);
    CHECK(j["version"] == 2);
    CHECK(j["transforms"][1]["name"] == "local 1");
    CHECK(j["transforms"][2]["provenance"]["region"]["radius_mm"] == 40.0);
    CHECK(j["transform_picks"][0]["pick"] == "nearest");
    const SessionDocument back = sessionFromJson(j, "test.crosscheck.json");
    CHECK(back == d);
    CHECK(back.transforms[2].name == "L3");

    nlohmann::json named = j;
    named["transform_picks"][0] = {{"frame_uids", {"MR", "CT"}}, {"pick", "named"}, {"name", "L3"}};
    CHECK(sessionFromJson(named, "s").transformPicks[0].pick == TransformPick::named("L3"));
    named["transform_picks"][0]["pick"] = "closest";
    CHECK_THROWS_WITH(sessionFromJson(named, "s"),
                      Catch::Contains("transform_picks[0]") && Catch::Contains("pick"));

    // A version 1 file: one global transform per pair, no names, no picks.
    nlohmann::json old = j;
    old["version"] = 1;
    old.erase("transform_picks");
    old["transforms"] = nlohmann::json::array({j["transforms"][0]});
    const SessionDocument v1 = sessionFromJson(old, "old.crosscheck.json");
    REQUIRE(v1.transforms.size() == 1);
    CHECK(v1.transforms[0].name.empty());
    CHECK(v1.transformPicks.empty());
}
