#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckTruncate(const RuleContext& ctx, RuleOutput& out) {
  ForEach<Truncate>(ctx, [&](const Truncate& c) {
    if (!ctx.IsExistingTable(c.table)) return;
    out.Report("TRUNCATE " + c.table + " takes an ACCESS EXCLUSIVE lock and deletes every row at once, "
                   "under the running app's feet; it is not MVCC-safe",
               "delete rows in a batched backfill section (-- migrate:backfill, DELETE FROM " + c.table +
                   " WHERE …), or DROP TABLE in a contract section once no app uses it");
  });
}

}  // namespace migrate::rules
