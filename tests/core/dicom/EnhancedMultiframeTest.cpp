// An enhanced MR multi-frame object built with DCMTK in the test: frames are placed by
// their per-frame PlanePositionSequence and rescaled by the shared functional groups.
#include <catch2/catch.hpp>

// clang-format off
#include <dcmtk/config/osconfig.h>
// clang-format on
#include <dcmtk/dcmdata/dctk.h>

#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "tests/core/TestSupport.h"

using namespace crosscheck;

namespace {

DcmItem* addItem(DcmItem* parent, const DcmTagKey& sequence) {
    DcmItem* item = nullptr;
    REQUIRE(parent->findOrCreateSequenceItem(sequence, item, -2).good());
    return item;
}

}  // namespace

TEST_CASE("an enhanced multi-frame MR is ordered by its per-frame positions and rescaled",
          "[dicom][multiframe]") {
    test::TempFolder dir;
    DcmFileFormat file;
    DcmDataset* ds = file.getDataset();
    ds->putAndInsertString(DCM_SOPClassUID, UID_EnhancedMRImageStorage);
    ds->putAndInsertString(DCM_SOPInstanceUID, "1.2.826.0.1.3680043.2.1125.8.1.1");
    ds->putAndInsertString(DCM_StudyInstanceUID, "1.2.826.0.1.3680043.2.1125.8");
    ds->putAndInsertString(DCM_SeriesInstanceUID, "1.2.826.0.1.3680043.2.1125.8.1");
    ds->putAndInsertString(DCM_FrameOfReferenceUID, "1.2.826.0.1.3680043.2.1125.8.9");
    ds->putAndInsertString(DCM_Modality, "MR");
    ds->putAndInsertString(DCM_SeriesDescription, "t1_vibe");
    ds->putAndInsertUint16(DCM_Rows, 4);
    ds->putAndInsertUint16(DCM_Columns, 3);
    ds->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds->putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    ds->putAndInsertUint16(DCM_BitsAllocated, 16);
    ds->putAndInsertUint16(DCM_BitsStored, 12);
    ds->putAndInsertUint16(DCM_HighBit, 11);
    ds->putAndInsertUint16(DCM_PixelRepresentation, 0);
    ds->putAndInsertString(DCM_NumberOfFrames, "3");
    DcmItem* shared = addItem(ds, DCM_SharedFunctionalGroupsSequence);
    DcmItem* measures = addItem(shared, DCM_PixelMeasuresSequence);
    measures->putAndInsertString(DCM_PixelSpacing, "0.5\\0.6");
    measures->putAndInsertString(DCM_SliceThickness, "5");
    addItem(shared, DCM_PlaneOrientationSequence)
        ->putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
    DcmItem* rescale = addItem(shared, DCM_PixelValueTransformationSequence);
    rescale->putAndInsertString(DCM_RescaleSlope, "2");
    rescale->putAndInsertString(DCM_RescaleIntercept, "-10");
    const char* z[] = {"4", "0", "2"};  // frames out of order along the normal
    for (const char* position : z) {
        DcmItem* frame = addItem(ds, DCM_PerFrameFunctionalGroupsSequence);
        addItem(frame, DCM_PlanePositionSequence)
            ->putAndInsertString(DCM_ImagePositionPatient,
                                 (std::string("10\\20\\") + position).c_str());
    }
    std::vector<Uint16> pixels(3 * 12);
    for (std::size_t n = 0; n < pixels.size(); ++n)
        pixels[n] = static_cast<Uint16>(100 * (n / 12) + n % 12);
    ds->putAndInsertUint16Array(DCM_PixelData, pixels.data(),
                                static_cast<unsigned long>(pixels.size()));
    const std::string path = (dir.path() / "enhanced.dcm").string();
    REQUIRE(file.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());

    const ScanResult scan = scanPaths({dir.path()});
    REQUIRE(scan.series.size() == 1);
    const SeriesInfo& info = scan.series[0];
    CHECK(info.warnings.empty());
    CHECK(info.role == SeriesRole::T1w);
    CHECK(info.dims == Eigen::Vector3i(3, 4, 3));
    CHECK(info.spacingMm[2] == Approx(2.0));  // measured, not SliceThickness 5
    const LoadedSeries loaded = loadSeries(info);
    const Volume& v = *loaded.volume;
    CHECK(v.voxelType() == VoxelType::Int16);  // 2 * [0, 4095] - 10 needs a sign
    CHECK(v.geometry().indexToPatient()(2, 3) == Approx(0.0));
    // Slice k=0 is frame 1 (z=0): stored 100 + n, value 2 * stored - 10.
    CHECK(v.value(0, 0, 0) == 2 * 100 - 10);
    CHECK(v.value(2, 3, 0) == 2 * (100 + 11) - 10);
    CHECK(v.value(1, 0, 1) == 2 * (200 + 1) - 10);  // frame 2, z=2
    CHECK(v.value(0, 0, 2) == 2 * 0 - 10);          // frame 0, z=4
}
