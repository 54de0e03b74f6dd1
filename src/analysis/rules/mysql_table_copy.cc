#include "analysis/rules/mysql_lock_rules.h"
#include "analysis/rules/rules.h"

namespace migrate::rules {
namespace {

// The actions another rule reports (see mysql_lock_rules.h).
bool HasOwnRule(DdlOp op) {
  switch (op) {
    case DdlOp::kChangeType:               // unsafe-column-type-change
    case DdlOp::kConvertCharset:           // mysql-convert-charset
    case DdlOp::kAddFulltextIndex:         // mysql-fulltext-index
    case DdlOp::kAddSpatialIndex:          // mysql-spatial-index
    case DdlOp::kAddForeignKeyChecked:     // mysql-foreign-key-copy
    case DdlOp::kAddAutoIncrementColumn:   // mysql-auto-increment-column
      return true;
    default:
      return false;
  }
}

std::string Suggestion(const RuleContext& ctx, const DdlAction& a) {
  const std::string tools = std::string("run it with a shadow-table copy (") + kShadowCopyTools +
                            "), which copies in small chunks while it replays the app's writes";
  switch (a.op) {
    case DdlOp::kDropPrimaryKey:
      return "drop and add the primary key in one ALTER TABLE (… DROP PRIMARY KEY, ADD PRIMARY KEY (…)): "
             "ALGORITHM=INPLACE, LOCK=NONE; or " + tools;
    case DdlOp::kAddStoredColumn:
      return "add a VIRTUAL generated column instead (INSTANT on MySQL 8.0.12+), with an index on it if "
             "queries need it; or add a plain column kept up to date by BEFORE INSERT/UPDATE triggers and "
             "backfilled in batches; or " + tools;
    case DdlOp::kAddCheck:
      return "enforce the rule in a BEFORE INSERT/UPDATE trigger (SIGNAL SQLSTATE '45000'), or " + tools;
    case DdlOp::kChangeEngine:
      return tools;
    case DdlOp::kRebuildWithFulltext:
      return "rebuild " + a.table + " with a shadow-table copy (" + kShadowCopyTools + ")";
    default:
      (void)ctx;
      return tools;
  }
}

}  // namespace

void CheckMysqlTableCopy(const RuleContext& ctx, RuleOutput& out) {
  if (ctx.online_ddl == nullptr) return;
  for (const DdlAction& a : ctx.online_ddl->actions) {
    if (HasOwnRule(a.op) || !ReportBlockingAction(ctx, a)) continue;
    const OnlineDdlRow& row = OnlineDdlRowFor(a.op);
    std::string why = std::string(row.operation) + (row.note.empty() ? "" : ": " + std::string(row.note));
    if (!a.why.empty()) why += "; " + a.why;
    out.Report(a.what + " copies " + a.table + ": predicted " + Predicted(ctx) + " (" + why +
                   "), so the app's writes to " + a.table + " wait until the copy ends",
               Suggestion(ctx, a));
  }
}

}  // namespace migrate::rules
