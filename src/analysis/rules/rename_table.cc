#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckRenameTable(const RuleContext& ctx, RuleOutput& out) {
  ForEach<RenameTable>(ctx, [&](const RenameTable& c) {
    if (!ctx.IsExistingTable(c.table)) return;
    std::string what = c.view ? "view " : "table ";
    // SQLite views are read-only: a view under the old name cannot take the old app's writes.
    std::string suggestion =
        ctx.dialect == Dialect::kSqlite
            ? "expand: CREATE TABLE " + c.new_name + " and AFTER INSERT/UPDATE/DELETE triggers on " + c.table +
                  " that repeat each write on " + c.new_name + "; backfill: copy the rows in batches; contract "
                  "(requires-app): drop the triggers and " + c.table
            : "expand: CREATE TABLE " + c.new_name + " (or rename and leave an updatable view named " + c.table +
                  " over it in the same transaction) and keep both in sync; backfill: copy the rows; contract "
                  "(requires-app): drop " + c.table;
    // MySQL DDL commits implicitly: RENAME TABLE and a CREATE VIEW under the old name leave a gap.
    if (ctx.dialect == Dialect::kMysql) {
      suggestion = "expand: CREATE TABLE " + c.new_name + " LIKE " + c.table + ", and AFTER INSERT, AFTER UPDATE "
                   "and AFTER DELETE triggers on " + c.table + " that repeat each write on " + c.new_name +
                   " (REPLACE INTO / DELETE); backfill: INSERT IGNORE INTO " + c.new_name + " SELECT … FROM " +
                   c.table + " in batches; contract (requires-app = the version that uses " + c.new_name +
                   "): drop the triggers and DROP TABLE " + c.table;
    }
    out.Report("renaming " + what + c.table + " to " + c.new_name +
                   " breaks the running app, which still queries " + c.table,
               suggestion);
  });
}

}  // namespace migrate::rules
