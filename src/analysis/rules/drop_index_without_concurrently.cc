#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckDropIndexWithoutConcurrently(const RuleContext& ctx, RuleOutput& out) {
  ForEach<DropIndex>(ctx, [&](const DropIndex& c) {
    if (c.concurrently) return;
    const Index* index = ctx.schema.FindIndex(c.index);
    if (index && !ctx.IsExistingTable(index->table)) return;
    out.Report("DROP INDEX " + c.index + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on "
                   "its table, blocking reads and writes",
               std::string("DROP INDEX CONCURRENTLY ") + (c.if_exists ? "IF EXISTS " : "") + c.index +
                   ", as a statement of its own outside any transaction block");
  });
}

}  // namespace migrate::rules
