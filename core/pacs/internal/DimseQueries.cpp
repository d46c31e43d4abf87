#include "core/pacs/internal/DimseQueries.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmnet/diutil.h>

#include <cstdio>
#include <memory>

#include "core/pacs/internal/DimseScu.h"

namespace crosscheck {

namespace {

std::string text(DcmDataset& d, const DcmTagKey& tag) {
    OFString value;
    if (d.findAndGetOFStringArray(tag, value).good()) {
        std::string s = value.c_str();
        while (!s.empty() && s.back() == ' ') {
            s.pop_back();
        }
        return s;
    }
    return {};
}

std::optional<int> number(DcmDataset& d, const DcmTagKey& tag) {
    const std::string s = text(d, tag);
    if (s.empty() || s.find_first_not_of("0123456789 ") != std::string::npos) {
        return std::nullopt;
    }
    return std::stoi(s);
}

void put(DcmDataset& keys, const DcmTagKey& tag, const std::string& value) {
    keys.putAndInsertString(tag, value.c_str());
}

std::string hex(Uint16 status) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04X", static_cast<unsigned>(status));
    return buffer;
}

/// Frees DCMTK's response list however the caller leaves.
struct FindResponses {
    OFList<QRResponse*> list;
    ~FindResponses() {
        for (QRResponse* r : list) {
            delete r;
        }
    }
};

}  // namespace

OFList<OFString> networkSyntaxes() {
    OFList<OFString> syntaxes;
    syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
    syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
    return syntaxes;
}

std::vector<PacsMatch> runFind(DimseScu& scu, T_ASC_PresentationContextID id,
                               const PacsQuery& query) {
    DcmDataset keys;
    const QueryLevel level = query.level;
    put(keys, DCM_QueryRetrieveLevel,
        level == QueryLevel::Patient ? "PATIENT"
        : level == QueryLevel::Study ? "STUDY"
                                     : "SERIES");
    put(keys, DCM_PatientName, query.patientName);
    put(keys, DCM_PatientID, query.patientId);
    put(keys, DCM_PatientBirthDate, query.patientBirthDate);
    if (level == QueryLevel::Patient) {
        put(keys, DCM_NumberOfPatientRelatedInstances, "");
    } else {
        put(keys, DCM_StudyInstanceUID, query.studyInstanceUid);
        put(keys, DCM_StudyDate, query.studyDate);
        put(keys, DCM_StudyDescription, query.studyDescription);
        put(keys, DCM_AccessionNumber, query.accessionNumber);
    }
    if (level == QueryLevel::Study) {
        put(keys, DCM_ModalitiesInStudy, query.modality);
        put(keys, DCM_NumberOfStudyRelatedInstances, "");
    } else if (level == QueryLevel::Series) {
        put(keys, DCM_SeriesInstanceUID, "");
        put(keys, DCM_Modality, query.modality);
        put(keys, DCM_SeriesDescription, "");
        put(keys, DCM_NumberOfSeriesRelatedInstances, "");
    }
    FindResponses responses;
    const OFCondition cond = scu.sendFINDRequest(id, &keys, &responses.list);
    if (cond.bad()) {
        throw scu.error(cond, "waiting for C-FIND answers");
    }
    std::vector<PacsMatch> matches;
    for (QRResponse* r : responses.list) {
        if (r->m_dataset == nullptr) {
            if (r->m_status != STATUS_Success && !DICOM_PENDING_STATUS(r->m_status)) {
                throw PacsError(scu.node().address(), PacsFailure::Refused,
                                std::string("the C-FIND was refused (status 0x") +
                                    hex(r->m_status) + ": " + DU_cfindStatusString(r->m_status) +
                                    ")");
            }
            continue;
        }
        DcmDataset& d = *r->m_dataset;
        PacsMatch m;
        m.level = level;
        m.patientId = text(d, DCM_PatientID);
        m.patientName = text(d, DCM_PatientName);
        if (level == QueryLevel::Patient) {
            m.instances = number(d, DCM_NumberOfPatientRelatedInstances);
        } else {
            m.studyInstanceUid = text(d, DCM_StudyInstanceUID);
            m.studyDate = text(d, DCM_StudyDate);
            m.studyDescription = text(d, DCM_StudyDescription);
            m.accessionNumber = text(d, DCM_AccessionNumber);
        }
        if (level == QueryLevel::Study) {
            m.modality = text(d, DCM_ModalitiesInStudy);
            m.instances = number(d, DCM_NumberOfStudyRelatedInstances);
        } else if (level == QueryLevel::Series) {
            m.seriesInstanceUid = text(d, DCM_SeriesInstanceUID);
            m.modality = text(d, DCM_Modality);
            m.seriesDescription = text(d, DCM_SeriesDescription);
            m.instances = number(d, DCM_NumberOfSeriesRelatedInstances);
        }
        matches.push_back(std::move(m));
    }
    return matches;
}

int countInstances(DimseScu& scu, const RetrieveRequest& request) {
    const T_ASC_PresentationContextID id =
        scu.findAnyPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "");
    if (id == 0) {
        return -1;
    }
    PacsQuery query;
    query.level = request.seriesInstanceUid.empty() ? QueryLevel::Study : QueryLevel::Series;
    query.studyInstanceUid = request.studyInstanceUid;
    int total = 0;
    bool known = false;
    for (const PacsMatch& m : runFind(scu, id, query)) {
        if (!request.seriesInstanceUid.empty() &&
            m.seriesInstanceUid != request.seriesInstanceUid) {
            continue;
        }
        if (m.instances) {
            total += *m.instances;
            known = true;
        }
    }
    return known ? total : -1;
}

void retrieveKeys(const RetrieveRequest& request, DcmDataset& keys) {
    const bool series = !request.seriesInstanceUid.empty();
    put(keys, DCM_QueryRetrieveLevel, series ? "SERIES" : "STUDY");
    put(keys, DCM_StudyInstanceUID, request.studyInstanceUid);
    if (series) {
        put(keys, DCM_SeriesInstanceUID, request.seriesInstanceUid);
    }
}

}  // namespace crosscheck
