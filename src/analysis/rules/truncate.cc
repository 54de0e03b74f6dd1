#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckTruncate(const RuleContext& ctx, RuleOutput& out) {
  ForEach<Truncate>(ctx, [&](const Truncate& c) {
    if (!ctx.IsExistingTable(c.table)) return;
    if (ctx.dialect == Dialect::kMysql) {
      out.Report("TRUNCATE TABLE " + c.table + " drops and re-creates the table under an exclusive metadata "
                     "lock: every row is gone at once, under the running app's feet; it commits implicitly, "
                     "cannot be rolled back and fires no DELETE triggers",
                 "delete rows in a batched backfill section (-- migrate:backfill, DELETE FROM " + c.table +
                     " WHERE …), or DROP TABLE in a contract section once no app uses it");
      return;
    }
    out.Report("TRUNCATE " + c.table + " takes an ACCESS EXCLUSIVE lock and deletes every row at once, "
                   "under the running app's feet; it is not MVCC-safe",
               "delete rows in a batched backfill section (-- migrate:backfill, DELETE FROM " + c.table +
                   " WHERE …), or DROP TABLE in a contract section once no app uses it");
  });
}

}  // namespace migrate::rules
