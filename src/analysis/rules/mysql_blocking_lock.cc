#include "analysis/rules/mysql_lock_rules.h"
#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckMysqlBlockingLock(const RuleContext& ctx, RuleOutput& out) {
  const OnlineDdlPrediction* p = ctx.online_ddl;
  if (p == nullptr || p->refused || ExplicitCopy(*p) || !ExplicitBlockingLock(*p)) return;
  const std::string table = PredictionTable(*p);
  if (!ctx.IsExistingTable(table)) return;
  const std::string blocked = p->requested_lock == "EXCLUSIVE" ? "reads and writes" : "writes";
  std::string suggestion;
  if (p->natural_lock == DdlLock::kNone && p->natural_algorithm != DdlAlgorithm::kCopy) {
    suggestion = std::string("write LOCK=NONE (or leave LOCK out): this change permits concurrent reads and "
                             "writes (ALGORITHM=") + DdlAlgorithmName(p->natural_algorithm) + ", LOCK=NONE)";
  } else {
    suggestion = std::string("the change itself blocks writes: run it with a shadow-table copy (") +
                 kShadowCopyTools + ") instead";
  }
  out.Report("LOCK=" + p->requested_lock + " blocks the app's " + blocked + " on " + table +
                 " for the whole ALTER TABLE: predicted " + Predicted(ctx),
             suggestion);
}

}  // namespace migrate::rules
