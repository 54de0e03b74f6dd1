#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckRenameColumn(const RuleContext& ctx, RuleOutput& out) {
  ForEach<RenameColumn>(ctx, [&](const RenameColumn& c) {
    if (!ctx.IsExistingTable(c.table)) return;
    out.Report("renaming column " + c.table + "." + c.column + " to " + c.new_name +
                   " breaks the running app, which still reads and writes " + c.column,
               "expand: ADD COLUMN " + c.new_name + " and a trigger that copies writes between " +
                   c.column + " and " + c.new_name + "; backfill: UPDATE " + c.table + " SET " +
                   c.new_name + " = " + c.column + " in batches; contract (requires-app = the version "
                   "that uses " + c.new_name + "): drop the trigger and DROP COLUMN " + c.column);
  });
}

}  // namespace migrate::rules
