#include "core/db/internal/SqliteConnection.h"

#include <sqlite3.h>

#include <stdexcept>

namespace crosscheck {

SqliteConnection::SqliteConnection(const std::string& path) : m_path(path) {
    const int rc =
        sqlite3_open_v2(path.c_str(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw std::runtime_error(path + ": cannot open the study database: " + message);
    }
    // Another process importing at the same time waits for its lock instead of failing.
    sqlite3_busy_timeout(m_db, 10000);
}

SqliteConnection::~SqliteConnection() {
    sqlite3_close(m_db);
}

void SqliteConnection::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errmsg(m_db);
        sqlite3_free(message);
        throw std::runtime_error(m_path + ": " + text);
    }
}

int SqliteConnection::changes() const {
    return sqlite3_changes(m_db);
}

long long SqliteConnection::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}

void SqliteConnection::fail(const std::string& what) const {
    throw std::runtime_error(m_path + ": " + what + ": " + sqlite3_errmsg(m_db));
}

}  // namespace crosscheck
