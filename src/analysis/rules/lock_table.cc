#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckLockTable(const RuleContext& ctx, RuleOutput& out) {
  ForEach<LockTable>(ctx, [&](const LockTable& c) {
    out.Report("LOCK TABLE " + c.table + " IN " + c.mode + " MODE holds the lock until the transaction "
                   "ends, queueing the app's queries behind it",
               "drop the LOCK TABLE: migrate takes each statement's own lock with a short lock_timeout "
               "and retries, so no explicit lock is needed");
  });
}

}  // namespace migrate::rules
