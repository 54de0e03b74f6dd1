#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckBackfillOutsideBackfillSection(const RuleContext& ctx, RuleOutput& out) {
  if (ctx.section.kind == SectionKind::kBackfill) return;
  ForEach<Dml>(ctx, [&](const Dml& d) {
    if (d.kind == DmlKind::kInsertValues) return;
    out.Report(Describe(Change{d}) + " changes existing rows outside a backfill section: it would "
                   "run as one long transaction, locking every row it touches",
               "put it in a backfill section, which migrate runs in small throttled, resumable "
               "batches:\n  -- migrate:backfill batch=5000");
  });
}

}  // namespace migrate::rules
