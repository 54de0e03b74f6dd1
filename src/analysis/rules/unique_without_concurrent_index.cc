#include "analysis/rules/rules.h"
#include "base/strings.h"

namespace migrate::rules {

void CheckUniqueWithoutConcurrentIndex(const RuleContext& ctx, RuleOutput& out) {
  ForEach<AddConstraint>(ctx, [&](const AddConstraint& c) {
    const ConstraintDef& k = c.constraint;
    if (k.kind != ConstraintKind::kUnique && k.kind != ConstraintKind::kPrimaryKey) return;
    if (!k.using_index.empty() || !ctx.IsExistingTable(c.table)) return;
    std::string kind = ConstraintKindName(k.kind);
    std::string n = k.name.empty() ? "<name>" : k.name;
    out.Report("adding " + kind + " to " + c.table + " builds its index under an ACCESS EXCLUSIVE lock, "
                   "blocking reads and writes for the whole build",
               "CREATE UNIQUE INDEX CONCURRENTLY " + n + "_idx ON " + c.table + " (" +
                   (k.columns.empty() ? "…" : Join(k.columns, ", ")) + "); then ALTER TABLE " + c.table +
                   " ADD CONSTRAINT " + n + " " + kind + " USING INDEX " + n + "_idx");
  });
  ForEach<AddColumn>(ctx, [&](const AddColumn& c) {
    if (!(c.column.unique || c.column.primary_key) || !ctx.IsExistingTable(c.table)) return;
    out.Report("ADD COLUMN " + c.column.name + (c.column.primary_key ? " PRIMARY KEY" : " UNIQUE") +
                   " builds an index under an ACCESS EXCLUSIVE lock",
               "add the column plain, CREATE UNIQUE INDEX CONCURRENTLY on it, then ADD CONSTRAINT … "
               "USING INDEX");
  });
}

}  // namespace migrate::rules
