// Series grouping, ordering and geometry checks on hand-made frame headers, so every
// expected number is a hand calculation.
#include <catch2/catch.hpp>
#include <cmath>

#include "core/dicom/SeriesAssembler.h"

using namespace crosscheck;

namespace {

FrameHeader slice(double z, int instance, const std::string& uid = "1.2.3") {
    FrameHeader h;
    h.file = "f" + std::to_string(instance);
    h.seriesInstanceUid = uid;
    h.frameOfReferenceUid = "9.9";
    h.modality = "CT";
    h.instanceNumber = instance;
    h.rows = 4;
    h.columns = 6;
    h.bitsAllocated = 16;
    h.bitsStored = 12;
    h.highBit = 11;
    h.pixelRepresentation = 0;
    h.rescaleIntercept = -1024;
    h.position = Eigen::Vector3d(-10.0, -20.0, z);
    h.rowDirection = Eigen::Vector3d::UnitX();
    h.columnDirection = Eigen::Vector3d::UnitY();
    h.pixelSpacingRowCol = Eigen::Vector2d(0.5, 0.75);
    h.sliceThicknessMm = 5.0;  // deliberately not the step: the step must be measured
    return h;
}

std::vector<FrameHeader> stack(int n, double step) {
    std::vector<FrameHeader> frames;
    for (int k = n - 1; k >= 0; --k) {  // out of order on purpose
        frames.push_back(slice(100.0 + k * step, k + 1));
    }
    return frames;
}

}  // namespace

TEST_CASE("slices are ordered along the normal and the step is measured, not SliceThickness",
          "[dicom]") {
    const auto series = assembleSeries(stack(5, 2.5));
    REQUIRE(series.size() == 1);
    const SeriesInfo& s = series[0];
    CHECK(s.dims == Eigen::Vector3i(6, 4, 5));
    CHECK(s.spacingMm[0] == Approx(0.75));  // column spacing is PixelSpacing[1]
    CHECK(s.spacingMm[1] == Approx(0.5));
    CHECK(s.spacingMm[2] == Approx(2.5));
    CHECK(s.orientation == SliceOrientation::Axial);
    CHECK(s.warnings.empty());
    CHECK(s.files.front() == "f1");
    CHECK(s.files.back() == "f5");
    const Eigen::Matrix4d m = s.geometry.indexToPatient();
    CHECK(m(2, 3) == Approx(100.0));
    CHECK(m(2, 2) == Approx(2.5));
    CHECK(s.voxelType == VoxelType::Int16);
    CHECK(s.role == SeriesRole::CT);
}

TEST_CASE("a missing slice is reported as a gap and filled so the others keep their place",
          "[dicom]") {
    auto frames = stack(6, 2.0);
    frames.erase(frames.begin() + 2);  // removes z = 106 (instance 4)
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 1);
    const SeriesInfo& s = series[0];
    CHECK(s.hasWarning("gap"));
    CHECK(s.dims[2] == 6);
    REQUIRE(s.slices.size() == 6);
    CHECK(s.slices[3].missing);
    CHECK(s.slices[3].positionMm.z() == Approx(106.0));
    CHECK(s.files.size() == 5);
    CHECK(s.spacingMm[2] == Approx(2.0));
    CHECK_FALSE(s.hasWarning("uneven spacing"));
    CHECK(s.warningDetails.front().find("1 missing slice") != std::string::npos);
}

TEST_CASE("repeated positions are reported and the first instance is kept", "[dicom]") {
    auto frames = stack(4, 3.0);
    FrameHeader copy = slice(103.0, 9);
    frames.push_back(copy);
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 1);
    CHECK(series[0].hasWarning("duplicate positions"));
    CHECK(series[0].dims[2] == 4);
    CHECK(series[0].slices[1].file == "f2");
}

TEST_CASE("repeated positions with another acquisition number become their own volume", "[dicom]") {
    auto frames = stack(3, 3.0);
    for (int k = 0; k < 3; ++k) {
        FrameHeader again = slice(100.0 + 3.0 * k, 10 + k);
        again.acquisitionNumber = 2;
        frames.push_back(again);
    }
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 2);
    CHECK(series[0].dims[2] == 3);
    CHECK(series[1].dims[2] == 3);
    CHECK(series[0].hasWarning("split"));
    CHECK_FALSE(series[0].hasWarning("duplicate positions"));
}

TEST_CASE("a gantry-tilted stack keeps its shear and is reported as tilted", "[dicom]") {
    // 10 degrees of tilt: each 2 mm step along z also moves tan(10 deg) * 2 mm along y.
    const double shift = std::tan(10.0 * 3.14159265358979323846 / 180.0) * 2.0;
    std::vector<FrameHeader> frames;
    for (int k = 0; k < 8; ++k) {
        FrameHeader h = slice(50.0 + 2.0 * k, k + 1);
        h.position->y() += shift * k;
        h.gantryTiltDegrees = 10.0;
        frames.push_back(h);
    }
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 1);
    const SeriesInfo& s = series[0];
    CHECK(s.hasWarning("tilted"));
    CHECK(s.geometry.isSheared());
    const Eigen::Matrix4d m = s.geometry.indexToPatient();
    CHECK(m(1, 2) == Approx(shift));
    CHECK(m(2, 2) == Approx(2.0));
    // The last slice's centre of voxel (0,0) is exactly its ImagePositionPatient.
    const PatientPoint last = s.geometry.toPatient(VoxelIndex{Eigen::Vector3d(0, 0, 7)});
    CHECK(last.mm.y() == Approx(-20.0 + 7 * shift));
    CHECK(s.warningDetails.front().find("10.00 degrees") != std::string::npos);
}

TEST_CASE("rounding noise in positions is not called tilt", "[dicom]") {
    std::vector<FrameHeader> frames;
    for (int k = 0; k < 20; ++k) {
        FrameHeader h = slice(2.0 * k, k + 1);
        h.position->x() += (k % 2) * 0.004;  // stored with 3 decimals, jittering
        frames.push_back(h);
    }
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 1);
    CHECK_FALSE(series[0].hasWarning("tilted"));
    CHECK_FALSE(series[0].geometry.isSheared());
}

TEST_CASE("one series UID with two image sizes is split and reported as mixed sizes", "[dicom]") {
    auto frames = stack(4, 2.0);
    for (int k = 0; k < 2; ++k) {
        FrameHeader h = slice(200.0 + 2.0 * k, 20 + k);
        h.rows = 8;
        h.columns = 8;
        frames.push_back(h);
    }
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 2);
    for (const SeriesInfo& s : series) {
        CHECK(s.hasWarning("mixed sizes"));
        CHECK(s.hasWarning("split"));
    }
    CHECK(series[0].dims[2] + series[1].dims[2] == 6);
}

TEST_CASE("uneven spacing that is not a whole number of slices is reported with numbers",
          "[dicom]") {
    std::vector<FrameHeader> frames = {slice(0.0, 1), slice(2.0, 2), slice(4.0, 3), slice(7.0, 4),
                                       slice(9.0, 5)};
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 1);
    CHECK(series[0].hasWarning("uneven spacing"));
    CHECK_FALSE(series[0].hasWarning("gap"));
    CHECK(series[0].spacingMm[2] == Approx(9.0 / 4.0));
}

TEST_CASE("a sagittal stack is labelled sagittal with its step along x", "[dicom]") {
    std::vector<FrameHeader> frames;
    for (int k = 0; k < 3; ++k) {
        FrameHeader h = slice(0.0, k + 1);
        h.rowDirection = Eigen::Vector3d::UnitY();
        h.columnDirection = -Eigen::Vector3d::UnitZ();
        h.position = Eigen::Vector3d(-4.0 + 4.0 * k, 0.0, 0.0);
        h.modality = "MR";
        h.rescaleIntercept = 0.0;
        frames.push_back(h);
    }
    const auto series = assembleSeries(frames);
    REQUIRE(series.size() == 1);
    CHECK(series[0].orientation == SliceOrientation::Sagittal);
    CHECK(series[0].spacingMm[2] == Approx(4.0));
    CHECK(series[0].voxelType == VoxelType::UInt16);  // unsigned MR without rescale keeps its type
}
