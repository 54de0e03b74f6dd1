#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckDropDatabase(const RuleContext& ctx, RuleOutput& out) {
  ForEach<DropObject>(ctx, [&](const DropObject& c) {
    if (c.kind != ObjectKind::kDatabase) return;
    out.Report("DROP DATABASE " + c.name + " destroys a whole database; it is never part of an online "
                   "migration",
               "remove it from the migration; drop databases by hand, outside the deploy pipeline");
  });
}

}  // namespace migrate::rules
