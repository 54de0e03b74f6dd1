#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckReindexWithoutConcurrently(const RuleContext& ctx, RuleOutput& out) {
  ForEach<Reindex>(ctx, [&](const Reindex& c) {
    if (c.concurrently || !ctx.IsExistingTable(c.target)) return;
    if (const Index* index = ctx.schema.FindIndex(c.target); index && !ctx.IsExistingTable(index->table)) return;
    std::string suggestion =
        ctx.settings.postgres_version >= 12
            ? "REINDEX (CONCURRENTLY) … " + c.target + ", outside any transaction block"
            : "PostgreSQL " + std::to_string(ctx.settings.postgres_version) +
                  " has no REINDEX CONCURRENTLY: CREATE INDEX CONCURRENTLY a twin, then DROP INDEX "
                  "CONCURRENTLY the old one";
    out.Report("REINDEX " + c.target + " without CONCURRENTLY blocks writes to the table, and reads "
                   "that would use the index, until it finishes",
               suggestion);
  });
}

}  // namespace migrate::rules
