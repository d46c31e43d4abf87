#include "core/pacs/PacsQuery.h"

#include <stdexcept>

namespace crosscheck {

const char* toString(QueryLevel level) {
    switch (level) {
        case QueryLevel::Patient:
            return "patient";
        case QueryLevel::Study:
            return "study";
        case QueryLevel::Series:
            return "series";
    }
    return "study";
}

std::optional<QueryLevel> queryLevelFromString(const std::string& text) {
    for (QueryLevel level : {QueryLevel::Patient, QueryLevel::Study, QueryLevel::Series}) {
        if (text == toString(level)) {
            return level;
        }
    }
    return std::nullopt;
}

namespace {

bool isDate(const std::string& d) {
    if (d.size() != 8 || d.find_first_not_of("0123456789") != std::string::npos) {
        return false;
    }
    const int month = std::stoi(d.substr(4, 2)), day = std::stoi(d.substr(6, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

void checkQuery(const PacsQuery& query) {
    const std::string& d = query.studyDate;
    if (!d.empty()) {
        const auto dash = d.find('-');
        const bool ok = dash == std::string::npos
                            ? isDate(d)
                            : (d.size() > 1 && (dash == 0 || isDate(d.substr(0, dash))) &&
                               (dash + 1 == d.size() || isDate(d.substr(dash + 1))));
        if (!ok) {
            throw std::invalid_argument("study date '" + d +
                                        "' is not YYYYMMDD or YYYYMMDD-YYYYMMDD");
        }
    }
    if (!query.patientBirthDate.empty() && !isDate(query.patientBirthDate)) {
        throw std::invalid_argument("birth date '" + query.patientBirthDate + "' is not YYYYMMDD");
    }
    if (query.level == QueryLevel::Patient &&
        !(query.studyDate.empty() && query.modality.empty() && query.accessionNumber.empty() &&
          query.studyInstanceUid.empty() && query.studyDescription.empty())) {
        throw std::invalid_argument(
            "study date, modality, accession, description and study UID need --level study "
            "or series");
    }
}

}  // namespace crosscheck
