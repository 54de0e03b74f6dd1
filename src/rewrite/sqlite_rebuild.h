// SQLite's table rebuild, online. SQLite's ALTER TABLE cannot change a column's type, NOT NULL, a
// default, or add/drop a CHECK or FOREIGN KEY; sqlite.org's answer is the table rebuild (create
// the new shape, copy, drop, rename), which copies the whole table under the write lock. Here it
// is spread over the three phases, the way gh-ost does it for MySQL:
//   expand (one transaction): CREATE TABLE "<t>_new" (the replayed table with the change applied),
//     its indexes (on an empty table: free), and AFTER INSERT / UPDATE / DELETE triggers on <t>
//     that repeat every write on <t>_new, matched by the primary key;
//   backfill: a no-op UPDATE of <t> over the rows still missing from <t>_new (SQLite fires UPDATE
//     triggers for every updated row, changed or not): the AFTER UPDATE trigger copies them, in
//     the engine's key-range batches, resumable;
//   contract: PRAGMA legacy_alter_table = ON (a connection setting, so outside the transaction),
//     then one transaction: a guard that foreign keys are not enforced on this connection (when
//     other tables reference <t>), the triggers dropped, a catch-up copy of rows still missing,
//     DROP TABLE <t>, ALTER TABLE <t>_new RENAME TO <t>, <t>'s own triggers recreated, foreign
//     keys checked where the change can break them; then legacy_alter_table = OFF again.
// The input is the change written the PostgreSQL way (ALTER TABLE … ALTER COLUMN … TYPE / SET NOT
// NULL / DROP NOT NULL / SET DEFAULT / DROP DEFAULT, ADD [CONSTRAINT] CHECK / FOREIGN KEY, DROP
// CONSTRAINT), which SQLite itself cannot run: MakeRewriteFrontEnd parses it for `rewrite` only.
// Several such statements on one table in a file make one rebuild.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/migration.h"
#include "model/schema.h"
#include "rewrite/recipe.h"
#include "sql/front_end.h"

namespace migrate {

// Whether `change` needs a table rebuild on SQLite (and is one the rebuild knows).
bool NeedsSqliteRebuild(const Change& change);

struct SqliteRebuildPart {
  const Statement* statement;
  const Change* change;
};

struct SqliteRebuildInput {
  std::string table;
  std::vector<SqliteRebuildPart> parts;  // in file order, all on `table`
  const Schema& schema;                  // before the first part
  // Every statement before the first part, the history's first: the source of what the model does
  // not hold (the table's definition text, its triggers, partial or expression indexes).
  std::vector<const Statement*> prior;
};

// The recipe, or the reason there is none (`*why`).
std::optional<Recipe> SqliteRebuildRecipe(const SqliteRebuildInput& input, std::string* why);

// The dialect's front end; for SQLite, one that also accepts the ALTER TABLE forms above (parsed
// as PostgreSQL parses them). For `rewrite` only: SQLite cannot run those statements.
std::unique_ptr<FrontEnd> MakeRewriteFrontEnd(Dialect dialect);

}  // namespace migrate
