#include "analysis/rules/mysql_lock_rules.h"
#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckMysqlAutoIncrementColumn(const RuleContext& ctx, RuleOutput& out) {
  if (ctx.online_ddl == nullptr) return;
  for (const DdlAction& a : ctx.online_ddl->actions) {
    if (a.op != DdlOp::kAddAutoIncrementColumn || !ReportBlockingAction(ctx, a)) continue;
    out.Report(a.what + " AUTO_INCREMENT numbers every existing row while it rebuilds " + a.table +
                   ": predicted " + Predicted(ctx) + " (concurrent writes are not permitted), so the app's "
                   "writes wait until the rebuild ends",
               std::string("add the column with a shadow-table copy (") + kShadowCopyTools +
                   "), which numbers the rows on the copy while the app keeps writing");
  }
}

}  // namespace migrate::rules
