#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckCheckWithoutNotValid(const RuleContext& ctx, RuleOutput& out) {
  ForEach<AddConstraint>(ctx, [&](const AddConstraint& c) {
    if (c.constraint.kind != ConstraintKind::kCheck || c.constraint.not_valid) return;
    if (!ctx.IsExistingTable(c.table)) return;
    std::string n = c.constraint.name.empty() ? "<name>" : c.constraint.name;
    out.Report("adding CHECK (" + c.constraint.check_text + ") to " + c.table +
                   " without NOT VALID holds an ACCESS EXCLUSIVE lock while it scans every row",
               "ALTER TABLE " + c.table + " ADD CONSTRAINT " + n + " CHECK (" + c.constraint.check_text +
                   ") NOT VALID; then, as its own statement: ALTER TABLE " + c.table +
                   " VALIDATE CONSTRAINT " + n);
  });
}

}  // namespace migrate::rules
