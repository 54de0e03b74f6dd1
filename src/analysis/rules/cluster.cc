#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckCluster(const RuleContext& ctx, RuleOutput& out) {
  ForEach<Cluster>(ctx, [&](const Cluster& c) {
    if (!c.table.empty() && !ctx.IsExistingTable(c.table)) return;
    out.Report("CLUSTER" + (c.table.empty() ? std::string() : " " + c.table) +
                   " rewrites the table under an ACCESS EXCLUSIVE lock, blocking reads and writes",
               "reorder online with pg_repack --order-by, outside migrations");
  });
}

}  // namespace migrate::rules
