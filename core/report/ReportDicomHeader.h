#pragma once

#include <optional>
#include <string>

namespace crosscheck {

/// The few header values of one DICOM image a report needs: the image's SOP UIDs (to
/// reference it from the SR) and the patient and study tags SeriesInfo does not keep.
/// Read with DCMTK up to the pixel data; no DCMTK type leaves the .cpp.
struct ReportDicomHeader {
    std::string sopClassUid, sopInstanceUid;
    std::string patientName, patientId, patientBirthDate, patientSex;
    std::string studyInstanceUid, studyDate, studyTime, studyDescription, accessionNumber, studyId;
};

/// Empty when the file cannot be read as DICOM.
std::optional<ReportDicomHeader> readReportDicomHeader(const std::string& file);

}  // namespace crosscheck
