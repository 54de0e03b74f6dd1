#include "analysis/rules/mysql_lock_rules.h"
#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckMysqlConvertCharset(const RuleContext& ctx, RuleOutput& out) {
  if (ctx.online_ddl == nullptr) return;
  for (const DdlAction& a : ctx.online_ddl->actions) {
    if (a.op != DdlOp::kConvertCharset || !ReportBlockingAction(ctx, a)) continue;
    out.Report(a.what + " rewrites every text column of " + a.table + ": predicted " + Predicted(ctx) +
                   ", so the app's writes wait until the copy ends, and every CHAR/VARCHAR/TEXT column changes "
                   "type (and maximum length in bytes) under the running app",
               std::string("run the conversion with a shadow-table copy (") + kShadowCopyTools +
                   "); or convert column by column with expand-contract: add a column in the new character set, "
                   "keep it in sync with BEFORE INSERT/UPDATE triggers, backfill it, move the app, drop the old "
                   "column. ALTER TABLE … DEFAULT CHARSET=… alone changes only the default for new columns");
  }
}

}  // namespace migrate::rules
