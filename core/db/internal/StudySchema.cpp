#include "core/db/internal/StudySchema.h"

#include <stdexcept>
#include <string>

#include "core/db/internal/SqliteConnection.h"
#include "core/db/internal/SqliteStatement.h"
#include "core/db/internal/SqliteTransaction.h"

namespace crosscheck {

namespace {

// Version 1: patients, studies, series, instances; one row per SOPInstanceUID.
constexpr const char* kVersion1 = R"SQL(
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (1);
CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  patient_id TEXT NOT NULL,
  patient_name TEXT NOT NULL,
  UNIQUE (patient_id, patient_name));
CREATE TABLE studies (
  id INTEGER PRIMARY KEY,
  study_instance_uid TEXT NOT NULL UNIQUE,
  patient_ref INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  study_date TEXT NOT NULL DEFAULT '',
  study_description TEXT NOT NULL DEFAULT '');
CREATE TABLE series (
  id INTEGER PRIMARY KEY,
  series_instance_uid TEXT NOT NULL UNIQUE,
  study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  modality TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT 'other',
  series_number INTEGER NOT NULL DEFAULT 0);
CREATE TABLE instances (
  id INTEGER PRIMARY KEY,
  sop_instance_uid TEXT NOT NULL UNIQUE,
  series_ref INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  size_bytes INTEGER NOT NULL);
CREATE INDEX studies_patient ON studies(patient_ref);
CREATE INDEX series_study ON series(study_ref);
CREATE INDEX instances_series ON instances(series_ref);
)SQL";

// Version 2: files found gone by a check are marked (not deleted: they may come back, a
// disk may be unmounted), and the frame of reference is kept for opening without a scan.
constexpr const char* kVersion1To2 = R"SQL(
ALTER TABLE instances ADD COLUMN missing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE series ADD COLUMN frame_of_reference_uid TEXT NOT NULL DEFAULT '';
UPDATE schema_version SET version = 2;
)SQL";

const char* const kSteps[] = {kVersion1, kVersion1To2};

}  // namespace

int storedSchemaVersion(SqliteConnection& db) {
    SqliteStatement table(db,
                          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                          "'schema_version'");
    table.step();
    if (table.integer(0) == 0) {
        return 0;
    }
    SqliteStatement version(db, "SELECT max(version) FROM schema_version");
    return version.step() ? static_cast<int>(version.integer(0)) : 0;
}

void migrateStudySchema(SqliteConnection& db) {
    for (;;) {
        SqliteTransaction transaction(db);
        const int version = storedSchemaVersion(db);
        if (version > kStudySchemaVersion) {
            throw std::runtime_error(db.path() + ": the study database has schema version " +
                                     std::to_string(version) + ", newer than this build's " +
                                     std::to_string(kStudySchemaVersion));
        }
        if (version == kStudySchemaVersion) {
            transaction.commit();
            return;
        }
        db.exec(kSteps[version]);
        transaction.commit();
    }
}

}  // namespace crosscheck
