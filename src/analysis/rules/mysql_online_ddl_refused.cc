#include "analysis/rules/mysql_lock_rules.h"
#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckMysqlOnlineDdlRefused(const RuleContext& ctx, RuleOutput& out) {
  const OnlineDdlPrediction* p = ctx.online_ddl;
  if (p == nullptr || !p->refused) return;
  const std::string natural = std::string("ALGORITHM=") + DdlAlgorithmName(p->natural_algorithm) +
                              ", LOCK=" + DdlLockName(p->natural_lock);
  out.Report(p->refusal + ", so the server rejects the statement and the migration stops here",
             "without the clause the server would use " + natural +
                 (p->natural_algorithm == DdlAlgorithm::kCopy || p->natural_lock != DdlLock::kNone
                      ? std::string(", which blocks writes: run the change with a shadow-table copy (") +
                            kShadowCopyTools + ") instead"
                      : std::string(": ask for that, or leave the clause out")));
}

}  // namespace migrate::rules
