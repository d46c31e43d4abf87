#include <QColor>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>

#include "core/geometry/OrientationLabel.h"
#include "core/volume/Volume.h"
#include "viewer/report/KeyImageRenderer.h"

using namespace crosscheck;
using namespace crosscheck::viewer;

namespace {

/// 1000 HU where the patient's left is (x > 5 mm), 500 anterior (y < -5 mm), 0 elsewhere,
/// on a 41^3 grid of 1 mm voxels centred on the origin, whose index axes point along the
/// given patient directions (columns of `axes`).
std::shared_ptr<Volume> quadrantVolume(const Eigen::Matrix3d& axes) {
    Eigen::Matrix4d indexToPatient = Eigen::Matrix4d::Identity();
    indexToPatient.topLeftCorner<3, 3>() = axes;
    indexToPatient.topRightCorner<3, 1>() = -axes * Eigen::Vector3d::Constant(20.0);
    auto volume =
        std::make_shared<Volume>(VolumeGeometry({41, 41, 41}, indexToPatient), VoxelType::Int16);
    auto* v = volume->voxels<std::int16_t>();
    for (int k = 0; k < 41; ++k) {
        for (int j = 0; j < 41; ++j) {
            for (int i = 0; i < 41; ++i) {
                const Eigen::Vector3d p =
                    volume->geometry().toPatient(VoxelIndex{Eigen::Vector3d(i, j, k)}).mm;
                v[volume->offset(i, j, k)] = p.x() > 5.0 ? 1000 : p.y() < -5.0 ? 500 : 0;
            }
        }
    }
    return volume;
}

/// The grey of the image pixel over the patient point (x, y) of the axial plane z = 0
/// (fov 40 mm on 200 px).
int greyAt(const QImage& image, double xMm, double yMm) {
    const int px = static_cast<int>(std::floor((xMm + 20.0) / 0.2));
    const int py = static_cast<int>(std::floor((yMm + 20.0) / 0.2));
    return qGray(image.pixel(px, py));
}

}  // namespace

TEST_CASE(
    "a key image shows the patient's left on the right and anterior at the top, for any "
    "acquisition orientation",
    "[report][pdf]") {
    Eigen::Matrix3d axial = Eigen::Matrix3d::Identity();
    Eigen::Matrix3d sagittal;  // columns: i posterior, j inferior, k left
    sagittal << 0, 0, 1, 1, 0, 0, 0, -1, 0;
    const KeyImagePlane plane = axialKeyImagePlane(Eigen::Vector3d::Zero(), 40.0);
    const KeyImageWindow window{{1000.0, 500.0}, "test", "HU"};
    for (const auto& axes : {axial, sagittal}) {
        const auto volume = quadrantVolume(axes);
        const QImage image = renderKeyImage({volume.get(), Eigen::Matrix4d::Identity()}, plane,
                                            window, nullptr, 200);
        REQUIRE(image.size() == QSize(200, 200));
        // Axial, seen from the feet: pixel column grows with patient x (towards the left),
        // pixel row with patient y (towards posterior), so (x, y) below are image positions.
        CHECK(greyAt(image, 12.5, 6.5) == 255);                  // left, posterior: 1000 HU
        CHECK(std::abs(greyAt(image, -5.5, -11.5) - 127) <= 1);  // right, anterior: 500 HU
        CHECK(greyAt(image, -9.5, 10.5) == 0);                   // right, posterior: 0 HU
    }
    CHECK(orientationLabel(plane.right) == "L");
    CHECK(orientationLabel(plane.up) == "A");
}

TEST_CASE("a key image follows the view-to-series transform and draws the ROI outline",
          "[report][pdf]") {
    const auto volume = quadrantVolume(Eigen::Matrix3d::Identity());
    // The series is shifted 10 mm to the patient's right of the view frame: the view's
    // x = 12.5 is the series' x = 2.5, no longer in the left block.
    Eigen::Matrix4d viewToSeries = Eigen::Matrix4d::Identity();
    viewToSeries(0, 3) = -10.0;
    const KeyImagePlane plane = axialKeyImagePlane(Eigen::Vector3d::Zero(), 40.0);
    const KeyImageWindow window{{1000.0, 500.0}, "test", "HU"};
    const Roi ellipse = Roi::ellipse("1.2.3", Eigen::Vector3d::Zero(), Eigen::Vector3d::UnitX(),
                                     Eigen::Vector3d::UnitY(), Eigen::Vector2d(8.0, 4.0));
    const QImage image = renderKeyImage({volume.get(), viewToSeries}, plane, window, &ellipse, 200);
    CHECK(greyAt(image, 12.5, 6.5) == 0);
    CHECK(greyAt(image, 17.5, 6.5) == 255);
    // The outline passes through (8, 0) and (0, -4) mm; the centre stays grey.
    auto orangeNear = [&](double xMm, double yMm) {
        const int px = static_cast<int>((xMm + 20.0) / 0.2),
                  py = static_cast<int>((yMm + 20.0) / 0.2);
        for (int dy = -2; dy <= 2; ++dy) {
            for (int dx = -2; dx <= 2; ++dx) {
                const QColor c = image.pixelColor(px + dx, py + dy);
                if (c.red() > 200 && c.green() > 120 && c.green() < 230 && c.blue() < 90) {
                    return true;
                }
            }
        }
        return false;
    };
    CHECK(orangeNear(8.0, 0.0));
    CHECK(orangeNear(0.0, -4.0));
    CHECK_FALSE(orangeNear(0.0, 0.0));
}

TEST_CASE("all series of one ROI get the same field of view, and a planar ROI its own plane",
          "[report][pdf]") {
    const Roi small = Roi::ellipse("1", Eigen::Vector3d::Zero(), Eigen::Vector3d::UnitX(),
                                   Eigen::Vector3d::UnitY(), Eigen::Vector2d(5.0, 3.0));
    CHECK(keyImageFieldOfViewMm(small) == Approx(50.0));  // 3 x 10 mm, at least 50
    const Roi large = Roi::ellipse("1", Eigen::Vector3d::Zero(), Eigen::Vector3d::UnitX(),
                                   Eigen::Vector3d::UnitY(), Eigen::Vector2d(20.0, 10.0));
    CHECK(keyImageFieldOfViewMm(large) == Approx(120.0));  // 3 x 40 mm
    // A sagittal ellipse (normal along x) is shown as a sagittal view: anterior on the left,
    // superior at the top.
    const Roi sagittal = Roi::ellipse("1", Eigen::Vector3d(1, 2, 3), Eigen::Vector3d::UnitY(),
                                      Eigen::Vector3d::UnitZ(), Eigen::Vector2d(5.0, 3.0));
    const KeyImagePlane plane = keyImagePlaneForRoi(sagittal, 60.0);
    CHECK(orientationLabel(-plane.right) == "A");
    CHECK(orientationLabel(plane.up) == "S");
    CHECK((plane.centerMm - Eigen::Vector3d(1, 2, 3)).norm() == Approx(0.0).margin(1e-12));
    // A sphere gets the axial plane through its centre.
    const KeyImagePlane axial =
        keyImagePlaneForRoi(Roi::sphere("1", Eigen::Vector3d(4, 5, 6), 3.0), 60.0);
    CHECK(orientationLabel(axial.right) == "L");
    CHECK(orientationLabel(axial.up) == "A");
}

TEST_CASE("a key image outlines a brush mask where the plane cuts it", "[report][pdf]") {
    const auto volume = quadrantVolume(Eigen::Matrix3d::Identity());
    Eigen::Matrix4d gridToPatient = Eigen::Matrix4d::Identity();
    gridToPatient.topRightCorner<3, 1>() = Eigen::Vector3d::Constant(-20.0);
    auto mask = std::make_shared<BrushMask>(VolumeGeometry({41, 41, 41}, gridToPatient));
    mask->paintSphere(Eigen::Vector3d::Zero(), 8.0, 1);
    const Roi brush = Roi::brush("1.2.3", mask);
    const QImage image = renderKeyImage({volume.get(), Eigen::Matrix4d::Identity()},
                                        keyImagePlaneForRoi(brush, 40.0),
                                        {{1000.0, 500.0}, "test", "HU"}, &brush, 200);
    auto orange = [&](double xMm, double yMm) {
        const QColor c = image.pixelColor(static_cast<int>((xMm + 20.0) / 0.2),
                                          static_cast<int>((yMm + 20.0) / 0.2));
        return c.red() > 200 && c.green() > 120 && c.green() < 230 && c.blue() < 90;
    };
    // The mask's voxels reach 8 mm from the centre; their boundary lies at 8.5 mm.
    int onEdge = 0;
    for (double x = 7.0; x <= 9.0; x += 0.2) {
        onEdge += orange(x, 0.1) ? 1 : 0;
    }
    CHECK(onEdge >= 1);
    CHECK_FALSE(orange(0.1, 0.1));
    CHECK_FALSE(orange(15.1, 0.1));
}
