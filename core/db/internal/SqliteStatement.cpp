#include "core/db/internal/SqliteStatement.h"

#include <sqlite3.h>

#include "core/db/internal/SqliteConnection.h"

namespace crosscheck {

SqliteStatement::SqliteStatement(SqliteConnection& db, const std::string& sql) : m_db(db) {
    if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &m_stmt, nullptr) != SQLITE_OK) {
        m_db.fail("cannot prepare '" + sql + "'");
    }
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_stmt);
}

SqliteStatement& SqliteStatement::bind(int index, const std::string& value) {
    if (sqlite3_bind_text(m_stmt, index, value.c_str(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
        m_db.fail("cannot bind a value");
    }
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, long long value) {
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) {
        m_db.fail("cannot bind a value");
    }
    return *this;
}

bool SqliteStatement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc != SQLITE_DONE) {
        m_db.fail("query failed");
    }
    return false;
}

void SqliteStatement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string SqliteStatement::text(int column) const {
    const unsigned char* t = sqlite3_column_text(m_stmt, column);
    return t ? reinterpret_cast<const char*>(t) : std::string();
}

long long SqliteStatement::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

}  // namespace crosscheck
