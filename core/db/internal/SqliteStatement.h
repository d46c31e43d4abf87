#pragma once

// Private to core/db: a prepared statement.

#include <string>

struct sqlite3_stmt;

namespace crosscheck {

class SqliteConnection;

/// A prepared SQLite statement: bind by 1-based index, step through rows, read columns by
/// 0-based index. reset() makes it reusable with new bindings.
class SqliteStatement {
public:
    SqliteStatement(SqliteConnection& db, const std::string& sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    SqliteStatement& bind(int index, const std::string& value);
    SqliteStatement& bind(int index, long long value);
    /// True while there is a row to read; false when done. Throws on error.
    bool step();
    void reset();

    std::string text(int column) const;
    long long integer(int column) const;

private:
    SqliteConnection& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

}  // namespace crosscheck
