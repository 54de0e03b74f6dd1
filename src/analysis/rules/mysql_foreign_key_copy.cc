#include "analysis/rules/mysql_lock_rules.h"
#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckMysqlForeignKeyCopy(const RuleContext& ctx, RuleOutput& out) {
  if (ctx.online_ddl == nullptr) return;
  for (const DdlAction& a : ctx.online_ddl->actions) {
    if (a.op != DdlOp::kAddForeignKeyChecked || !ReportBlockingAction(ctx, a)) continue;
    out.Report(a.what + " with foreign_key_checks on can only copy " + a.table + ": predicted " + Predicted(ctx) +
                   ", so the app's writes to " + a.table + " wait until the copy ends",
               "check for orphans first (SELECT … FROM " + a.table +
                   " c LEFT JOIN <parent> p ON … WHERE p.<key> IS NULL AND c.<column> IS NOT NULL), then in the "
                   "same file: SET foreign_key_checks = 0; the ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY …, "
                   "ALGORITHM=INPLACE, LOCK=NONE (metadata only: existing rows are not checked); "
                   "SET foreign_key_checks = 1");
  }
}

}  // namespace migrate::rules
