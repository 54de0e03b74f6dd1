#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckRenameTable(const RuleContext& ctx, RuleOutput& out) {
  ForEach<RenameTable>(ctx, [&](const RenameTable& c) {
    if (!ctx.IsExistingTable(c.table)) return;
    std::string what = c.view ? "view " : "table ";
    out.Report("renaming " + what + c.table + " to " + c.new_name +
                   " breaks the running app, which still queries " + c.table,
               "expand: CREATE TABLE " + c.new_name + " (or rename and leave an updatable view "
               "named " + c.table + " over it in the same transaction) and keep both in sync; "
               "backfill: copy the rows; contract (requires-app): drop " + c.table);
  });
}

}  // namespace migrate::rules
