#pragma once

// Private to core/db: a minimal RAII layer over SQLite's C API.

#include <string>

struct sqlite3;

namespace crosscheck {

/// One open SQLite database file. Throws std::runtime_error naming the file and SQLite's
/// message on every failure. Not thread-safe; one connection per thread.
class SqliteConnection {
public:
    explicit SqliteConnection(const std::string& path);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    /// Runs one or more statements that return no rows.
    void exec(const std::string& sql);
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    int changes() const;
    long long lastInsertId() const;
    /// Throws the error for a failed SQLite call `code` during `what`.
    [[noreturn]] void fail(const std::string& what) const;

    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    sqlite3* m_db = nullptr;
};

}  // namespace crosscheck
