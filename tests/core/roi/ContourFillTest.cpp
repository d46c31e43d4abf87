#include <catch2/catch.hpp>
#include <set>

#include "core/roi/ContourFill.h"
#include "core/roi/SegGrid.h"

using namespace crosscheck;

namespace {

PixelPolygon square(double lo, double hi) {
    return {{lo, lo}, {hi, lo}, {hi, hi}, {lo, hi}};
}

}  // namespace

TEST_CASE("a closed contour takes the pixels whose centres lie inside it", "[roi][import]") {
    // Centres 2..7 lie strictly inside [1.5, 7.5]: 6 x 6 pixels.
    const auto inside = fillEvenOdd({square(1.5, 7.5)}, 20, 20);
    CHECK(inside.size() == 36);
    std::set<std::pair<int, int>> set;
    for (const auto& p : inside) {
        set.insert({p.x(), p.y()});
    }
    CHECK(set.count({2, 2}) == 1);
    CHECK(set.count({7, 7}) == 1);
    CHECK(set.count({1, 2}) == 0);
    CHECK(set.count({8, 7}) == 0);
}

TEST_CASE("a contour inside another is a hole by the even-odd rule", "[roi][import]") {
    // 10 x 10 outer minus 4 x 4 hole = 84 pixels.
    const auto ring = fillEvenOdd({square(-0.5, 9.5), square(2.5, 6.5)}, 20, 20);
    CHECK(ring.size() == 100 - 16);
    // Two overlapping contours cancel where they overlap.
    const auto overlap = fillEvenOdd({square(-0.5, 5.5), square(2.5, 8.5)}, 20, 20);
    CHECK(overlap.size() == 36 + 36 - 2 * 9);
}

TEST_CASE("a contour is clipped to the image", "[roi][import]") {
    CHECK(fillEvenOdd({square(-10.5, 2.5)}, 5, 5).size() == 9);
}

TEST_CASE("a figure-eight contour is found to cross itself, a square is not", "[roi][import]") {
    CHECK_FALSE(selfIntersects(square(0.0, 4.0)));
    CHECK(selfIntersects({{0, 0}, {4, 4}, {4, 0}, {0, 4}}));
    // A repeated point is no crossing.
    CHECK_FALSE(selfIntersects({{0, 0}, {4, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}));
}

TEST_CASE("segmentation frames in any order lie on one grid of slices", "[roi][import]") {
    std::vector<SegFrameGeometry> frames;
    for (int k : {4, 0, 2, 7, 2}) {  // a gap at 1, 3, 5, 6 and a repeated slice (two segments)
        SegFrameGeometry f;
        f.positionMm = Eigen::Vector3d(-10.0, 20.0, 5.0 + 1.25 * k);
        f.pixelSpacingRowCol = Eigen::Vector2d(0.5, 0.7);
        frames.push_back(f);
    }
    std::string problem;
    const auto grid = segGrid(frames, 16, 8, &problem);
    INFO(problem);
    REQUIRE(grid);
    CHECK(grid->sliceOfFrame == std::vector<int>{4, 0, 2, 7, 2});
    CHECK(grid->geometry.dims() == Eigen::Vector3i(16, 8, 8));
    CHECK(grid->geometry.spacingMm().isApprox(Eigen::Vector3d(0.7, 0.5, 1.25)));
    CHECK(grid->geometry.toPatient(VoxelIndex{Eigen::Vector3d(0, 0, 7)})
              .mm.isApprox(Eigen::Vector3d(-10.0, 20.0, 5.0 + 1.25 * 7)));

    // Spacing Between Slices given: the same grid.
    for (auto& f : frames) {
        f.spacingBetweenSlicesMm = 1.25;
    }
    REQUIRE(segGrid(frames, 16, 8));
    CHECK(segGrid(frames, 16, 8)->sliceOfFrame == std::vector<int>{4, 0, 2, 7, 2});

    frames[1].positionMm.z() += 0.4;  // off the grid
    CHECK_FALSE(segGrid(frames, 16, 8, &problem));
    CHECK(problem.find("regular grid") != std::string::npos);
}
