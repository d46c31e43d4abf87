#include <catch2/catch.hpp>

#include "core/session/AnnotationHistory.h"

using namespace crosscheck;

namespace {

Annotation ellipseAt(double x, const std::string& label = "") {
    return {"", label, Roi::ellipse("f", {x, 0, 0}, {1, 0, 0}, {0, 1, 0}, {5, 4})};
}

}  // namespace

TEST_CASE("undo and redo walk back and forth through each state of the annotations", "[session]") {
    AnnotationHistory h;
    std::vector<std::vector<Annotation>> states{h.annotations()};
    const std::string a = h.add(ellipseAt(0, "tumour"));
    states.push_back(h.annotations());
    const std::string b = h.add({"", "canal", Roi::ruler("f", {0, 0, 0}, {0, 20, 0})});
    states.push_back(h.annotations());
    CHECK(a != b);
    Annotation moved = *h.find(a);
    moved.roi.centerMm.x() = 12.5;
    CHECK(h.modify(moved));
    states.push_back(h.annotations());
    CHECK(h.remove(b));
    states.push_back(h.annotations());
    CHECK(h.annotations().size() == 1);
    CHECK(h.undoText() == "Remove ruler");

    for (std::size_t s = states.size() - 1; s > 0; --s) {
        REQUIRE(h.undo());
        CHECK(h.annotations() == states[s - 1]);
    }
    CHECK_FALSE(h.undo());
    for (std::size_t s = 1; s < states.size(); ++s) {
        REQUIRE(h.redo());
        CHECK(h.annotations() == states[s]);
    }
    CHECK_FALSE(h.redo());

    SECTION("a new edit after undo drops the redo branch") {
        h.undo();
        h.undo();
        h.add(ellipseAt(3));
        CHECK_FALSE(h.canRedo());
        h.undo();
        CHECK(h.annotations() == states[2]);
    }
}

TEST_CASE("a drag is one undo step", "[session]") {
    AnnotationHistory h;
    const std::string id = h.add(ellipseAt(0));
    const auto beforeDrag = h.annotations();
    const std::uint64_t drag = h.beginMerge();
    Annotation a = *h.find(id);
    for (int step = 1; step <= 25; ++step) {
        a.roi.centerMm.x() = 0.5 * step;
        h.modify(a, drag);
    }
    CHECK(h.find(id)->roi.centerMm.x() == 12.5);
    const auto afterDrag = h.annotations();
    // A second drag is its own step.
    const std::uint64_t drag2 = h.beginMerge();
    a.roi.radiiMm = {8, 6};
    h.modify(a, drag2);
    a.roi.radiiMm = {9, 7};
    h.modify(a, drag2);
    REQUIRE(h.undo());
    CHECK(h.annotations() == afterDrag);
    REQUIRE(h.undo());
    CHECK(h.annotations() == beforeDrag);
    REQUIRE(h.undo());
    CHECK(h.annotations().empty());
    CHECK_FALSE(h.canUndo());
}

TEST_CASE("a stroke that creates its ROI and then grows it is one undoable add", "[session]") {
    AnnotationHistory h;
    const std::string kept = h.add(ellipseAt(-20));
    const std::uint64_t stroke = h.beginMerge();
    const std::string id = h.add(ellipseAt(0, "brush"), stroke);
    Annotation a = *h.find(id);
    for (int step = 1; step <= 10; ++step) {
        a.roi.radiiMm = {5.0 + step, 4.0 + step};
        REQUIRE(h.modify(a, stroke));
    }
    CHECK(h.undoText() == "Add ellipse");
    const auto grown = h.annotations();
    REQUIRE(h.undo());
    REQUIRE(h.annotations().size() == 1);
    CHECK(h.annotations().front().id == kept);
    REQUIRE(h.redo());
    CHECK(h.annotations() == grown);  // redo brings the grown ROI, not its first dab
    // Another key after it is a step of its own.
    a.roi.radiiMm = {1, 1};
    h.modify(a, h.beginMerge());
    REQUIRE(h.undo());
    CHECK(h.annotations() == grown);
}

TEST_CASE("listeners hear every change; the saved state is tracked", "[session]") {
    AnnotationHistory h;
    std::vector<std::pair<AnnotationChange::Kind, std::string>> heard;
    const int listener =
        h.addListener([&](const AnnotationChange& c) { heard.emplace_back(c.kind, c.id); });
    CHECK_FALSE(h.isModified());
    const std::string id = h.add(ellipseAt(1));
    CHECK(h.isModified());
    h.markSaved();
    CHECK_FALSE(h.isModified());
    h.remove(id);
    CHECK(h.isModified());
    h.undo();
    CHECK_FALSE(h.isModified());
    h.undo();
    using K = AnnotationChange::Kind;
    CHECK(heard == std::vector<std::pair<K, std::string>>{
                       {K::Added, id}, {K::Removed, id}, {K::Added, id}, {K::Removed, id}});
    h.removeListener(listener);
    h.redo();
    CHECK(heard.size() == 4);
    h.reset({ellipseAt(7)});
    CHECK_FALSE(h.canUndo());
    CHECK_FALSE(h.isModified());
    CHECK_FALSE(h.remove("no-such-id"));
    CHECK_FALSE(h.canUndo());
}

TEST_CASE("a listener told of an undo or redo already sees the state after it", "[session]") {
    AnnotationHistory h;
    const std::string id = h.add(ellipseAt(1));
    h.markSaved();
    h.remove(id);
    // What a window title shows: read while the change is announced.
    std::vector<bool> modifiedWhenHeard;
    h.addListener([&](const AnnotationChange&) { modifiedWhenHeard.push_back(h.isModified()); });
    h.undo();  // back to the saved state
    h.redo();  // away from it again
    CHECK(modifiedWhenHeard == std::vector<bool>{false, true});
    CHECK(h.isModified());
}

TEST_CASE("an imported group of structures is one undo step, undone and redone whole",
          "[session]") {
    AnnotationHistory h;
    const std::string drawn = h.add(ellipseAt(0, "drawn"));
    std::vector<Annotation> structures{ellipseAt(10, "liver"), ellipseAt(20, "spleen"),
                                       ellipseAt(30, "kidney")};
    structures[1].id = drawn;  // an id in use gets a fresh one
    const auto before = h.annotations();
    const std::vector<std::string> ids = h.addGroup(structures, "Import 3 structures");
    REQUIRE(ids.size() == 3);
    CHECK(ids[1] != drawn);
    REQUIRE(h.annotations().size() == 4);
    CHECK(h.annotations()[1].label == "liver");
    CHECK(h.annotations()[3].label == "kidney");
    CHECK(h.find(ids[2])->label == "kidney");
    const auto after = h.annotations();
    CHECK(h.undoText() == "Import 3 structures");

    int removed = 0;
    h.addListener([&](const AnnotationChange& c) {
        removed += c.kind == AnnotationChange::Kind::Removed ? 1 : 0;
    });
    REQUIRE(h.undo());
    CHECK(h.annotations() == before);  // all three gone, the drawn ROI kept
    CHECK(removed == 3);
    CHECK(h.redoText() == "Import 3 structures");
    REQUIRE(h.redo());
    CHECK(h.annotations() == after);
    REQUIRE(h.undo());
    REQUIRE(h.undo());
    CHECK(h.annotations().empty());
    CHECK_FALSE(h.undo());

    CHECK(h.addGroup({}, "Import 0 structures").empty());
    CHECK_FALSE(h.canUndo());  // nothing recorded: the redo branch is still there
    CHECK(h.canRedo());
}
