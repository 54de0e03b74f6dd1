#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckStoredGeneratedColumn(const RuleContext& ctx, RuleOutput& out) {
  ForEach<AddColumn>(ctx, [&](const AddColumn& c) {
    if (c.column.generated != Generated::kStored || !ctx.IsExistingTable(c.table)) return;
    out.Report("ADD COLUMN " + c.column.name + " GENERATED ALWAYS AS (…) STORED computes and writes the "
                   "value into every existing row: a full table rewrite under an ACCESS EXCLUSIVE lock",
               "expand: ADD COLUMN " + c.column.name + " " + c.column.type.ToString() +
                   " (plain) and a BEFORE INSERT OR UPDATE trigger that computes it; backfill: compute "
                   "it for existing rows in batches");
  });
}

}  // namespace migrate::rules
