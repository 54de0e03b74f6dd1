#include "analysis/rules/rules.h"

namespace migrate::rules {
namespace {

std::string FkSuggestion(const std::string& table, const std::string& name) {
  std::string n = name.empty() ? "<name>" : name;
  return "ALTER TABLE " + table + " ADD CONSTRAINT " + n + " FOREIGN KEY (…) REFERENCES … NOT VALID; "
         "then, as its own statement: ALTER TABLE " + table + " VALIDATE CONSTRAINT " + n +
         " (SHARE UPDATE EXCLUSIVE: reads and writes go on)";
}

}  // namespace

void CheckForeignKeyWithoutNotValid(const RuleContext& ctx, RuleOutput& out) {
  ForEach<AddConstraint>(ctx, [&](const AddConstraint& c) {
    if (c.constraint.kind != ConstraintKind::kForeignKey || c.constraint.not_valid) return;
    if (!ctx.IsExistingTable(c.table)) return;
    std::string ref = c.constraint.references ? c.constraint.references->table : "the referenced table";
    out.Report("adding a FOREIGN KEY to " + c.table + " without NOT VALID locks " + c.table + " and " +
                   ref + " (SHARE ROW EXCLUSIVE: writes blocked) while it scans every row",
               FkSuggestion(c.table, c.constraint.name));
  });
  ForEach<AddColumn>(ctx, [&](const AddColumn& c) {
    if (!c.column.references || !ctx.IsExistingTable(c.table)) return;
    out.Report("ADD COLUMN " + c.column.name + " … REFERENCES " + c.column.references->table +
                   " adds a validated FOREIGN KEY, locking both tables against writes while it checks",
               "ADD COLUMN " + c.column.name + " without REFERENCES, then " + FkSuggestion(c.table, ""));
  });
}

}  // namespace migrate::rules
