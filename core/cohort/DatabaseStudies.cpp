#include "core/cohort/DatabaseStudies.h"

#include <algorithm>
#include <stdexcept>

#include "core/db/StudyDatabase.h"

namespace crosscheck {

namespace fs = std::filesystem;

namespace {

/// Opening a StudyDatabase creates a missing file: a cohort must not invent an empty one.
void requireDatabaseFile(const fs::path& database) {
    std::error_code ec;
    if (!fs::is_regular_file(database, ec)) {
        throw std::invalid_argument(database.string() + ": no study database there");
    }
}

}  // namespace

bool isDatabaseStudy(const std::string& study) {
    return study.rfind(kDatabaseStudyPrefix, 0) == 0;
}

std::string databaseStudyReference(const std::string& studyInstanceUid, const fs::path& database) {
    return kDatabaseStudyPrefix + studyInstanceUid + "@" +
           fs::absolute(database).lexically_normal().string();
}

DatabaseStudy parseDatabaseStudy(const std::string& reference, const fs::path& defaultDatabase) {
    if (!isDatabaseStudy(reference)) {
        throw std::invalid_argument(reference + ": not a database study (db:UID)");
    }
    const std::string rest = reference.substr(std::string(kDatabaseStudyPrefix).size());
    // A UID holds digits and dots only, so the first '@' ends it (a path may hold '@').
    const std::size_t at = rest.find('@');
    DatabaseStudy study;
    study.studyInstanceUid = rest.substr(0, at);
    study.database = at == std::string::npos ? defaultDatabase : fs::path(rest.substr(at + 1));
    if (study.studyInstanceUid.empty()) {
        throw std::invalid_argument(reference + ": no StudyInstanceUID after db:");
    }
    if (study.database.empty()) {
        throw std::invalid_argument(reference + ": no study database given (--db FILE)");
    }
    return study;
}

std::vector<fs::path> databaseStudies(const fs::path& database,
                                      const std::vector<std::string>& studyUids) {
    requireDatabaseFile(database);
    const StudyDatabase db(database);
    std::vector<std::string> all;
    for (const IndexedSeries& s : db.listSeries()) {
        if (std::find(all.begin(), all.end(), s.studyInstanceUid) == all.end()) {
            all.push_back(s.studyInstanceUid);
        }
    }
    std::vector<std::string> chosen = studyUids.empty() ? all : studyUids;
    std::vector<fs::path> references;
    for (const std::string& uid : chosen) {
        if (std::find(all.begin(), all.end(), uid) == all.end()) {
            throw std::invalid_argument(database.string() + ": no study " + uid);
        }
        references.emplace_back(databaseStudyReference(uid, database));
    }
    return references;
}

std::vector<fs::path> databaseStudyFiles(const DatabaseStudy& study) {
    try {
        requireDatabaseFile(study.database);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(e.what());
    }
    const StudyDatabase db(study.database);
    std::vector<fs::path> files;
    for (const IndexedSeries& s : db.listSeries()) {
        if (s.studyInstanceUid != study.studyInstanceUid) {
            continue;
        }
        for (const std::string& file : db.seriesFiles(s.seriesInstanceUid)) {
            files.emplace_back(file);
        }
    }
    if (files.empty()) {
        throw std::runtime_error(study.database.string() + ": no study " + study.studyInstanceUid);
    }
    return files;
}

std::vector<fs::path> resultStudyPaths(const PatientResult& result) {
    try {
        if (isDatabaseStudy(result.study)) {
            return databaseStudyFiles(parseDatabaseStudy(result.study, result.database));
        }
        std::error_code ec;
        if (fs::is_directory(result.study, ec)) {
            return {fs::path(result.study)};
        }
    } catch (const std::exception&) {
        // Gone or unreadable: the caller shows that the study is not there.
    }
    return {};
}

}  // namespace crosscheck
