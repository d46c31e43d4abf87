#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

namespace crosscheck {

/// Everything the scanner and the loader need to know about one image frame, read from
/// the header of its file (a single-frame file gives one FrameHeader, an enhanced
/// multi-frame file one per frame, from its functional groups). DCMTK-free on purpose,
/// so core headers never expose DCMTK types. Geometry in DICOM patient coordinates
/// (LPS, mm); `pixelSpacingRowCol` as stored in PixelSpacing (between rows, between columns).
struct FrameHeader {
    std::string file;
    int frameIndex = 0;      // 0-based frame within the file
    int numberOfFrames = 1;  // frames in the file
    std::string transferSyntaxUid, sopClassUid, sopInstanceUid;
    std::string studyInstanceUid, seriesInstanceUid, frameOfReferenceUid;
    std::string modality, seriesDescription, patientName, patientId, studyDate, studyDescription;
    std::string manufacturer, manufacturerModelName, derivationDescription, scanningSequence,
        sequenceVariant, photometric, mrAcquisitionType;
    std::vector<std::string> imageType;
    int seriesNumber = 0, instanceNumber = 0, acquisitionNumber = 0;
    std::optional<int> echoNumber;
    int rows = 0, columns = 0, samplesPerPixel = 1, bitsAllocated = 0, bitsStored = 0, highBit = 0,
        pixelRepresentation = 0;
    bool hasPixelData = false;
    bool encapsulated = false;
    long long pixelDataOffset = -1;  // native little-endian pixel value in the file, -1 unknown
    long long fileSize = -1;
    double rescaleSlope = 1.0, rescaleIntercept = 0.0;
    std::optional<Eigen::Vector3d> position;      // ImagePositionPatient, mm
    std::optional<Eigen::Vector3d> rowDirection;  // first IOP triplet
    std::optional<Eigen::Vector3d> columnDirection;
    std::optional<Eigen::Vector2d> pixelSpacingRowCol;
    double sliceThicknessMm = 0.0, gantryTiltDegrees = 0.0;
    std::optional<double> windowCenter, windowWidth, repetitionTimeMs, echoTimeMs, inversionTimeMs;
    std::optional<double> bValue;  // DiffusionBValue, or Siemens' private (0019,100C)
    std::optional<double> spacingBetweenSlicesMm;
    int temporalPosition = 0;  // TemporalPositionIdentifier, 0 when absent

    // Siemens mosaic: `mosaicImages` slices tiled in one stored frame (CSA header's
    // NumberOfImagesInMosaic). The scan expands such a frame into one FrameHeader per tile
    // (expandMosaic): `mosaicTile` >= 0, rows/columns the tile's, storedRows/storedColumns
    // the frame's, position the tile's own.
    int mosaicImages = 0;
    int mosaicTile = -1;
    int storedRows = 0, storedColumns = 0;
    std::optional<Eigen::Vector3d> csaSliceNormal;  // CSA SliceNormalVector
};

}  // namespace crosscheck
