#include "core/db/StudyDatabase.h"

#include <sys/stat.h>

#include <cstdlib>
#include <set>
#include <stdexcept>
#include <system_error>

#include "core/db/internal/SqliteConnection.h"
#include "core/db/internal/SqliteStatement.h"
#include "core/db/internal/SqliteTransaction.h"
#include "core/db/internal/StudySchema.h"
#include "core/vocabulary/SeriesRole.h"

namespace crosscheck {

namespace fs = std::filesystem;

namespace {

// Whole series are committed together until a transaction holds at least this many
// instances: one transaction per small series would make 10,000 tiny commits.
constexpr int kInstancesPerTransaction = 2000;

std::string absolutePath(const std::string& file) {
    std::error_code ec;
    const fs::path p = fs::absolute(file, ec);
    return (ec ? fs::path(file) : p).lexically_normal().string();
}

long long fileSize(const std::string& file, long long known) {
    if (known >= 0) {
        return known;
    }
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    return ec ? 0 : static_cast<long long>(size);
}

}  // namespace

fs::path StudyDatabase::defaultLocation() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    fs::path base;
    if (xdg != nullptr && *xdg != '\0' && fs::path(xdg).is_absolute()) {
        base = xdg;
    } else {
        const char* home = std::getenv("HOME");
        base = fs::path(home != nullptr && *home != '\0' ? home : ".") / ".local" / "share";
    }
    return base / "crosscheck" / "studies.sqlite";
}

StudyDatabase::StudyDatabase(const fs::path& file) : m_file(file) {
    std::error_code ec;
    if (file.has_parent_path()) {
        fs::create_directories(file.parent_path(), ec);
        if (ec) {
            throw std::runtime_error(file.parent_path().string() +
                                     ": cannot create folder: " + ec.message());
        }
    }
    const bool existed = fs::exists(file, ec);
    m_db = std::make_unique<SqliteConnection>(file.string());
    if (!existed) {
        ::chmod(file.c_str(), S_IRUSR | S_IWUSR);  // patient data: the user's only
    }
    m_db->exec("PRAGMA journal_mode = WAL");
    m_db->exec("PRAGMA synchronous = NORMAL");
    m_db->exec("PRAGMA foreign_keys = ON");
    migrateStudySchema(*m_db);
    removeOrphans();
}

StudyDatabase::~StudyDatabase() = default;

std::string StudyDatabase::integrityCheck() const {
    std::string problems;
    SqliteStatement integrity(*m_db, "PRAGMA integrity_check");
    while (integrity.step()) {
        if (integrity.text(0) != "ok") {
            problems += integrity.text(0) + "; ";
        }
    }
    SqliteStatement keys(*m_db, "PRAGMA foreign_key_check");
    while (keys.step()) {
        problems += "row " + std::to_string(keys.integer(1)) + " of " + keys.text(0) +
                    " refers to a missing row of " + keys.text(2) + "; ";
    }
    return problems.empty() ? "ok" : problems;
}

int StudyDatabase::schemaVersion() const {
    return storedSchemaVersion(*m_db);
}

void StudyDatabase::removeOrphans() {
    SqliteTransaction transaction(*m_db);
    m_db->exec(
        "DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM instances i WHERE i.series_ref = "
        "series.id);"
        "DELETE FROM studies WHERE NOT EXISTS (SELECT 1 FROM series s WHERE s.study_ref = "
        "studies.id);"
        "DELETE FROM patients WHERE NOT EXISTS (SELECT 1 FROM studies s WHERE s.patient_ref = "
        "patients.id);");
    transaction.commit();
}

ImportSummary StudyDatabase::importPaths(const std::vector<fs::path>& paths,
                                         const Progress& progress) {
    ScanResult scan = scanPaths(paths, progress.subRange(0.0, 0.8));
    ImportSummary summary = addSeries(scan.series, progress.subRange(0.8, 1.0));
    summary.problems = std::move(scan.problems);
    return summary;
}

ImportSummary StudyDatabase::addSeries(const std::vector<SeriesInfo>& all,
                                       const Progress& progress) {
    ImportSummary summary;
    SqliteStatement patient(*m_db,
                            "INSERT INTO patients (patient_id, patient_name) VALUES (?1, ?2) "
                            "ON CONFLICT (patient_id, patient_name) DO UPDATE SET "
                            "patient_id = excluded.patient_id RETURNING id");
    SqliteStatement study(*m_db,
                          "INSERT INTO studies (study_instance_uid, patient_ref, study_date, "
                          "study_description) VALUES (?1, ?2, ?3, ?4) ON CONFLICT "
                          "(study_instance_uid) DO UPDATE SET study_date = excluded.study_date "
                          "RETURNING id");
    SqliteStatement findSeries(*m_db, "SELECT id FROM series WHERE series_instance_uid = ?1");
    SqliteStatement series(*m_db,
                           "INSERT INTO series (series_instance_uid, study_ref, modality, "
                           "description, role, series_number, frame_of_reference_uid) VALUES "
                           "(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    SqliteStatement instance(*m_db,
                             "INSERT OR IGNORE INTO instances (sop_instance_uid, series_ref, "
                             "path, size_bytes) VALUES (?1, ?2, ?3, ?4)");
    std::unique_ptr<SqliteTransaction> transaction;
    int inTransaction = 0;
    for (std::size_t n = 0; n < all.size(); ++n) {
        if (progress.cancelled()) {
            throw Cancelled();  // the open transaction rolls back: whole series only
        }
        const SeriesInfo& s = all[n];
        if (!transaction) {
            transaction = std::make_unique<SqliteTransaction>(*m_db);
        }
        patient.reset();
        patient.bind(1, s.patientId).bind(2, s.patientName).step();
        const long long patientRef = patient.integer(0);
        patient.reset();
        study.reset();
        study.bind(1, s.studyInstanceUid)
            .bind(2, patientRef)
            .bind(3, s.studyDate)
            .bind(4, s.studyDescription)
            .step();
        const long long studyRef = study.integer(0);
        study.reset();
        findSeries.reset();
        findSeries.bind(1, s.seriesInstanceUid);
        long long seriesRef = 0;
        if (findSeries.step()) {
            seriesRef = findSeries.integer(0);
        } else {
            series.reset();
            series.bind(1, s.seriesInstanceUid)
                .bind(2, studyRef)
                .bind(3, s.modality)
                .bind(4, s.description)
                .bind(5, std::string(toString(s.role)))
                .bind(6, static_cast<long long>(s.seriesNumber))
                .bind(7, s.frameOfReferenceUid)
                .step();
            seriesRef = m_db->lastInsertId();
            ++summary.seriesAdded;
        }
        findSeries.reset();
        std::set<std::string> seen;
        for (const SliceRef& slice : s.slices) {
            if (slice.missing || slice.sopInstanceUid.empty() || !seen.insert(slice.file).second) {
                continue;
            }
            instance.reset();
            instance.bind(1, slice.sopInstanceUid)
                .bind(2, seriesRef)
                .bind(3, absolutePath(slice.file))
                .bind(4, fileSize(slice.file, slice.fileSize))
                .step();
            if (m_db->changes() > 0) {
                ++summary.instancesAdded;
            } else {
                ++summary.duplicates;
            }
            ++inTransaction;
        }
        if (inTransaction >= kInstancesPerTransaction || n + 1 == all.size()) {
            transaction->commit();
            transaction.reset();
            inTransaction = 0;
            progress(double(n + 1) / all.size(), "indexing");
        }
    }
    // A series whose every instance was already indexed elsewhere leaves an empty row.
    removeOrphans();
    return summary;
}

std::vector<IndexedSeries> StudyDatabase::listSeries() const {
    // The counts are the series' own columns (schema 3, kept by triggers): no aggregate
    // over the instances, whose table is a hundred times longer.
    SqliteStatement q(*m_db,
                      "SELECT p.patient_id, p.patient_name, st.study_instance_uid, st.study_date, "
                      "st.study_description, se.series_instance_uid, se.modality, "
                      "se.description, se.role, se.frame_of_reference_uid, se.series_number, "
                      "se.instance_count, se.byte_count, se.missing_count "
                      "FROM series se JOIN studies st ON se.study_ref = st.id JOIN patients p "
                      "ON st.patient_ref = p.id "
                      "ORDER BY p.patient_name, st.study_date, st.study_instance_uid, "
                      "se.series_number, se.series_instance_uid");
    std::vector<IndexedSeries> out;
    {
        SqliteStatement count(*m_db, "SELECT count(*) FROM series");
        count.step();
        out.reserve(static_cast<std::size_t>(count.integer(0)));  // no regrowth copies
    }
    while (q.step()) {
        IndexedSeries s;
        s.patientId = q.text(0);
        s.patientName = q.text(1);
        s.studyInstanceUid = q.text(2);
        s.studyDate = q.text(3);
        s.studyDescription = q.text(4);
        s.seriesInstanceUid = q.text(5);
        s.modality = q.text(6);
        s.description = q.text(7);
        s.role = q.text(8);
        s.frameOfReferenceUid = q.text(9);
        s.seriesNumber = static_cast<int>(q.integer(10));
        s.instances = static_cast<int>(q.integer(11));
        s.bytes = q.integer(12);
        s.missing = static_cast<int>(q.integer(13));
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<std::string> StudyDatabase::seriesFiles(const std::string& seriesInstanceUid) const {
    SqliteStatement q(*m_db,
                      "SELECT i.path FROM instances i JOIN series se ON i.series_ref = se.id "
                      "WHERE se.series_instance_uid = ?1 ORDER BY i.id");
    q.bind(1, seriesInstanceUid);
    std::vector<std::string> out;
    while (q.step()) {
        out.push_back(q.text(0));
    }
    return out;
}

std::vector<std::string> StudyDatabase::studyFiles(const std::string& studyInstanceUid) const {
    SqliteStatement q(*m_db,
                      "SELECT i.path FROM instances i JOIN series se ON i.series_ref = se.id "
                      "JOIN studies st ON se.study_ref = st.id WHERE st.study_instance_uid = ?1 "
                      "ORDER BY se.id, i.id");
    q.bind(1, studyInstanceUid);
    std::vector<std::string> out;
    while (q.step()) {
        out.push_back(q.text(0));
    }
    return out;
}

std::vector<VanishedFile> StudyDatabase::checkFiles() {
    struct Row {
        long long id;
        std::string path, series;
        long long size;
        bool missing;
    };
    std::vector<Row> rows;
    {
        SqliteStatement q(*m_db,
                          "SELECT i.id, i.path, se.series_instance_uid, i.size_bytes, i.missing "
                          "FROM instances i JOIN series se ON i.series_ref = se.id ORDER BY "
                          "i.path");
        while (q.step()) {
            rows.push_back({q.integer(0), q.text(1), q.text(2), q.integer(3), q.integer(4) != 0});
        }
    }
    std::vector<VanishedFile> vanished;
    SqliteTransaction transaction(*m_db);
    SqliteStatement mark(*m_db, "UPDATE instances SET missing = ?1 WHERE id = ?2");
    for (const Row& r : rows) {
        std::error_code ec;
        const auto size = fs::file_size(r.path, ec);
        std::string reason;
        if (ec) {
            reason = "no longer on disk";
        } else if (static_cast<long long>(size) != r.size) {
            reason = "changed size (" + std::to_string(r.size) + " bytes indexed, " +
                     std::to_string(size) + " now)";
        }
        if (!reason.empty()) {
            vanished.push_back({r.path, r.series, reason});
        }
        if (reason.empty() == r.missing) {
            mark.reset();
            mark.bind(1, static_cast<long long>(!reason.empty())).bind(2, r.id).step();
        }
    }
    transaction.commit();
    return vanished;
}

int StudyDatabase::removeStudy(const std::string& studyInstanceUid) {
    SqliteTransaction transaction(*m_db);
    SqliteStatement count(*m_db,
                          "SELECT count(*) FROM instances i JOIN series se ON i.series_ref = "
                          "se.id JOIN studies st ON se.study_ref = st.id WHERE "
                          "st.study_instance_uid = ?1");
    count.bind(1, studyInstanceUid).step();
    const int instances = static_cast<int>(count.integer(0));
    count.reset();
    SqliteStatement remove(*m_db, "DELETE FROM studies WHERE study_instance_uid = ?1");
    remove.bind(1, studyInstanceUid).step();
    m_db->exec(
        "DELETE FROM patients WHERE NOT EXISTS (SELECT 1 FROM studies s WHERE s.patient_ref = "
        "patients.id)");
    transaction.commit();
    return instances;
}

}  // namespace crosscheck
