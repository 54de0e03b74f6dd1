#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckConcurrentlyInTransaction(const RuleContext& ctx, RuleOutput& out) {
  if (!ctx.stmt.in_transaction_block) return;
  for (const Change& c : ctx.stmt.changes) {
    bool concurrent = false;
    if (const auto* ci = std::get_if<CreateIndex>(&c)) concurrent = ci->concurrently;
    if (const auto* di = std::get_if<DropIndex>(&c)) concurrent = di->concurrently;
    if (const auto* ri = std::get_if<Reindex>(&c)) concurrent = ri->concurrently;
    if (!concurrent) continue;
    out.Report(Describe(c) + " inside a BEGIN … COMMIT block: PostgreSQL refuses CONCURRENTLY in a "
                   "transaction block, so the migration fails at this statement",
               "remove the surrounding BEGIN/COMMIT; migrate runs CONCURRENTLY statements on their "
               "own, outside a transaction");
  }
}

}  // namespace migrate::rules
