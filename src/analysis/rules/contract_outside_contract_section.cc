#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckContractOutsideContractSection(const RuleContext& ctx, RuleOutput& out) {
  if (ctx.section.kind == SectionKind::kContract) return;
  for (const Change& c : ctx.stmt.changes) {
    if (Classify(c, ctx.classify) != ChangeClass::kContract) continue;
    out.Report(Describe(c) + " removes something the running app may still use, outside a contract "
                   "section: it would run before every old app instance is gone",
               "move it into a section that waits for the gate:\n  -- migrate:contract "
               "requires-app=<first app version that no longer uses it>");
  }
}

}  // namespace migrate::rules
