#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckContractWithoutRequiresApp(const RuleContext& ctx, RuleOutput& out) {
  if (ctx.section.kind != SectionKind::kContract || !ctx.first_in_section) return;
  if (!ctx.section.requires_app.empty()) return;
  out.ReportAt(ctx.section.pos,
               "contract section without requires-app: the gate cannot tell when no running app "
               "version still needs what it removes",
               "name the first app version that no longer needs it:\n  -- migrate:contract "
               "requires-app=2.0.0   (or requires-app=APP@2.0.0)");
}

}  // namespace migrate::rules
