#include "core/pacs/QueryMatching.h"

#include <algorithm>
#include <cctype>

namespace crosscheck {

namespace {

bool sameLetter(char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
}

/// Iterative wildcard matching with backtracking to the last '*' (linear in practice).
bool wildcard(const std::string& p, const std::string& v) {
    std::size_t pi = 0, vi = 0, star = std::string::npos, resume = 0;
    while (vi < v.size()) {
        if (pi < p.size() && (p[pi] == '?' || (p[pi] != '*' && sameLetter(p[pi], v[vi])))) {
            ++pi;
            ++vi;
        } else if (pi < p.size() && p[pi] == '*') {
            star = pi++;
            resume = vi;
        } else if (star != std::string::npos) {
            pi = star + 1;
            vi = ++resume;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == '*') {
        ++pi;
    }
    return pi == p.size();
}

}  // namespace

bool matchesWildcard(const std::string& pattern, const std::string& value) {
    return pattern.empty() || wildcard(pattern, value);
}

bool matchesDateRange(const std::string& range, const std::string& date) {
    if (range.empty()) {
        return true;
    }
    if (date.empty()) {
        return false;
    }
    const auto dash = range.find('-');
    if (dash == std::string::npos) {
        return date == range;
    }
    const std::string from = range.substr(0, dash), to = range.substr(dash + 1);
    // "YYYYMMDD" strings order like the dates they name.
    return (from.empty() || date >= from) && (to.empty() || date <= to);
}

bool studyMatches(const PacsQuery& query, const PacsMatch& study,
                  const std::vector<std::string>& modalitiesInStudy) {
    const bool modalityOk =
        query.modality.empty() ||
        std::any_of(modalitiesInStudy.begin(), modalitiesInStudy.end(),
                    [&](const std::string& m) { return matchesWildcard(query.modality, m); });
    return modalityOk && matchesWildcard(query.patientName, study.patientName) &&
           matchesWildcard(query.patientId, study.patientId) &&
           matchesDateRange(query.studyDate, study.studyDate) &&
           matchesWildcard(query.accessionNumber, study.accessionNumber) &&
           matchesWildcard(query.studyDescription, study.studyDescription) &&
           (query.studyInstanceUid.empty() || query.studyInstanceUid == study.studyInstanceUid);
}

}  // namespace crosscheck
