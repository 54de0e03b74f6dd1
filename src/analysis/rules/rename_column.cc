#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckRenameColumn(const RuleContext& ctx, RuleOutput& out) {
  ForEach<RenameColumn>(ctx, [&](const RenameColumn& c) {
    if (!ctx.IsExistingTable(c.table)) return;
    if (ctx.dialect == Dialect::kMysql) {
      out.Report("renaming column " + c.table + "." + c.column + " to " + c.new_name +
                     " breaks the running app, which still reads and writes " + c.column,
                 "expand: ALTER TABLE " + c.table + " ADD COLUMN " + c.new_name + " …, and BEFORE INSERT and "
                     "BEFORE UPDATE triggers on " + c.table + " that copy writes between the two (e.g. SET NEW." +
                     c.new_name + " = COALESCE(NEW." + c.new_name + ", NEW." + c.column + ")); backfill: UPDATE " +
                     c.table + " SET " + c.new_name + " = " + c.column + " WHERE " + c.new_name +
                     " IS NULL in batches; contract (requires-app = the version that uses " + c.new_name +
                     "): DROP TRIGGER both triggers, then ALTER TABLE " + c.table + " DROP COLUMN " + c.column);
      return;
    }
    out.Report("renaming column " + c.table + "." + c.column + " to " + c.new_name +
                   " breaks the running app, which still reads and writes " + c.column,
               "expand: ADD COLUMN " + c.new_name + " and a trigger that copies writes between " +
                   c.column + " and " + c.new_name + "; backfill: UPDATE " + c.table + " SET " +
                   c.new_name + " = " + c.column + " in batches; contract (requires-app = the version "
                   "that uses " + c.new_name + "): drop the trigger and DROP COLUMN " + c.column);
  });
}

}  // namespace migrate::rules
