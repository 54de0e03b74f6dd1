#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckDdlInBackfillSection(const RuleContext& ctx, RuleOutput& out) {
  if (ctx.section.kind != SectionKind::kBackfill) return;
  for (const Change& c : ctx.stmt.changes) {
    if (std::holds_alternative<Dml>(c) || std::holds_alternative<Transaction>(c) ||
        std::holds_alternative<NoSchemaEffect>(c) || std::holds_alternative<SetVariable>(c)) {
      continue;
    }
    out.Report(Describe(c) + " inside a backfill section is not a row change: a backfill section runs "
                   "row changes in batches, and anything else can be neither batched nor resumed",
               "move schema changes to the expand section (before the backfill) or the contract "
               "section (after it)");
  }
}

}  // namespace migrate::rules
