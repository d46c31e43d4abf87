#pragma once

// Private to core/db: the database's schema, versioned, and the steps between versions.

namespace crosscheck {

class SqliteConnection;

/// The schema version this build writes.
inline constexpr int kStudySchemaVersion = 3;

/// Brings the database to kStudySchemaVersion: creates the tables in an empty file, or runs
/// each migration step from the stored version up, each in its own transaction. Throws
/// std::runtime_error naming the file for a database newer than this build.
void migrateStudySchema(SqliteConnection& db);

/// The version stored in the file (0 for an empty file).
int storedSchemaVersion(SqliteConnection& db);

}  // namespace crosscheck
