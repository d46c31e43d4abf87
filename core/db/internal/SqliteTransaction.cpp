#include "core/db/internal/SqliteTransaction.h"

#include <exception>

#include "core/db/internal/SqliteConnection.h"

namespace crosscheck {

SqliteTransaction::SqliteTransaction(SqliteConnection& db) : m_db(db) {
    m_db.exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (const std::exception&) {
            // Nothing more to do: SQLite rolls back an unfinished transaction on close.
        }
    }
}

void SqliteTransaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

}  // namespace crosscheck
