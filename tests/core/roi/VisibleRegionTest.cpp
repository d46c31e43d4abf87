// The rules of the visible extent on hand-made volumes (docs/measurements.md): what counts
// as the object an ROI was drawn around, and how its sizes are clipped to the ROI.
#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <memory>

#include "core/roi/RoiMeasurement.h"

using namespace crosscheck;

namespace {

const Eigen::Vector3d kX = Eigen::Vector3d::UnitX(), kY = Eigen::Vector3d::UnitY(),
                      kZ = Eigen::Vector3d::UnitZ();

/// A volume of 1 mm voxels (voxel (i, j, k) at (i, j, k) mm) holding value(x, y, z).
std::unique_ptr<Volume> volumeOf(const Eigen::Vector3i& dims,
                                 const std::function<double(int, int, int)>& value) {
    auto v = std::make_unique<Volume>(VolumeGeometry(dims, Eigen::Matrix4d::Identity()),
                                      VoxelType::Int16);
    std::int16_t* out = v->voxels<std::int16_t>();
    for (int k = 0; k < dims.z(); ++k) {
        for (int j = 0; j < dims.y(); ++j) {
            for (int i = 0; i < dims.x(); ++i) {
                *out++ = static_cast<std::int16_t>(value(i, j, k));
            }
        }
    }
    return v;
}

/// 400 HU inside the disk (radius r around (cx, cy)), 900 HU on the rows y0..y1 (a "bone"
/// running across the whole image), 20 HU elsewhere; one slice.
std::unique_ptr<Volume> diskAndBar(double cx, double cy, double r, int y0, int y1) {
    return volumeOf({41, 41, 1}, [=](int i, int j, int) {
        if (j >= y0 && j <= y1) {
            return 900.0;
        }
        return std::hypot(i - cx, j - cy) <= r ? 400.0 : 20.0;
    });
}

bool hasWarning(const RoiMeasurement& m, const std::string& w) {
    return std::find(m.warnings.begin(), m.warnings.end(), w) != m.warnings.end();
}

RoiMeasurement measureCircle(const Volume& v, const Eigen::Vector3d& center, double radius) {
    return measureRoi(Roi::ellipse("f", center, kX, kY, {radius, radius}), v, SeriesRole::CT);
}

}  // namespace

TEST_CASE("bone that only crosses the ROI's border is not what the ROI was drawn around",
          "[roi][extent]") {
    // The bar runs through the upper part of the circle and far beyond its outline.
    const auto v = diskAndBar(20, 20, -1, 29, 31);
    const RoiMeasurement m = measureCircle(*v, {20, 20, 0}, 12.0);
    REQUIRE(m.visibleExtentMm);
    CHECK(*m.visibleExtentMm == 0.0);
    REQUIRE(m.visibleAxialMm);
    CHECK(*m.visibleAxialMm == Eigen::Vector2d::Zero());
    CHECK_FALSE(m.visibleSagittalMm);
    CHECK(hasWarning(m, kOnlyCrossingWarning));
}

TEST_CASE("an object touching a crossing bone is split off it and measured alone",
          "[roi][extent]") {
    // Disk voxel centres reach y = 25; the bar starts at y = 26: one connected region.
    const auto alone = diskAndBar(20, 20, 5.0, 100, 100);
    const auto touching = diskAndBar(20, 20, 5.0, 26, 28);
    const RoiMeasurement a = measureCircle(*alone, {20, 20, 0}, 12.0);
    const RoiMeasurement t = measureCircle(*touching, {20, 20, 0}, 12.0);
    REQUIRE(a.visibleAxialMm);
    REQUIRE(t.visibleAxialMm);
    INFO("alone " << a.visibleAxialMm->transpose() << ", touching the bar "
                  << t.visibleAxialMm->transpose());
    // Voxel centres 10 mm apart, edges (half way to 20 HU) half a voxel further out. The
    // short axis is the narrowest caliper, and a disk of whole voxels (no partial volume)
    // is up to half a voxel narrower along its staircase diagonals.
    CHECK(a.visibleAxialMm->x() == Approx(11.0).margin(0.3));
    CHECK(a.visibleAxialMm->y() == Approx(11.0).margin(0.6));
    // The bridge row is left out: at most one voxel shorter, never the bar's 24 mm.
    CHECK(t.visibleAxialMm->x() == Approx(11.0).margin(1.0));
    CHECK(t.visibleAxialMm->y() == Approx(11.0).margin(1.0));
    CHECK_FALSE(hasWarning(t, kOnlyCrossingWarning));
}

TEST_CASE("the visible extent never reaches beyond the ROI", "[roi][extent]") {
    // A disk of radius 8 under a circle of radius 7: it goes on 1 mm beyond the outline
    // (less than 2 voxels, so it is the object), and is measured inside the circle only.
    const auto v = diskAndBar(20, 20, 8.0, 100, 100);
    const RoiMeasurement m = measureCircle(*v, {20, 20, 0}, 7.0);
    REQUIRE(m.visibleExtentMm);
    CHECK(*m.visibleExtentMm <= 14.0 + 1e-9);
    CHECK(*m.visibleExtentMm == Approx(14.0).margin(0.3));
    CHECK(m.visibleAxialMm->y() <= 14.0 + 1e-9);
}

TEST_CASE("away from the centre only an object wholly inside the ROI is chosen", "[roi][extent]") {
    const auto inside = diskAndBar(26, 20, 2.0, 100, 100);
    const RoiMeasurement a = measureCircle(*inside, {20, 20, 0}, 10.0);
    CHECK(*a.visibleExtentMm == Approx(5.0).margin(0.3));
    // The same disk cut by the outline (centres up to x = 31, outline at x = 30).
    const auto cut = diskAndBar(29, 20, 2.0, 100, 100);
    const RoiMeasurement b = measureCircle(*cut, {20, 20, 0}, 10.0);
    CHECK(*b.visibleExtentMm == 0.0);
    CHECK(hasWarning(b, kOnlyCrossingWarning));
}

TEST_CASE(
    "a sphere ROI gives the object's axial and sagittal sections; a coronal ellipse "
    "neither",
    "[roi][extent]") {
    // Ellipsoid with semi-axes 6 (x), 4 (y), 8 (z) mm around (20, 20, 20).
    const auto v = volumeOf({41, 41, 41}, [](int i, int j, int k) {
        const double x = (i - 20) / 6.0, y = (j - 20) / 4.0, z = (k - 20) / 8.0;
        return x * x + y * y + z * z <= 1.0 ? 400.0 : 20.0;
    });
    const RoiMeasurement m = measureRoi(Roi::sphere("f", {20, 20, 20}, 13.0), *v, SeriesRole::CT);
    REQUIRE(m.visibleAxialMm);
    REQUIRE(m.visibleSagittalMm);
    INFO("axial " << m.visibleAxialMm->transpose() << ", sagittal "
                  << m.visibleSagittalMm->transpose() << ", extent " << *m.visibleExtentMm);
    // Voxel centres span 2 x semi-axis; edges half a voxel beyond (short axes: up to half a
    // voxel less along the staircase of whole voxels, as above).
    CHECK(m.visibleAxialMm->x() == Approx(13.0).margin(0.3));
    CHECK(m.visibleAxialMm->y() == Approx(9.0).margin(0.6));
    CHECK(m.visibleSagittalMm->x() == Approx(17.0).margin(0.3));
    CHECK(m.visibleSagittalMm->y() == Approx(9.0).margin(0.6));
    CHECK(*m.visibleExtentMm == Approx(17.0).margin(0.3));

    const RoiMeasurement coronal =
        measureRoi(Roi::ellipse("f", {20, 20, 20}, kX, kZ, {10.0, 10.0}), *v, SeriesRole::CT);
    CHECK(*coronal.visibleExtentMm == Approx(17.0).margin(0.3));
    CHECK_FALSE(coronal.visibleAxialMm);
    CHECK_FALSE(coronal.visibleSagittalMm);
    // MR has no threshold by default: no sizes at all.
    CHECK_FALSE(
        measureRoi(Roi::sphere("f", {20, 20, 20}, 13.0), *v, SeriesRole::T2w).visibleAxialMm);
}
