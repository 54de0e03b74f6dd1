// Dual-write triggers: while an old and a new app version run side by side, two columns of one
// table (the old one and its replacement) are kept equal whichever version writes. Generated per
// dialect:
//   PostgreSQL: one PL/pgSQL function and one BEFORE INSERT OR UPDATE row trigger that sets both
//     columns in NEW.
//   MySQL/MariaDB: BEFORE INSERT and BEFORE UPDATE triggers, each a single SET of NEW's columns
//     (no BEGIN … END, so migration files need no DELIMITER).
//   SQLite: AFTER INSERT and AFTER UPDATE OF <column> triggers that UPDATE the row by rowid (SQLite
//     triggers cannot assign NEW).
// Rules, the same everywhere:
//   - INSERT: the new column is written only by the new version (the old one does not know it, and
//     it has no default during the change): when it is set, the old column takes its value (even
//     over the old column's default); otherwise it takes the old column's value.
//   - UPDATE: when exactly one of the two changed, the other follows; both changed: both kept.
//   - No trigger fires another into a loop: PostgreSQL and MySQL only assign NEW, which fires
//     nothing; SQLite's UPDATEs are guarded so that a follow-up update that would change nothing
//     matches no row, and fires nothing.
// `to_new` / `to_old` convert a value between the column types: "{}" stands for the value, e.g.
// "CAST({} AS bigint)"; "{}" alone when the types are the same.
#pragma once

#include <string>
#include <vector>

#include "model/change.h"

namespace migrate {

struct SyncPair {
  std::string table;       // as the Change model holds it (possibly qualified)
  std::string old_column;
  std::string new_column;
  std::string to_new = "{}";
  std::string to_old = "{}";
};

// The statements that create the triggers (and PostgreSQL's function), without ';'.
std::vector<std::string> CreateSyncTriggers(Dialect dialect, const SyncPair& pair);
// The statements that drop them, in the order they must run (before the old column is dropped).
std::vector<std::string> DropSyncTriggers(Dialect dialect, const SyncPair& pair);

// The base name of the triggers: migrate_sync_<table>_<old>_<new>, shortened with a stable hash
// to fit PostgreSQL's 63-byte identifiers (MySQL: 64).
std::string SyncTriggerName(const SyncPair& pair);

}  // namespace migrate
