#pragma once

#include <filesystem>

// Internal to the report's DICOM writers (ReportSr.cpp, ReportSeg.cpp): only forward
// declarations of DCMTK types, so no DCMTK header reaches other code.
class DcmDataset;
class DcmFileFormat;

namespace crosscheck {

/// Marks the dataset of an anonymized report object: PatientIdentityRemoved YES, the
/// de-identification method (PS3.15 Annex E basic profile) and its code (113100, DCM).
/// Throws ReportWriteError naming `path` when DCMTK refuses a value.
void markDeidentified(DcmDataset& dataset, const std::filesystem::path& path);

/// Saves the file (explicit VR little endian) to a temporary file in the target's folder
/// and renames it over `path` only when complete; throws ReportWriteError naming `path`
/// and the reason, leaving no temporary file behind.
void saveDicomAtomically(DcmFileFormat& file, const std::filesystem::path& path);

}  // namespace crosscheck
