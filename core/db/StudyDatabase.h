#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/db/IndexedSeries.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesInfo.h"
#include "core/util/Progress.h"

namespace crosscheck {

class SqliteConnection;

/// What an import did: series new to the database, instances added, instances already
/// there (same SOPInstanceUID: ignored), and the files the scan could not use.
struct ImportSummary {
    int seriesAdded = 0;
    int instancesAdded = 0;
    int duplicates = 0;
    std::vector<ScanProblem> problems;
};

/// A file the database indexes that is no longer on disk (or changed size).
struct VanishedFile {
    std::string file, seriesInstanceUid, reason;
};

/// The local study database: every imported or retrieved series indexed once (patient,
/// study, series with its guessed role, instances with SOPInstanceUID, path and size) in one
/// SQLite file, so a study can be listed and opened again without re-reading its files.
///
/// Each series (or a batch of whole series) is written in one transaction, so a process
/// killed mid-import leaves a database holding whole series only, and importing again
/// finishes the job; instances already present (same SOPInstanceUID) are ignored. The
/// schema is versioned and migrated on open (internal/StudySchema). Opening also removes
/// rows left without children (a series without instances, ...), which keeps the listing
/// honest whatever happened before. Paths are stored absolute. Not thread-safe: one
/// StudyDatabase per thread; several processes may share the file (SQLite locking, WAL).
class StudyDatabase {
public:
    /// Opens (creating file and folders if needed, user-only permissions) and migrates.
    /// Throws std::runtime_error naming the file.
    explicit StudyDatabase(const std::filesystem::path& file);
    ~StudyDatabase();
    StudyDatabase(const StudyDatabase&) = delete;
    StudyDatabase& operator=(const StudyDatabase&) = delete;

    /// $XDG_DATA_HOME/crosscheck/studies.sqlite, or ~/.local/share/crosscheck/studies.sqlite.
    static std::filesystem::path defaultLocation();

    /// Scans the paths with core/dicom's scanner (headers only) and indexes what it found.
    ImportSummary importPaths(const std::vector<std::filesystem::path>& paths,
                              const Progress& progress = {});
    /// Indexes series already scanned (their slices' files and SOPInstanceUIDs).
    ImportSummary addSeries(const std::vector<SeriesInfo>& series, const Progress& progress = {});

    /// Every series, ordered by patient name, study date, study and series number.
    std::vector<IndexedSeries> listSeries() const;
    /// The indexed files of one series, in the order they were indexed.
    std::vector<std::string> seriesFiles(const std::string& seriesInstanceUid) const;
    /// The indexed files of every series of one study (series by series, each in the order
    /// indexed); empty when the study is not indexed. What IndexedStudyLoading opens.
    std::vector<std::string> studyFiles(const std::string& studyInstanceUid) const;
    /// Checks every indexed file is still there with its size; marks the ones gone as
    /// missing (and unmarks those back) and returns them.
    std::vector<VanishedFile> checkFiles();
    /// Removes a study from the index (not its files); returns the instances removed.
    int removeStudy(const std::string& studyInstanceUid);

    /// SQLite's integrity check, foreign keys included: "ok", or what is wrong.
    std::string integrityCheck() const;
    int schemaVersion() const;
    const std::filesystem::path& file() const { return m_file; }

private:
    void removeOrphans();

    std::filesystem::path m_file;
    std::unique_ptr<SqliteConnection> m_db;
};

}  // namespace crosscheck
