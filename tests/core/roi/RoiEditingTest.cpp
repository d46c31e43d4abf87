#include <catch2/catch.hpp>
#include <cmath>

#include "core/roi/BrushPainting.h"
#include "core/roi/RoiEditing.h"

using namespace crosscheck;

namespace {

bool near(const Eigen::Vector3d& a, const Eigen::Vector3d& b, double tol = 1e-9) {
    return (a - b).norm() <= tol;
}

/// 1 x 1 x 2 mm voxels, 40 x 40 x 10, voxel (i, j, k) at (i, j, 2k) mm.
VolumeGeometry grid() {
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m(2, 2) = 2.0;
    return VolumeGeometry({40, 40, 10}, m);
}

}  // namespace

TEST_CASE("an ellipse handle sets that radius and leaves the centre", "[roi][editing]") {
    const Roi e =
        Roi::ellipse("f", {10, 20, 30}, Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(), {5, 3});
    const auto handles = roiHandles(e);
    REQUIRE(handles.size() == 4);
    CHECK(near(handles[0], {15, 20, 30}));
    CHECK(near(handles[3], {10, 17, 30}));
    // Dragged off the plane and off the axis: only the distance along u counts.
    const Roi wider = withHandleMoved(e, 1, {2, 25, 40});
    CHECK(wider.radiiMm[0] == Approx(8.0));
    CHECK(wider.radiiMm[1] == Approx(3.0));
    CHECK(near(wider.centerMm, e.centerMm));
    // Never below the minimum.
    CHECK(withHandleMoved(e, 2, {10, 20, 30}).radiiMm[1] == Approx(0.5));
}

TEST_CASE("a rectangle corner moves while the opposite corner stays", "[roi][editing]") {
    const Roi r =
        Roi::rectangle("f", {0, 0, 5}, Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(), {10, 6});
    // Corner 2 is (+u, +v) = (5, 3); the fixed one (-5, -3).
    const Roi bigger = withHandleMoved(r, 2, {9, 7, 5});
    CHECK(bigger.sizeMm[0] == Approx(14.0));
    CHECK(bigger.sizeMm[1] == Approx(10.0));
    CHECK(near(bigger.centerMm, {2, 2, 5}));
    CHECK(near(roiHandles(bigger)[0], {-5, -3, 5}));
    // Dragged past the fixed corner: the rectangle keeps the minimum size, no flip.
    const Roi collapsed = withHandleMoved(r, 2, {-20, -20, 5});
    CHECK(collapsed.sizeMm[0] == Approx(0.5));
    CHECK(near(roiHandles(collapsed)[0], {-5, -3, 5}));
}

TEST_CASE("a bidirectional's short axis follows its long axis", "[roi][editing]") {
    // Long axis (0,0)-(20,0); short axis through x = 5 from y = -3 to y = 4.
    const Roi b = Roi::bidirectional("f", {0, 0, 0}, {20, 0, 0}, {5, -3, 0}, {5, 4, 0});
    // Turn the long axis to point along +y (end moved to (0, 20)).
    const Roi turned = withHandleMoved(b, 1, {0, 20, 0});
    CHECK(near(turned.pointsMm[1], {0, 20, 0}));
    // Same fraction (1/4) along the axis, same distances across, still perpendicular.
    const Eigen::Vector3d foot(0, 5, 0);
    CHECK((turned.pointsMm[2] - foot).norm() == Approx(3.0));
    CHECK((turned.pointsMm[3] - foot).norm() == Approx(4.0));
    CHECK(std::abs((turned.pointsMm[3] - turned.pointsMm[2]).dot(Eigen::Vector3d::UnitY())) < 1e-9);
    // A short-axis end slides across only.
    const Roi longer = withHandleMoved(b, 3, {7, 9, 0});
    CHECK(near(longer.pointsMm[3], {5, 9, 0}));
    CHECK(near(longer.pointsMm[2], {5, -3, 0}));
}

TEST_CASE("moving an ROI moves every point, a brush mask's grid included", "[roi][editing]") {
    const Roi poly = Roi::polygon("f", {{0, 0, 1}, {4, 0, 1}, {4, 4, 1}});
    const Roi moved = translatedRoi(poly, {1, 2, 3});
    CHECK(near(moved.pointsMm[2], {5, 6, 4}));
    CHECK(moved.frameOfReferenceUid == "f");

    auto mask = std::make_shared<BrushMask>(grid());
    mask->paintSphere({10, 10, 4}, 1.0, 1);
    const Roi brush = Roi::brush("f", mask);
    const Roi movedBrush = translatedRoi(brush, {3, 0, 0});
    CHECK(movedBrush.mask->labelAt({13, 10, 4}) == 1);
    CHECK(movedBrush.mask->labelAt({10, 10, 4}) == 0);
    CHECK(roiHandles(brush).empty());
}

TEST_CASE("a brush disc paints one slice, the eraser clears it", "[roi][brush]") {
    BrushMask mask(grid());
    // Disc of radius 3 mm in the axial plane z = 4 (slice k = 2), half a slice thick.
    const int painted = paintDisc(mask, {20, 20, 4}, Eigen::Vector3d::UnitZ(), 3.0, 1.0, 1);
    // Voxel centres with (i-20)^2 + (j-20)^2 <= 9: 29 lattice points, all on k = 2.
    CHECK(painted == 29);
    CHECK(mask.labelledCount() == 29);
    CHECK(mask.at(20, 20, 2) == 1);
    CHECK(mask.at(20, 20, 1) == 0);
    CHECK(mask.at(23, 20, 2) == 1);
    CHECK(mask.at(23, 21, 2) == 0);
    CHECK(paintDisc(mask, {20, 20, 4}, Eigen::Vector3d::UnitZ(), 1.0, 1.0, 0) == 5);
    CHECK(mask.labelledCount() == 24);
}

TEST_CASE("a brush mask starts on a crop of the series grid and grows", "[roi][brush]") {
    const VolumeGeometry series = grid();
    BrushMask mask = brushMaskAround(series, {20, 20, 10}, 2.0, 4);
    // Reach 2 mm / spacing + 1 voxel, plus 4: i, j in 20 +- 7, k in 5 +- 6 clipped to 0..9.
    CHECK(mask.geometry.dims() == Eigen::Vector3i(15, 15, 10));
    CHECK(near(mask.geometry.toPatient(VoxelIndex{Eigen::Vector3d(0, 0, 0)}).mm, {13, 13, 0}));
    paintDisc(mask, {20, 20, 10}, Eigen::Vector3d::UnitZ(), 2.0, 1.0, 1);
    const std::size_t before = mask.labelledCount();

    // Fits already: the same grid.
    CHECK(withRoomFor(mask, {21, 21, 10}, 2.0, 4).geometry.dims() == mask.geometry.dims());
    // A stroke at x = 40 (beyond the crop and beyond the series): the grid grows along +i only.
    const BrushMask grown = withRoomFor(mask, {40, 20, 10}, 2.0, 4);
    CHECK(grown.geometry.dims()[1] == 15);
    // Stroke reach 2 mm + 1 voxel + 4 margin: up to x = 47, from x = 13.
    CHECK(grown.geometry.dims()[0] == 47 - 13 + 1);
    CHECK(grown.labelledCount() == before);
    CHECK(grown.labelAt({20, 20, 10}) == 1);
    CHECK(grown.labelAt({22, 20, 10}) == 1);
    CHECK(grown.labelAt({23, 20, 10}) == 0);
}
