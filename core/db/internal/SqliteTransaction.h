#pragma once

// Private to core/db.

namespace crosscheck {

class SqliteConnection;

/// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() was called:
/// an exception or a killed process leaves the database as it was before.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteConnection& db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    void commit();

private:
    SqliteConnection& m_db;
    bool m_done = false;
};

}  // namespace crosscheck
