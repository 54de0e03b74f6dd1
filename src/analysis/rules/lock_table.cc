#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckLockTable(const RuleContext& ctx, RuleOutput& out) {
  ForEach<LockTable>(ctx, [&](const LockTable& c) {
    if (!ctx.IsExistingTable(c.table)) return;
    if (ctx.dialect == Dialect::kMysql) {
      const bool write = c.mode.find("WRITE") != std::string::npos;
      out.Report("LOCK TABLES " + c.table + " " + c.mode + " blocks the app's " +
                     (write ? "reads and writes" : "writes") + " on " + c.table +
                     " until UNLOCK TABLES or the session ends, and DDL in between commits implicitly",
                 "drop the LOCK TABLES: migrate runs each statement with a short lock_wait_timeout and "
                 "retries, so no explicit lock is needed");
      return;
    }
    out.Report("LOCK TABLE " + c.table + " IN " + c.mode + " MODE holds the lock until the transaction "
                   "ends, queueing the app's queries behind it",
               "drop the LOCK TABLE: migrate takes each statement's own lock with a short lock_timeout "
               "and retries, so no explicit lock is needed");
  });
}

}  // namespace migrate::rules
