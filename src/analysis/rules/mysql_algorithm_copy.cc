#include "analysis/rules/mysql_lock_rules.h"
#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckMysqlAlgorithmCopy(const RuleContext& ctx, RuleOutput& out) {
  const OnlineDdlPrediction* p = ctx.online_ddl;
  if (p == nullptr || p->refused || !ExplicitCopy(*p)) return;
  const std::string table = PredictionTable(*p);
  if (!ctx.IsExistingTable(table)) return;
  const bool from_clause = [&] {
    for (const Change& c : ctx.stmt.changes) {
      if (const auto* clause = std::get_if<OnlineDdlClause>(&c); clause && !clause->algorithm.empty()) return true;
    }
    return false;
  }();
  const std::string asked = from_clause ? "ALGORITHM=COPY" : "SET alter_algorithm = 'COPY' earlier in the file";
  const std::string natural = std::string("ALGORITHM=") + DdlAlgorithmName(p->natural_algorithm) +
                              ", LOCK=" + DdlLockName(p->natural_lock);
  std::string suggestion;
  if (p->natural_algorithm == DdlAlgorithm::kCopy) {
    suggestion = std::string("the change itself needs a copy: run it with a shadow-table copy (") + kShadowCopyTools +
                 "), which copies in small chunks while it replays the app's writes, then swaps the tables";
  } else {
    suggestion = "remove " + asked + ": the server does this change with " + natural +
                 " by itself; write ALGORITHM=" + DdlAlgorithmName(p->natural_algorithm) +
                 ", LOCK=NONE to make it fail fast instead of ever falling back to a copy";
  }
  out.Report(asked + " copies " + table + " row by row: predicted " + Predicted(ctx) +
                 ", so the app's writes to " + table + " wait until the copy ends (without it: " + natural + ")",
             suggestion);
}

}  // namespace migrate::rules
