#pragma once

#include <string>
#include <vector>

#include "core/pacs/PacsQuery.h"

namespace crosscheck {

/// The C-FIND matching rules, for searching what is known locally (the study database) the
/// way a node would be searched. An empty key matches everything.

/// `value` matches a DICOM wildcard `pattern` (`*` any run of characters, `?` one),
/// ignoring case as most PACS do for names.
bool matchesWildcard(const std::string& pattern, const std::string& value);

/// `date` ("YYYYMMDD") lies in `range`: "YYYYMMDD", "FROM-TO", "-TO" or "FROM-" (ends
/// included). A study without a date matches only an empty range.
bool matchesDateRange(const std::string& range, const std::string& date);

/// `study` (a study-level match) answers the query's patient name, patient ID, study date,
/// accession number, description and study UID, and `modalitiesInStudy` holds the query's
/// modality. The birth date is not matched (the database does not keep it).
bool studyMatches(const PacsQuery& query, const PacsMatch& study,
                  const std::vector<std::string>& modalitiesInStudy);

}  // namespace crosscheck
