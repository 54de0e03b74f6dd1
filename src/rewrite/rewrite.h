// `migrate rewrite`: one migration file's breaking and locking statements turned into the
// expand / backfill / contract form that does the same thing online, ready to commit, and
// checked: the result is linted before it is returned.
//
// Every statement is analysed (the same analysis as lint) against the schema replayed before it.
//   - No error: kept, in its section.
//   - Errors only about placement (contract outside a contract section, backfill outside a
//     backfill section): moved to the section its class belongs in.
//   - Errors a recipe (recipe.h) knows: replaced by the recipe's statements, spread over the
//     three sections.
//   - Anything else: kept as it was and reported ("left"), with the reason.
// SQLite: the ALTER TABLE forms SQLite cannot run (ALTER COLUMN … TYPE, SET/DROP NOT NULL, SET/DROP
// DEFAULT, ADD CHECK/FOREIGN KEY, DROP CONSTRAINT; the file loaded with MakeRewriteFrontEnd) become
// one online table rebuild per table (sqlite_rebuild.h), whatever lint says about them.
// The contract section needs `requires-app`: the option, else the file's own contract section's.
#pragma once

#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/settings.h"
#include "base/status.h"
#include "model/migration.h"
#include "model/schema.h"

namespace migrate {

struct RewriteOptions {
  std::string requires_app;  // [APP@]VERSION for a generated contract section; empty: the file's own
  LintSettings lint;         // for the analysis before and after
  // The migrations before the file, in order (the ones `before` replays): recipes that need what
  // the schema model does not hold read their statements (SQLite's rebuild: the table's CREATE
  // TABLE text, its triggers, its indexes as written).
  std::vector<MigrationFile> history;
  // PostgreSQL: rename column/table with a compatibility view in this schema (the one the running
  // app version puts first in its search_path) instead of dual writes. Empty: dual writes.
  std::string compat_schema;
};

struct RewriteItem {
  SourcePos pos;         // of the original statement
  std::string what;      // the recipe's summary, or why the statement was left
  std::vector<std::string> notes;
};

struct RewriteResult {
  std::string text;                 // the new file
  std::vector<RewriteItem> rewritten;
  std::vector<RewriteItem> moved;   // statements moved to their section
  std::vector<RewriteItem> left;    // statements with errors no recipe handles
  FileReport after;                 // the lint of `text` against the same history
  int after_errors = 0;             // error findings and input errors in `after`
};

// `file` is loaded (parsed) and free of input errors; `before` is the replay of the migrations
// before it. Fails with a usage error when a contract section is needed and no requires-app is known.
Result<RewriteResult> RewriteMigration(const MigrationFile& file, const Schema& before, const RewriteOptions& options);

}  // namespace migrate
