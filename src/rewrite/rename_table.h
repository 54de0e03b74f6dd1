// Rename table on MySQL/MariaDB and SQLite, online: the table keeps its old name until the
// contract, and the new name exists from the expand on as a view over it, so the old app version
// (old name, the real table) and the new one (new name, the view) run side by side, and neither
// name is ever missing.
//   MySQL/MariaDB: expand `CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW new AS
//     SELECT <columns> FROM old` (a single-table view is updatable and insertable: writes, the
//     table's defaults, AUTO_INCREMENT, LAST_INSERT_ID(), ROW_COUNT() and the table's triggers work
//     through it); contract `RENAME TABLE new TO <new>_migrate_view, old TO new` (one statement:
//     atomic, no session sees a state in between), then `DROP VIEW IF EXISTS <new>_migrate_view`.
//   SQLite: views are read-only, so the expand (one transaction) creates the view and INSTEAD OF
//     INSERT / UPDATE / DELETE triggers on it that write the table (rows matched by the primary
//     key; a column the INSERT omits gets the table's default); contract, one transaction:
//     `DROP VIEW new` (its triggers go with it), `ALTER TABLE old RENAME TO new`, with
//     legacy_alter_table OFF, so that other tables' foreign keys, views and trigger bodies naming
//     the table follow the rename.
// PostgreSQL is done the other way round (recipes.cc: the table renamed in the expand, a view under
// the old name), because its DDL is transactional and its simple views are updatable.
#pragma once

#include <optional>
#include <string>

#include "rewrite/recipe.h"

namespace migrate {

// The recipe for `rt` on MySQL/MariaDB or SQLite, or the reason there is none (`*why`).
std::optional<Recipe> RenameTableThroughViewRecipe(const RecipeInput& input, const RenameTable& rt, std::string* why);

// The view left behind by the MySQL contract's swap: <new>_migrate_view (64 bytes at most).
std::string MysqlSwappedViewName(const std::string& new_table);

}  // namespace migrate
