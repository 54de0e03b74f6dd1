#include "analysis/rules/mysql_lock_rules.h"
#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckMysqlSpatialIndex(const RuleContext& ctx, RuleOutput& out) {
  if (ctx.online_ddl == nullptr) return;
  for (const DdlAction& a : ctx.online_ddl->actions) {
    if (a.op != DdlOp::kAddSpatialIndex || !ReportBlockingAction(ctx, a)) continue;
    out.Report(a.what + " takes LOCK=SHARED for the whole index build: predicted " + Predicted(ctx) +
                   ", so the app's writes to " + a.table + " wait until it ends",
               std::string("build it with a shadow-table copy (") + kShadowCopyTools +
                   "): the index is built on the copy while the app keeps writing");
  }
}

}  // namespace migrate::rules
