#pragma once

#include <optional>
#include <string>
#include <vector>

namespace crosscheck {

enum class QueryLevel { Patient, Study, Series };

const char* toString(QueryLevel level);  // "patient", "study", "series"
std::optional<QueryLevel> queryLevelFromString(const std::string& text);

/// What a C-FIND (or QIDO-RS search) asks for. Empty fields are not matched. `patientName`
/// may hold DICOM wildcards (`*`, `?`); `studyDate` is "YYYYMMDD" or a range
/// "YYYYMMDD-YYYYMMDD" (either end may be left open). At study level `modality` matches
/// ModalitiesInStudy. Study-level keys (date, modality, accession, study UID) are refused at
/// patient level by `checkQuery`.
struct PacsQuery {
    QueryLevel level = QueryLevel::Study;
    std::string patientName, patientId, patientBirthDate, studyDate, modality, accessionNumber,
        studyDescription, studyInstanceUid;
};

/// Throws std::invalid_argument when the query cannot be asked: a malformed date or range,
/// a study key at patient level.
void checkQuery(const PacsQuery& query);

/// One match. Keys below the match's level stay empty (and are left out of the JSON);
/// `instances` is the number of related instances the node reports, if it does.
struct PacsMatch {
    QueryLevel level = QueryLevel::Study;
    std::string patientId, patientName, studyInstanceUid, studyDate, studyDescription,
        accessionNumber, seriesInstanceUid, modality, seriesDescription;
    std::optional<int> instances;
};

}  // namespace crosscheck
