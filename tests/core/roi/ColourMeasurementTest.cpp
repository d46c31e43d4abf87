// Colour pictures are never measured: their pixels are display colours, not HU or
// intensities. The refusal holds even when a volume is present, so it rests on the
// series being colour, not on a missing volume.
#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>

#include "core/dicom/DicomError.h"
#include "core/dicom/SeriesLoader.h"
#include "core/roi/StudyMeasurement.h"

using namespace crosscheck;

namespace {

LoadedSeries colourSeries() {
    LoadedSeries s;
    s.info.seriesInstanceUid = "1.2.3";
    s.info.frameOfReferenceUid = "9.9";
    s.info.modality = "OT";
    s.info.photometric = "RGB";
    s.info.samplesPerPixel = 3;
    const VolumeGeometry geometry = VolumeGeometry::fromDicom(
        Eigen::Vector3i(8, 8, 1), Eigen::Vector3d::UnitX(), Eigen::Vector3d::UnitY(),
        Eigen::Vector2d(1.0, 1.0), Eigen::Vector3d::Zero(), Eigen::Vector3d::UnitZ());
    s.volume = std::make_shared<Volume>(geometry, VoxelType::Int16);
    std::fill_n(s.volume->voxels<std::int16_t>(), geometry.voxelCount(), std::int16_t{100});
    return s;
}

}  // namespace

TEST_CASE("a colour picture is not measured and says why", "[roi][colour]") {
    const LoadedSeries picture = colourSeries();
    const Roi roi = Roi::ellipse("9.9", Eigen::Vector3d(4, 4, 0), Eigen::Vector3d::UnitX(),
                                 Eigen::Vector3d::UnitY(), Eigen::Vector2d(2, 2));
    const SeriesMeasurement row = measureInSeries(roi, picture, FrameTransforms{});
    CHECK_FALSE(row.measurement.hasNumbers);
    const auto& w = row.measurement.warnings;
    CHECK(std::any_of(w.begin(), w.end(), [](const std::string& s) {
        return s.find("colour image: not measured") != std::string::npos;
    }));
    CHECK_FALSE(valuesInSeries(roi, picture, FrameTransforms{}));
}

TEST_CASE("a colour series is refused as a volume, naming why", "[dicom][colour]") {
    SeriesInfo info = colourSeries().info;
    info.files = {"picture.dcm"};
    try {
        loadSeries(info);
        FAIL("a colour series loaded as a volume");
    } catch (const DicomError& e) {
        CHECK(e.file() == "picture.dcm");
        CHECK(e.reason().find("colour image (RGB)") == 0);
    }
}
