#include "core/report/ReportDicomHeader.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

namespace crosscheck {

namespace {

std::string text(DcmDataset& dataset, const DcmTagKey& tag) {
    OFString value;
    if (dataset.findAndGetOFStringArray(tag, value).good()) {
        return value.c_str();
    }
    return {};
}

}  // namespace

std::optional<ReportDicomHeader> readReportDicomHeader(const std::string& file) {
    DcmFileFormat format;
    // The header only: pixel data is neither needed nor cheap.
    if (format
            .loadFileUntilTag(file.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                              ERM_autoDetect, DCM_PixelData)
            .bad()) {
        return std::nullopt;
    }
    DcmDataset& d = *format.getDataset();
    ReportDicomHeader h;
    h.sopClassUid = text(d, DCM_SOPClassUID);
    h.sopInstanceUid = text(d, DCM_SOPInstanceUID);
    h.patientName = text(d, DCM_PatientName);
    h.patientId = text(d, DCM_PatientID);
    h.patientBirthDate = text(d, DCM_PatientBirthDate);
    h.patientSex = text(d, DCM_PatientSex);
    h.studyInstanceUid = text(d, DCM_StudyInstanceUID);
    h.studyDate = text(d, DCM_StudyDate);
    h.studyTime = text(d, DCM_StudyTime);
    h.studyDescription = text(d, DCM_StudyDescription);
    h.accessionNumber = text(d, DCM_AccessionNumber);
    h.studyId = text(d, DCM_StudyID);
    h.bodyPartExamined = text(d, DCM_BodyPartExamined);
    h.laterality = text(d, DCM_Laterality);
    h.imageLaterality = text(d, DCM_ImageLaterality);
    if (h.sopClassUid.empty() || h.sopInstanceUid.empty()) {
        return std::nullopt;
    }
    return h;
}

}  // namespace crosscheck
