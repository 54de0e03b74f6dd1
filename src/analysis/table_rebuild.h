// The SQLite table-rebuild recipe (sqlite.org, ALTER TABLE, "Making Other Kinds Of Table Schema
// Changes"): CREATE TABLE new_x …; INSERT INTO new_x SELECT … FROM x; DROP TABLE x;
// ALTER TABLE new_x RENAME TO x. SQLite has no ALTER COLUMN, so this is how a type or constraint
// changes there. Its statements are one change: the analyzer finds them in a file before judging
// it, the rule sqlite-table-rebuild reports a recipe once, and the per-statement rules that its
// steps would trip (rename, DROP outside contract, INSERT … SELECT outside backfill) stay quiet
// on them. Spread over expand (create), backfill (copy) and contract (swap), it is online.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/migration.h"

namespace migrate {

inline constexpr size_t kNoStep = static_cast<size_t>(-1);

struct TableRebuild {
  std::string table;  // the table the app sees replaced
  std::string copy;   // where the new shape is built (new_x); the old rows' table when rename_first
  // ALTER TABLE x RENAME TO old_x; CREATE TABLE x …; INSERT INTO x SELECT … FROM old_x;
  // DROP TABLE old_x: the order SQLite's page warns against. Never online.
  bool rename_first = false;
  // Statement indexes (into MigrationFile::statements) of the steps, kNoStep when absent.
  size_t create = kNoStep;  // CREATE TABLE copy (rename_first: CREATE TABLE table)
  size_t fill = kNoStep;    // INSERT INTO copy … SELECT (rename_first: INSERT INTO table …)
  size_t drop = kNoStep;    // DROP TABLE table (rename_first: DROP TABLE copy)
  size_t rename = kNoStep;  // ALTER TABLE copy RENAME TO table (rename_first: table → copy)
  size_t first = kNoStep;   // the earliest step: where the finding is reported
  const Statement* first_statement = nullptr;  // file.statements[first]
  // Create in an expand section, copy in a backfill section, drop and rename in a contract
  // section; or only the swap, in a contract section (the rest ran in an earlier migration).
  bool online = false;
  std::string problem;  // why it is not online ("runs in one expand section"); "" when online

  bool HasStep(size_t statement) const;
  // The statement-level rules whose findings on a step this recipe replaces.
  static bool Absorbs(std::string_view rule);
  // "CREATE TABLE new_users; INSERT INTO new_users … SELECT; DROP TABLE users; ALTER TABLE
  // new_users RENAME TO users": the steps found, in order.
  std::string Steps() const;
};

// The rebuild recipes in a file's statements, in file order. A step belongs to one recipe.
// A recipe on a table created earlier in the same expand section is not one: that table is new.
std::vector<TableRebuild> FindTableRebuilds(const MigrationFile& file);

}  // namespace migrate
