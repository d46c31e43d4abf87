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

// Version 3: each series keeps its instance, byte and missing counts, kept right by
// triggers in the same transaction as the change, so listing 10,000 series reads 10,000
// rows instead of aggregating every instance (a million rows for 100-slice series).
constexpr const char* kVersion2To3 = R"SQL(
ALTER TABLE series ADD COLUMN instance_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE series ADD COLUMN byte_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE series ADD COLUMN missing_count INTEGER NOT NULL DEFAULT 0;
UPDATE series SET
  instance_count = (SELECT count(*) FROM instances i WHERE i.series_ref = series.id),
  byte_count = (SELECT coalesce(sum(size_bytes), 0) FROM instances i WHERE i.series_ref = series.id),
  missing_count = (SELECT coalesce(sum(missing), 0) FROM instances i WHERE i.series_ref = series.id);
CREATE TRIGGER instances_counted_in AFTER INSERT ON instances BEGIN
  UPDATE series SET instance_count = instance_count + 1, byte_count = byte_count + NEW.size_bytes,
    missing_count = missing_count + NEW.missing WHERE id = NEW.series_ref;
END;
CREATE TRIGGER instances_counted_out AFTER DELETE ON instances BEGIN
  UPDATE series SET instance_count = instance_count - 1, byte_count = byte_count - OLD.size_bytes,
    missing_count = missing_count - OLD.missing WHERE id = OLD.series_ref;
END;
CREATE TRIGGER instances_recounted AFTER UPDATE OF series_ref, size_bytes, missing ON instances BEGIN
  UPDATE series SET instance_count = instance_count - 1, byte_count = byte_count - OLD.size_bytes,
    missing_count = missing_count - OLD.missing WHERE id = OLD.series_ref;
  UPDATE series SET instance_count = instance_count + 1, byte_count = byte_count + NEW.size_bytes,
    missing_count = missing_count + NEW.missing WHERE id = NEW.series_ref;
END;
UPDATE schema_version SET version = 3;
)SQL";

const char* const kSteps[] = {kVersion1, kVersion1To2, kVersion2To3};

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
