#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "core/util/Progress.h"
#include "core/volume/Volume.h"

namespace crosscheck {

/// The SOP class a series is written as.
enum class DicomImageKind { CT, MR };

/// The descriptive attributes of one series: what DicomSeriesWriter puts in every file
/// besides the geometry and pixels it takes from the Volume. Strings are DICOM values as
/// they go into the file (dates YYYYMMDD, times HHMMSS, PN with '^', multi-values with
/// '\'). Empty optional/strings of type 2 attributes are written empty, as the IODs ask.
struct DicomSeriesMetadata {
    DicomImageKind kind = DicomImageKind::CT;
    // Patient
    std::string patientName, patientId, patientBirthDate, patientSex;
    // Study
    std::string studyInstanceUid, studyDate, studyTime, studyId, accessionNumber, studyDescription,
        referringPhysicianName;
    // Series and frame of reference
    std::string seriesInstanceUid, seriesDescription, seriesDate, seriesTime, frameOfReferenceUid;
    int seriesNumber = 1;
    std::string bodyPartExamined, patientPosition = "HFS";
    // Equipment
    std::string manufacturer, manufacturerModelName, institutionName, stationName,
        deviceSerialNumber, softwareVersions;
    // Image
    std::string imageType;              ///< e.g. "ORIGINAL\PRIMARY\AXIAL"
    std::string derivationDescription;  ///< written when not empty
    std::string sopInstanceUidPrefix;   ///< instance n (1-based) gets prefix + "." + n
    std::string fileNamePrefix = "IM";  ///< files are prefix + 5-digit instance number + ".dcm"
    double sliceThicknessMm = 0.0;      ///< 0: the distance between slices
    /// Stored value = (value - rescaleIntercept) / rescaleSlope; CT only (MR stores values).
    double rescaleIntercept = 0.0, rescaleSlope = 1.0;
    std::string windowCenter, windowWidth, windowExplanation;  ///< VOI LUT, '\'-separated
    // CT
    std::string kvp = "120", convolutionKernel;
    // MR
    std::string scanningSequence, sequenceVariant, scanOptions, mrAcquisitionType, sequenceName;
    double repetitionTimeMs = 0.0, echoTimeMs = 0.0, flipAngleDeg = 0.0,
           magneticFieldStrengthT = 1.5;
    int echoTrainLength = 1;
    /// Further attributes by DICOM keyword (e.g. "PatientAge" -> "055Y"); unknown keywords
    /// make write() throw.
    std::map<std::string, std::string> extra;
};

/// Writes a Volume as a DICOM series of single-frame files (CT Image Storage or MR Image
/// Storage, Explicit VR Little Endian), one file per slice k, with every attribute the IOD
/// requires.
///
/// Geometry comes from the volume: ImageOrientationPatient from the i and j axes,
/// ImagePositionPatient of slice k = indexToPatient * (0, 0, k), PixelSpacing from the i/j
/// steps. Int16 volumes are written signed, UInt16 unsigned; Float32 is refused. For an Int16
/// CT the values are HU and the writer applies the rescale (values that do not fit are
/// clamped); UInt16 volumes and MR are written as stored values.
/// Files are written in parallel; an existing file is overwritten (checking the folder is
/// the caller's business).
class DicomSeriesWriter {
public:
    explicit DicomSeriesWriter(DicomSeriesMetadata metadata) : m_metadata(std::move(metadata)) {}

    /// Writes into `folder` (created if missing). Throws std::runtime_error naming the file
    /// and the reason on failure, Cancelled when cancelled. threads: 0 = all, 1 = serial.
    void write(const Volume& volume, const std::filesystem::path& folder,
               const Progress& progress = {}, int threads = 0) const;

    const DicomSeriesMetadata& metadata() const { return m_metadata; }
    /// The file name of instance n (1-based).
    std::string fileName(int instanceNumber) const;

private:
    DicomSeriesMetadata m_metadata;
};

}  // namespace crosscheck
