#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckAddColumnNotNullWithoutDefault(const RuleContext& ctx, RuleOutput& out) {
  ForEach<AddColumn>(ctx, [&](const AddColumn& c) {
    const ColumnDef& col = c.column;
    if (!ctx.IsExistingTable(c.table) || !col.not_null || col.serial || col.generated != Generated::kNone) return;
    if (col.default_value && !col.default_value->is_null) return;
    out.Report("ADD COLUMN " + col.name + " NOT NULL without a DEFAULT: it fails on a table that has "
                   "rows, and the running app's INSERTs, which do not set " + col.name + ", would fail",
               "expand: ALTER TABLE " + c.table + " ADD COLUMN " + col.name + " " + col.type.ToString() +
                   " (nullable, or NOT NULL with a constant DEFAULT); backfill: fill " + col.name +
                   " in batches; contract (requires-app): SET NOT NULL via a validated CHECK (" +
                   col.name + " IS NOT NULL)");
  });
}

}  // namespace migrate::rules
