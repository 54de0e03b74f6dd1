#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckRenameTable(const RuleContext& ctx, RuleOutput& out) {
  ForEach<RenameTable>(ctx, [&](const RenameTable& c) {
    if (!ctx.IsExistingTable(c.table)) return;
    std::string what = c.view ? "view " : "table ";
    // Both names must exist at every moment. PostgreSQL: the old name becomes an automatically
    // updatable view in the rename's transaction. MySQL DDL commits implicitly, so the table keeps
    // its name and the new name is a view until one atomic RENAME TABLE swaps them. SQLite views
    // are read-only: the view under the new name takes writes through INSTEAD OF triggers.
    std::string suggestion;
    switch (ctx.dialect) {
      case Dialect::kPostgres:
        suggestion = "expand: in one transaction, rename and CREATE VIEW " + c.table + " AS SELECT <columns> FROM " +
                     c.new_name + " (automatically updatable: the old app keeps reading and writing " + c.table +
                     "); contract (requires-app = the version that uses " + c.new_name + "): DROP VIEW " + c.table;
        break;
      case Dialect::kMysql:
        suggestion = "expand: CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW " + c.new_name +
                     " AS SELECT <columns> FROM " + c.table + " (the new app uses " + c.new_name +
                     "); contract (requires-app = that version): one RENAME TABLE " + c.new_name + " TO <tmp>, " +
                     c.table + " TO " + c.new_name + " (atomic), then DROP VIEW <tmp>";
        break;
      case Dialect::kSqlite:
        suggestion = "expand: CREATE VIEW " + c.new_name + " AS SELECT <columns> FROM " + c.table +
                     " with INSTEAD OF INSERT/UPDATE/DELETE triggers that write " + c.table + " (the new app uses " +
                     c.new_name + "); contract (requires-app = that version): in one transaction DROP VIEW " +
                     c.new_name + " and ALTER TABLE " + c.table + " RENAME TO " + c.new_name;
        break;
    }
    suggestion += "; `migrate rewrite` writes this for you";
    out.Report("renaming " + what + c.table + " to " + c.new_name +
                   " breaks the running app, which still queries " + c.table,
               suggestion);
  });
}

}  // namespace migrate::rules
