#include <catch2/catch.hpp>
#include <cmath>
#include <memory>

#include "core/geometry/RigidTransform.h"
#include "core/roi/LineProfile.h"
#include "core/roi/RoiDrawing.h"
#include "core/roi/RoiMeasurement.h"
#include "core/roi/RoiSampler.h"

using namespace crosscheck;

namespace {

constexpr double kPi = 3.14159265358979323846;

/// 20 x 20 x 5 voxels of 1 x 1 x 2 mm at the origin (voxel (i, j, k) at (i, j, 2k) mm),
/// value i + 20 j + 1000 k: every voxel is recognisable from its value.
std::unique_ptr<Volume> ramp(const Eigen::Matrix4d& place = Eigen::Matrix4d::Identity()) {
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m(2, 2) = 2.0;
    auto v = std::make_unique<Volume>(VolumeGeometry({20, 20, 5}, place * m), VoxelType::Float32);
    float* out = v->voxels<float>();
    for (int k = 0; k < 5; ++k) {
        for (int j = 0; j < 20; ++j) {
            for (int i = 0; i < 20; ++i) {
                *out++ = static_cast<float>(i + 20 * j + 1000 * k);
            }
        }
    }
    return v;
}

/// 0 everywhere except 100 on the row j = 7, i = 5..14 of every slice.
std::unique_ptr<Volume> bar() {
    auto v = std::make_unique<Volume>(VolumeGeometry({20, 20, 5}, Eigen::Matrix4d::Identity()),
                                      VoxelType::Int16);
    std::int16_t* out = v->voxels<std::int16_t>();
    for (int k = 0; k < 5; ++k) {
        for (int j = 0; j < 20; ++j) {
            for (int i = 0; i < 20; ++i) {
                *out++ = static_cast<std::int16_t>(j == 7 && i >= 5 && i <= 14 ? 100 : 0);
            }
        }
    }
    return v;
}

const Eigen::Vector3d kX = Eigen::Vector3d::UnitX(), kY = Eigen::Vector3d::UnitY();

}  // namespace

TEST_CASE("an axial rectangle takes the whole voxels of its slice whose centres it covers",
          "[roi]") {
    const auto v = ramp();
    // Centres x 8..12 (5) by y 9..11 (3) on slice k = 2 (z = 4 mm).
    const Roi rect = Roi::rectangle("f", {10, 10, 4}, kX, kY, {4, 2});
    const RoiMeasurement m = measureRoi(rect, *v, SeriesRole::CT);
    CHECK(m.values.count == 15);
    CHECK(m.values.mean == Approx(10 + 20 * 10 + 1000 * 2));
    CHECK(m.values.min == 8 + 20 * 9 + 2000);
    CHECK(m.values.max == 12 + 20 * 11 + 2000);
    CHECK(*m.size.areaMm2 == Approx(8.0));
    CHECK(m.size.longAxisMm == 4.0);
    CHECK(m.size.shortAxisMm == 2.0);
    CHECK(m.unit == "HU");

    SECTION("a plane exactly between two slices takes one of them, not both") {
        const Roi between = Roi::rectangle("f", {10, 10, 5}, kX, kY, {4, 2});
        const RoiMeasurement b = measureRoi(between, *v, SeriesRole::CT);
        CHECK(b.values.count == 15);
        CHECK(b.values.mean == Approx(2210.0));
    }
    SECTION("the ring holds the voxels within the ring width outside the outline") {
        MeasureOptions o;
        o.ringWidthMm = 1.0;
        const RoiMeasurement r = measureRoi(rect, *v, SeriesRole::CT, o);
        // [7, 13] x [8, 12] minus the 15 inside minus the 4 corners (sqrt 2 mm away).
        CHECK(r.ringCount == 35 - 15 - 4);
        REQUIRE(r.contrast);
        CHECK(*r.contrast == Approx(0.0).margin(1e-9));  // symmetric ring on a linear ramp
    }
    SECTION("an ROI outside the volume has no numbers") {
        const Roi away = Roi::rectangle("f", {100, 100, 4}, kX, kY, {4, 2});
        const RoiMeasurement a = measureRoi(away, *v, SeriesRole::CT);
        CHECK_FALSE(a.hasNumbers);
        CHECK(a.warnings == std::vector<std::string>{"outside the series"});
    }
}

TEST_CASE("measuring is the same whichever frame the ROI and the series are expressed in",
          "[roi]") {
    const Eigen::Matrix4d t = rigidFromEuler({0.3, -0.2, 0.5}, {12.0, -7.0, 30.0});
    const auto a = ramp();
    const auto b = ramp(t);  // the same voxels, placed by t
    const Roi ellipse = Roi::ellipse("f", {9.3, 10.2, 4}, Eigen::Vector3d(1, 1, 0).normalized(),
                                     Eigen::Vector3d(-1, 1, 0).normalized(), {5.0, 3.0});
    const auto ma = measureRoi(ellipse, *a, SeriesRole::T1w);
    const auto mb = measureRoi(ellipse.transformed(t, "g"), *b, SeriesRole::T1w);
    CHECK(ma.values.count == mb.values.count);
    CHECK(ma.values.mean == Approx(mb.values.mean));
    CHECK(ma.values.p95 == Approx(mb.values.p95));
    CHECK(ma.unit == "intensity");
    CHECK(*ma.size.areaMm2 == Approx(kPi * 15.0));
}

TEST_CASE("a sphere and a brush mask painted as the same sphere take the same voxels", "[roi]") {
    const auto v = ramp();
    // Within 2 mm of (10, 10, 4): 13 voxels in slice 2, one each in slices 1 and 3.
    const Roi sphere = Roi::sphere("f", {10, 10, 4}, 2.0);
    const auto ms = measureRoi(sphere, *v, SeriesRole::CT);
    CHECK(ms.values.count == 15);
    CHECK(ms.values.mean == Approx(2210.0));
    CHECK(*ms.size.volumeMm3 == Approx(4.0 / 3.0 * kPi * 8.0));

    Eigen::Matrix4d grid = Eigen::Matrix4d::Identity();
    grid.topLeftCorner<3, 3>() *= 0.5;
    grid.block<3, 1>(0, 3) = Eigen::Vector3d(5, 5, 0);
    auto mask = std::make_shared<BrushMask>(VolumeGeometry({20, 20, 20}, grid));
    const int painted = mask->paintSphere({10, 10, 4}, 2.0, 1);
    CHECK(painted == static_cast<int>(mask->labelledCount()));
    const auto mb = measureRoi(Roi::brush("f", mask), *v, SeriesRole::CT);
    CHECK(mb.values.count == 15);
    CHECK(mb.values.mean == Approx(2210.0));
    CHECK(*mb.size.volumeMm3 == Approx(painted * 0.125));
    CHECK(mb.size.longAxisMm == Approx(4.0));

    SECTION("the eraser clears what the brush painted") {
        mask->paintSphere({10, 10, 4}, 5.0, 0);
        CHECK(mask->labelledCount() == 0);
    }
}

TEST_CASE("polygon area and axes are those of the outline", "[roi]") {
    const Roi triangle = Roi::polygon("f", {{0, 0, 4}, {10, 0, 4}, {0, 10, 4}});
    const RoiSize s = measureRoiSize(triangle);
    CHECK(*s.areaMm2 == Approx(50.0));
    CHECK(s.longAxisMm == Approx(10.0 * std::sqrt(2.0)));
    CHECK(s.shortAxisMm == Approx(5.0 * std::sqrt(2.0)));
    const auto m = measureRoi(triangle, *ramp(), SeriesRole::CT);
    // Centres strictly inside x > 0, y > 0, x + y < 10: 36 voxels; boundary ones count by the
    // even-odd rule, so allow the edge.
    CHECK(m.values.count >= 36);
    CHECK(m.values.count <= 66);
}

TEST_CASE("the visible extent interpolates the threshold crossings", "[roi]") {
    const auto v = bar();  // 100 on x = 5..14 mm, y = 7: edges at x = 4.5 and 14.5 for 50
    const Roi ruler = Roi::ruler("f", {0, 7, 2}, {19, 7, 2});
    const auto m = measureRoi(ruler, *v, SeriesRole::CT, [] {
        MeasureOptions o;
        o.visibleThresholdHu = 50.0;
        return o;
    }());
    REQUIRE(m.visibleExtentMm);
    CHECK(*m.visibleExtentMm == Approx(10.0).margin(0.01));
    CHECK(m.size.longAxisMm == Approx(19.0));
    CHECK(*m.size.areaMm2 == 0.0);

    MeasureOptions o;
    o.visibleThresholdHu = 50.0;
    const Roi ellipse = Roi::ellipse("f", {9.5, 7, 2}, kX, kY, {8.0, 3.0});
    const auto e = measureRoi(ellipse, *v, SeriesRole::CT, o);
    REQUIRE(e.visibleExtentMm);
    CHECK(*e.visibleExtentMm == Approx(10.0).margin(0.01));
    CHECK(e.visibleExtent.voxelCount == 10);

    o.visibleThresholdHu = 150.0;
    const auto none = measureRoi(ellipse, *v, SeriesRole::CT, o);
    CHECK(*none.visibleExtentMm == 0.0);
    // MR has no default threshold.
    CHECK_FALSE(measureRoi(ellipse, *v, SeriesRole::T2w).visibleExtentMm);
}

TEST_CASE("a line profile samples every 0.5 mm with trilinear values", "[roi]") {
    const auto v = ramp();
    const auto profile = lineProfile(*v, Eigen::Matrix4d::Identity(), {2, 3, 4}, {7, 3, 4});
    REQUIRE(profile.size() == 11);
    CHECK(profile[5].distanceMm == Approx(2.5));
    CHECK(*profile[5].value == Approx(4.5 + 60 + 2000));
    CHECK(*profile.back().value == Approx(7 + 60 + 2000));
    const auto outside = lineProfile(*v, Eigen::Matrix4d::Identity(), {18, 3, 4}, {21, 3, 4});
    CHECK(outside.front().value.has_value());
    CHECK_FALSE(outside.back().value.has_value());
    // Through a transform: the ROI's frame is shifted by 100 mm in x from the volume's.
    Eigen::Matrix4d shift = Eigen::Matrix4d::Identity();
    shift(0, 3) = -100.0;
    const auto shifted = lineProfile(*v, shift, {102, 3, 4}, {107, 3, 4}, 2.5);
    REQUIRE(shifted.size() == 3);
    CHECK(*shifted[1].value == Approx(4.5 + 60 + 2000));
}

TEST_CASE("summary statistics and histograms match hand calculations", "[roi]") {
    const ValueSummary s = summarizeValues({10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
    CHECK(s.count == 10);
    CHECK(s.mean == Approx(5.5));
    CHECK(s.sd == Approx(std::sqrt(82.5 / 9.0)));
    CHECK(s.median == Approx(5.5));
    CHECK(s.min == 1);
    CHECK(s.max == 10);
    CHECK(s.p5 == Approx(1.45));
    CHECK(s.p95 == Approx(9.55));
    CHECK(summarizeValues({}).count == 0);
    CHECK(summarizeValues({42}).sd == 0.0);

    const Histogram h = makeHistogram({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5, 0, 10);
    CHECK(h.binWidth == Approx(2.0));
    CHECK(h.counts == std::vector<int>{2, 2, 2, 2, 3});
    const Histogram automatic = makeHistogram({-5, 5}, 2);
    CHECK(automatic.lower == -5);
    CHECK(automatic.counts == std::vector<int>{1, 1});
}

TEST_CASE("a pane draws the ROI whole in its plane and as chords where it crosses it", "[roi]") {
    const Roi ellipse = Roi::ellipse("f", {0, 0, 10}, kX, kY, {10, 5});
    RoiPlane axial;
    axial.originMm = {0, 0, 10.4};
    const RoiDrawing same = roiDrawingOnPlane(ellipse, axial, 0.5);
    CHECK(same.inPlane);
    REQUIRE(same.closedLines.size() == 1);
    axial.originMm.z() = 11.0;
    CHECK(roiDrawingOnPlane(ellipse, axial, 0.5).empty());

    RoiPlane coronal;  // y = 3: cuts the ellipse along x where (x/10)^2 + (3/5)^2 = 1
    coronal.originMm = {0, 3, 0};
    coronal.axisU = kX;
    coronal.axisV = Eigen::Vector3d::UnitZ();
    const RoiDrawing cut = roiDrawingOnPlane(ellipse, coronal, 0.5);
    CHECK_FALSE(cut.inPlane);
    REQUIRE(cut.openLines.size() == 1);
    const double halfChord = 0.5 * (cut.openLines[0][1] - cut.openLines[0][0]).norm();
    CHECK(halfChord == Approx(8.0).margin(0.01));  // 10 * sqrt(1 - 0.36), 360-gon outline
    CHECK(cut.openLines[0][0].y() == Approx(3.0));

    const Roi sphere = Roi::sphere("f", {0, 0, 0}, 5);
    axial.originMm = {0, 0, 3};
    const RoiDrawing circle = roiDrawingOnPlane(sphere, axial, 0.5);
    REQUIRE(circle.closedLines.size() == 1);
    CHECK(circle.closedLines[0][0].norm() == Approx(5.0));  // radius 4 at height 3
    CHECK(circle.closedLines[0][0].head<2>().norm() == Approx(4.0));

    const Roi ruler = Roi::ruler("f", {0, 0, -5}, {0, 0, 5});
    axial.originMm = {0, 0, 1};
    const RoiDrawing pierced = roiDrawingOnPlane(ruler, axial, 0.5);
    REQUIRE(pierced.markers.size() == 1);
    CHECK(pierced.markers[0].z() == Approx(1.0));
    CHECK(roiAnchorMm(ruler) == Eigen::Vector3d::Zero());
}

TEST_CASE("a ruler has a length but no area or short axis, a point no size at all", "[roi]") {
    const Roi ruler = Roi::ruler("1", {0, 0, 0}, {30, 40, 0});
    const RoiSizeMeaning r = roiSizeMeaning(ruler);
    CHECK(r.longAxis);
    CHECK_FALSE(r.area);
    CHECK_FALSE(r.shortAxis);
    CHECK(measureRoiSize(ruler).longAxisMm == Approx(50.0));
    const RoiSizeMeaning p = roiSizeMeaning(Roi::point("1", {1, 2, 3}));
    CHECK_FALSE((p.area || p.longAxis || p.shortAxis));
    const RoiSizeMeaning e = roiSizeMeaning(
        Roi::ellipse("1", {0, 0, 0}, Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(), {5, 3}));
    CHECK((e.area && e.longAxis && e.shortAxis));
    const RoiSizeMeaning s = roiSizeMeaning(Roi::sphere("1", {0, 0, 0}, 4.0));
    CHECK((!s.area && s.longAxis && s.shortAxis));  // a volume, reported apart
}
