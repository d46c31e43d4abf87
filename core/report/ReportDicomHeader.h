#pragma once

#include <optional>
#include <string>

namespace crosscheck {

/// The few header values of one DICOM image a report needs: the image's SOP UIDs (to
/// reference it from the SR), the patient and study tags SeriesInfo does not keep, and the
/// anatomy a SEG on the image repeats (body part, series and image laterality).
/// Read with DCMTK up to the pixel data; no DCMTK type leaves the .cpp.
struct ReportDicomHeader {
    std::string sopClassUid, sopInstanceUid;
    std::string patientName, patientId, patientBirthDate, patientSex;
    std::string studyInstanceUid, studyDate, studyTime, studyDescription, accessionNumber, studyId;
    std::string bodyPartExamined;  ///< (0018,0015), empty when absent
    std::string laterality;        ///< series Laterality (0020,0060): R, L or empty
    std::string imageLaterality;   ///< Image Laterality (0020,0062): R, L, U, B or empty
};

/// Empty when the file cannot be read as DICOM.
std::optional<ReportDicomHeader> readReportDicomHeader(const std::string& file);

}  // namespace crosscheck
