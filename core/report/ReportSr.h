#pragma once

#include <filesystem>

#include "core/report/ReportModel.h"

namespace crosscheck {

/// Writes the report as a DICOM Enhanced SR, Imaging Measurement Report (TID 1500), built
/// with DCMTK's TID 1500 classes (which refuse an invalid tree).
///
/// One measurement group (TID 1501) per ROI and series with numbers: tracking identifier
/// "<label> in <role>", the ROI's tracking UID (the same finding in every series), finding
/// Lesion (52988006, SCT), finding site Spine (421060004, SCT). CT and sCT: Attenuation
/// Coefficient (112031, DCM) in [hnsf'U] with derivation Mean, Standard Deviation, Median,
/// Minimum, Maximum; T1w/T2w: T1/T2 Weighted MR Signal Intensity (110804/110805, DCM),
/// other series MR signal intensity (110852, DCM), in [arb'U]; then Long Axis, Short Axis
/// (mm), Area (mm2) or Volume (mm3) of the ROI's shape. Each measurement references the
/// image it was taken on, with the ROI's outline as an Image Region SCOORD when the ROI
/// lies in that slice. sCT groups carry the synthetic-CT statement and CT - sCT as text.
/// Every referenced image is listed in the Current Requested Procedure Evidence and the
/// image library. The SR joins the report's study (a new series). When the report is
/// anonymized, PatientIdentityRemoved = YES and DeidentificationMethod are set.
///
/// Written atomically (temporary file + rename); throws ReportWriteError naming the file.
/// Does not check for an existing file: writeReport does.
void writeReportSr(const ReportModel& report, const std::filesystem::path& path);

}  // namespace crosscheck
