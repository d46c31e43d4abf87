#include <catch2/catch.hpp>

#include "core/geometry/OrientationLabel.h"
#include "core/geometry/ViewPlane.h"

using namespace crosscheck;

TEST_CASE("standard views follow the radiological display conventions", "[geometry]") {
    const auto axial = ViewPlane::standard(ViewOrientation::Axial);
    // Seen from the feet: patient left (+x) on the screen's right, anterior (-y) up,
    // and the viewer stands inferior (-z).
    REQUIRE(axial.right == Eigen::Vector3d(1, 0, 0));
    REQUIRE(axial.up == Eigen::Vector3d(0, -1, 0));
    REQUIRE(axial.normal == Eigen::Vector3d(0, 0, -1));
    const auto coronal = ViewPlane::standard(ViewOrientation::Coronal);
    REQUIRE(coronal.up == Eigen::Vector3d(0, 0, 1));
    REQUIRE(coronal.normal == Eigen::Vector3d(0, -1, 0));  // viewer in front (anterior)
    const auto sagittal = ViewPlane::standard(ViewOrientation::Sagittal);
    REQUIRE(sagittal.right == Eigen::Vector3d(0, 1, 0));  // anterior on the left
    REQUIRE(sagittal.up == Eigen::Vector3d(0, 0, 1));
}

TEST_CASE("plane coordinates map to the plane through the cursor", "[geometry]") {
    const auto axial = ViewPlane::standard(ViewOrientation::Axial);
    const Eigen::Matrix4d m = axial.planeToPatient(PatientPoint{{3, 4, 5}});
    const Eigen::Vector3d p = (m * Eigen::Vector4d(2, 7, 0, 1)).head<3>();
    REQUIRE((p - Eigen::Vector3d(2, -7, 5)).norm() < 1e-12);
}

TEST_CASE("orientation letters name the dominant patient directions", "[geometry]") {
    REQUIRE(orientationLabel({1, 0, 0}) == "L");
    REQUIRE(orientationLabel({-1, 0, 0}) == "R");
    REQUIRE(orientationLabel({0, -1, 0}) == "A");
    REQUIRE(orientationLabel({0, 0, -1}) == "I");
    REQUIRE(orientationLabel({0.9, -0.4, 0}) == "LA");
    REQUIRE(orientationLabel({0.05, 0, 1}) == "S");  // within 10 degrees of superior
}

TEST_CASE("the projected bounds of a grid cover its outer voxel faces", "[geometry]") {
    // 10 x 20 x 5 voxels of 1 x 2 x 3 mm starting at (0, 0, 0): faces at -0.5..9.5 mm in x,
    // -1..39 mm in y. Axial: right = +x, up = -y.
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m(0, 0) = 1;
    m(1, 1) = 2;
    m(2, 2) = 3;
    const VolumeGeometry grid({10, 20, 5}, m);
    const auto [lo, hi] = ViewPlane::standard(ViewOrientation::Axial)
                              .projectedBounds(grid, Eigen::Matrix4d::Identity());
    REQUIRE(lo.x() == Approx(-0.5));
    REQUIRE(hi.x() == Approx(9.5));
    REQUIRE(lo.y() == Approx(-39.0));
    REQUIRE(hi.y() == Approx(1.0));
}
