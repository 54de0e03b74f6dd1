#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckVacuumFull(const RuleContext& ctx, RuleOutput& out) {
  ForEach<Vacuum>(ctx, [&](const Vacuum& c) {
    if (!c.table.empty() && !ctx.IsExistingTable(c.table)) return;
    if (!c.full) return;
    out.Report("VACUUM FULL" + (c.table.empty() ? std::string(" (every table)") : " " + c.table) +
                   " rewrites the table under an ACCESS EXCLUSIVE lock, blocking reads and writes",
               "plain VACUUM (no blocking lock), or an online repack with pg_repack");
  });
}

}  // namespace migrate::rules
