#include <catch2/catch.hpp>

#include "core/geometry/VolumeGeometry.h"

using namespace crosscheck;

namespace {
void requireNear(const Eigen::Vector3d& a, const Eigen::Vector3d& b, double tol = 1e-9) {
    INFO("got " << a.transpose() << ", expected " << b.transpose());
    REQUIRE((a - b).norm() < tol);
}
}  // namespace

TEST_CASE("index-to-patient affine of a sagittal series matches a hand calculation", "[geometry]") {
    // IOP: rows run along +y (posterior), columns along -z (inferior); PixelSpacing is
    // 0.5 mm between rows and 0.8 mm between columns; slices step 1.2 mm to the left.
    const auto g = VolumeGeometry::fromDicom({64, 48, 20}, {0, 1, 0}, {0, 0, -1}, {0.5, 0.8},
                                             {10, -100, 50}, {1.2, 0, 0});
    // (i=2, j=3, k=4): 10 + 4*1.2, -100 + 2*0.8, 50 - 3*0.5
    requireNear(g.toPatient(VoxelIndex{{2, 3, 4}}).mm, {14.8, -98.4, 48.5});
    requireNear(g.toIndex(PatientPoint{{14.8, -98.4, 48.5}}).ijk, {2, 3, 4});
    requireNear(g.spacingMm(), {0.8, 0.5, 1.2});
    REQUIRE(g.orientation() == SliceOrientation::Sagittal);
    REQUIRE_FALSE(g.isSheared());
    REQUIRE(g.voxelCount() == 64u * 48u * 20u);
}

TEST_CASE("a gantry-tilted axial stack keeps its shear and is reported as sheared", "[geometry]") {
    // 2 mm table steps with a 15 degree tilt move each slice 2*tan(15deg) mm in y as well.
    const double dy = 2.0 * std::tan(15.0 * 3.14159265358979323846 / 180.0);
    const auto g = VolumeGeometry::fromDicom({10, 10, 10}, {1, 0, 0}, {0, 1, 0}, {0.7, 0.7},
                                             {0, 0, 0}, {0, dy, 2.0});
    REQUIRE(g.isSheared());
    REQUIRE(g.orientation() == SliceOrientation::Axial);
    requireNear(g.toPatient(VoxelIndex{{0, 0, 3}}).mm, {0, 3 * dy, 6.0});
    REQUIRE(g.spacingMm()[2] == Approx(std::hypot(2.0, dy)));
    // The slice normal stays the image normal, not the step direction.
    requireNear(g.sliceNormal(), {0, 0, 1});
}

TEST_CASE("an oblique series is labelled oblique, a 5 degree one keeps its name", "[geometry]") {
    const double a30 = 30.0 * 3.14159265358979323846 / 180.0;
    const auto oblique =
        VolumeGeometry::fromDicom({4, 4, 4}, {1, 0, 0}, {0, std::cos(a30), std::sin(a30)}, {1, 1},
                                  {0, 0, 0}, {0, -std::sin(a30), std::cos(a30)});
    REQUIRE(oblique.orientation() == SliceOrientation::Oblique);
    const double a5 = 5.0 * 3.14159265358979323846 / 180.0;
    const auto nearlyAxial =
        VolumeGeometry::fromDicom({4, 4, 4}, {1, 0, 0}, {0, std::cos(a5), std::sin(a5)}, {1, 1},
                                  {0, 0, 0}, {0, -std::sin(a5), std::cos(a5)});
    REQUIRE(nearlyAxial.orientation() == SliceOrientation::Axial);
}

TEST_CASE("the centre of the grid is the mean of the outer voxel centres", "[geometry]") {
    const auto g = VolumeGeometry::fromDicom({11, 21, 5}, {1, 0, 0}, {0, 1, 0}, {2.0, 1.0},
                                             {-5, -20, 100}, {0, 0, 3});
    requireNear(g.center().mm, {0, 0, 106});
    REQUIRE(g.contains(VoxelIndex{{-0.5, 0, 0}}));
    REQUIRE_FALSE(g.contains(VoxelIndex{{-0.51, 0, 0}}));
}
