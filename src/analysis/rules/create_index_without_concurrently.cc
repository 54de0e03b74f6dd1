#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckCreateIndexWithoutConcurrently(const RuleContext& ctx, RuleOutput& out) {
  ForEach<CreateIndex>(ctx, [&](const CreateIndex& c) {
    if (c.concurrently || !ctx.IsExistingTable(c.table)) return;
    out.Report("CREATE INDEX on " + c.table + " without CONCURRENTLY takes a SHARE lock that blocks "
                   "every INSERT, UPDATE and DELETE for the whole index build",
               std::string("CREATE ") + (c.unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " +
                   (c.if_not_exists ? "IF NOT EXISTS " : "") + (c.index.empty() ? "" : c.index + " ") +
                   "ON " + c.table + " (…), as a statement of its own outside any transaction block");
  });
}

}  // namespace migrate::rules
