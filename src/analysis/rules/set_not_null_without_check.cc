#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckSetNotNullWithoutCheck(const RuleContext& ctx, RuleOutput& out) {
  ForEach<SetNotNull>(ctx, [&](const SetNotNull& c) {
    if (!ctx.IsExistingTable(c.table)) return;
    const Table* table = ctx.schema.FindTable(c.table);
    const bool can_skip_scan = ctx.settings.postgres_version >= 12;
    if (can_skip_scan && table && table->HasValidatedNotNullCheck(c.column)) return;
    std::string check = c.table.substr(c.table.rfind('.') + 1) + "_" + c.column + "_not_null";
    if (!can_skip_scan) {
      out.Report("SET NOT NULL on " + c.table + "." + c.column + " scans the whole table under an "
                     "ACCESS EXCLUSIVE lock; PostgreSQL " + std::to_string(ctx.settings.postgres_version) +
                     " cannot use a CHECK constraint to skip the scan (12 and later can)",
                 "keep a validated CHECK (" + c.column + " IS NOT NULL) NOT VALID constraint instead "
                 "of SET NOT NULL until the server runs PostgreSQL 12 or later");
      return;
    }
    out.Report("SET NOT NULL on " + c.table + "." + c.column + " scans the whole table under an "
                   "ACCESS EXCLUSIVE lock: no validated CHECK (" + c.column + " IS NOT NULL) exists",
               "ALTER TABLE " + c.table + " ADD CONSTRAINT " + check + " CHECK (" + c.column +
                   " IS NOT NULL) NOT VALID; ALTER TABLE " + c.table + " VALIDATE CONSTRAINT " + check +
                   "; then SET NOT NULL (no scan) and DROP CONSTRAINT " + check);
  });
}

}  // namespace migrate::rules
