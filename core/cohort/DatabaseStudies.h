#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/cohort/PatientResult.h"

namespace crosscheck {

/// Studies of the local study database (core/db) as cohort patients.
///
/// A database study is named in a run by a reference "db:STUDY_UID@DATABASE_FILE" (the
/// database path absolute), so that one string carries everything a worker thread or a
/// Slurm task needs to measure it; the patient, and so its result file, is named by the
/// StudyInstanceUID, which is unique by definition (a UID holds only digits and dots:
/// a safe file name, and never the same for two studies). The study's series are the
/// files the database indexes for it: no folder is walked, only those files' headers are
/// read again (the loader needs their geometry, which the index does not keep).
inline constexpr const char* kDatabaseStudyPrefix = "db:";

/// True for a "db:..." reference.
bool isDatabaseStudy(const std::string& study);

/// "db:UID@FILE" for a study of the database file (made absolute).
std::string databaseStudyReference(const std::string& studyInstanceUid,
                                   const std::filesystem::path& database);

/// The two parts of a reference. "db:UID" without "@FILE" takes `defaultDatabase`. Throws
/// std::invalid_argument for a reference without a UID or without a database.
struct DatabaseStudy {
    std::string studyInstanceUid;
    std::filesystem::path database;
};
DatabaseStudy parseDatabaseStudy(const std::string& reference,
                                 const std::filesystem::path& defaultDatabase = {});

/// The references of the database's studies: every study (in `db list`'s order: patient
/// name, study date, UID) when `studyUids` is empty, else those (in the order given).
/// Throws std::invalid_argument when the database file does not exist or a UID is not a
/// study of it (the message names the file and the UID), std::runtime_error when the file
/// cannot be opened as a study database.
std::vector<std::filesystem::path> databaseStudies(const std::filesystem::path& database,
                                                   const std::vector<std::string>& studyUids);

/// Every file the database indexes for the study (all its series), in index order. Throws
/// std::runtime_error when the database is missing or holds no such study.
std::vector<std::filesystem::path> databaseStudyFiles(const DatabaseStudy& study);

/// What to scan to read a result's study again (the cohort PDF's thumbnails): its study
/// folder, or the files the database indexes for a database study. Empty when they are
/// gone (no such folder; the database or the study no longer there). Never throws.
std::vector<std::filesystem::path> resultStudyPaths(const PatientResult& result);

}  // namespace crosscheck
