#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry/VolumeGeometry.h"
#include "core/vocabulary/SeriesRole.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// One slice of a series as the loader will place it: which file and frame hold it,
/// and where it lies (ImagePositionPatient, LPS mm). `missing` marks a slice inserted to
/// fill a gap: it has no file and is filled with `SeriesInfo::gapFillValue`.
/// For native little-endian files the scan also notes where the pixel values start and the
/// file's size, so the loader can read them without parsing the header again (it checks
/// the size first; a file that changed is an error, not a wrong image).
struct SliceRef {
    std::string file;
    std::string sopInstanceUid;  // of the file holding the slice (the study database's key)
    int frame = 0;
    Eigen::Vector3d positionMm = Eigen::Vector3d::Zero();
    bool missing = false;
    double rescaleSlope = 1.0, rescaleIntercept = 0.0;
    long long pixelDataOffset = -1;  // byte offset of the file's pixel value, -1 unknown
    long long fileSize = -1;
    // A slice cut from a Siemens mosaic: its tile in the stored frame, and that frame's size.
    int mosaicTile = -1;
    int storedRows = 0, storedColumns = 0;
};

/// What a scan finds about one series (one volume): enough for a user to choose it and for
/// SeriesLoader to load it without reading any header again first.
///
/// Geometry is in DICOM patient coordinates (LPS, mm). `geometry` is the voxel grid the
/// loader will produce: slices ordered by the projection of ImagePositionPatient on the
/// slice normal, k step measured between neighbouring positions (a gantry-tilted stack
/// keeps its shear). `warnings` are short tags ("gap", "tilted", "mixed sizes", "duplicate
/// positions", "uneven spacing", "split", "no geometry", ...); `warningDetails` says the
/// same with the numbers, one sentence each.
struct SeriesInfo {
    std::string seriesInstanceUid, studyInstanceUid, frameOfReferenceUid, modality, description,
        patientName, patientId, studyDate, studyDescription, manufacturer;
    std::vector<std::string> imageType;
    SeriesRole role = SeriesRole::Other;  // guessed (guessRole); the user may override it

    std::vector<std::string> files;                       // distinct files, in slice order
    std::vector<SliceRef> slices;                         // one per k index of the volume, in order
    Eigen::Vector3i dims = Eigen::Vector3i::Zero();       // columns, rows, slices
    Eigen::Vector3d spacingMm = Eigen::Vector3d::Zero();  // column, row, slice step (mm)
    SliceOrientation orientation = SliceOrientation::Oblique;
    VolumeGeometry geometry;
    std::vector<std::string> warnings;
    std::vector<std::string> warningDetails;

    // Descriptive tags a user or the role guess needs.
    int seriesNumber = 0;
    std::optional<int> echoNumber;
    std::string manufacturerModelName, derivationDescription, scanningSequence, sequenceVariant,
        mrAcquisitionType;  // "2D", "3D" or empty
    std::optional<double> windowCenter, windowWidth, repetitionTimeMs, echoTimeMs, inversionTimeMs;
    double sliceThicknessMm = 0.0, gantryTiltDegrees = 0.0;
    int numberOfFrames = 1;  // frames per file (1 for classic single-frame series)
    /// Set when the files of one SeriesInstanceUID were split into several volumes: what
    /// tells this part apart ("128x128", "echo 2", "acquisition 3", ...); empty otherwise.
    std::string splitLabel;

    /// A series may hold several volumes (echoes, b-values, time points, mosaics, parts of
    /// different size or orientation): each is one SeriesInfo with the same
    /// seriesInstanceUid, `volumeIndex` 0..n-1 and the labels of all of them in
    /// `volumeLabels` (one label per volume, "" for a series of one volume). A series
    /// without a usable SeriesInstanceUID gets one made from what groups it (warning
    /// "no series uid").
    int volumeIndex = 0;
    std::vector<std::string> volumeLabels{""};
    int volumeCount() const { return static_cast<int>(volumeLabels.size()); }
    std::optional<double> bValue;
    bool mosaic = false;  // slices cut from Siemens mosaics

    /// Colour and palette images (RGB, YBR_*, PALETTE COLOR) load as 8-bit RGB pictures
    /// (loadPicture), never as a Volume: they hold no HU or intensities to sample or measure.
    int samplesPerPixel = 1;
    bool isColour() const { return samplesPerPixel != 1 || photometric == "PALETTE COLOR"; }
    /// False when the frames have no ImagePositionPatient/ImageOrientationPatient (a
    /// screenshot, a scanned document): `geometry` is then a placeholder, not a place.
    bool hasGeometry = true;

    // Pixel format shared by every slice, and the voxel type the loader produces.
    std::string transferSyntaxUid, photometric;
    int bitsAllocated = 16, bitsStored = 16, highBit = 15, pixelRepresentation = 0;
    VoxelType voxelType = VoxelType::Int16;
    double gapFillValue = 0.0;

    /// Adds a warning tag (once) and its detail sentence.
    void warn(const std::string& tag, const std::string& detail);
    bool hasWarning(const std::string& tag) const;
};

}  // namespace crosscheck
