#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckSqliteTableRebuild(const RuleContext& ctx, RuleOutput& out) {
  const TableRebuild* r = ctx.rebuild;
  if (r == nullptr || r->online || r->first_statement != &ctx.stmt) return;
  const std::string& t = r->table;
  const std::string n = r->rename_first ? "new_" + t : r->copy;
  std::string harm = r->rename_first ? "the running app loses " + t + " at once, then finds a table of another shape"
                                     : "the running app sees " + t + " replaced by a table of another shape";
  if (r->fill != kNoStep) {
    harm += ", and the copy holds SQLite's write lock, blocking every writer, until it has copied every row";
  }
  out.Report("table rebuild of " + t + " (" + r->Steps() + ") " + r->problem + ": " + harm,
             "spread it over three sections: expand: CREATE TABLE " + n + " (…the new shape…) and AFTER "
             "INSERT/UPDATE/DELETE triggers on " + t + " that repeat each write on " + n +
             "; backfill: INSERT INTO " + n + " (…) SELECT … FROM " + t + " WHERE NOT EXISTS (SELECT 1 FROM " + n +
             " WHERE " + n + ".id = " + t + ".id), in batches; contract (requires-app = the first version that "
             "works with the new shape): drop the triggers, DROP TABLE " + t + ", ALTER TABLE " + n +
             " RENAME TO " + t + ", and recreate the indexes and triggers of " + t);
}

}  // namespace migrate::rules
