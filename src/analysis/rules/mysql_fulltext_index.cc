#include "analysis/rules/mysql_lock_rules.h"
#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckMysqlFulltextIndex(const RuleContext& ctx, RuleOutput& out) {
  if (ctx.online_ddl == nullptr) return;
  for (const DdlAction& a : ctx.online_ddl->actions) {
    if (a.op != DdlOp::kAddFulltextIndex || !ReportBlockingAction(ctx, a)) continue;
    const std::string rebuild = a.inplace_rebuilds ? " and, as the table's first FULLTEXT index, rebuilds " + a.table
                                                   : std::string();
    out.Report(a.what + " takes LOCK=SHARED for the whole index build" + rebuild + ": predicted " +
                   Predicted(ctx) + ", so the app's writes to " + a.table + " wait until it ends",
               std::string("build it with a shadow-table copy (") + kShadowCopyTools +
                   "): the index is built on the copy while the app keeps writing; or keep full-text search "
                   "in a separate table or search engine fed by the app");
  }
}

}  // namespace migrate::rules
