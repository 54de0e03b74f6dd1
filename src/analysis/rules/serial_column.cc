#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckSerialColumn(const RuleContext& ctx, RuleOutput& out) {
  ForEach<AddColumn>(ctx, [&](const AddColumn& c) {
    const ColumnDef& col = c.column;
    if (!ctx.IsExistingTable(c.table)) return;
    if (!col.serial && col.generated != Generated::kIdentity) return;
    std::string what = col.serial ? col.type.name : "GENERATED … AS IDENTITY";
    out.Report("ADD COLUMN " + col.name + " " + what + " fills every existing row from a sequence "
                   "(nextval() is VOLATILE): a full table rewrite under an ACCESS EXCLUSIVE lock",
               "expand: CREATE SEQUENCE; ADD COLUMN " + col.name +
                   " bigint (nullable); SET DEFAULT nextval('…') for new rows; backfill: number the "
                   "existing rows in batches; contract (requires-app): SET NOT NULL via a validated CHECK");
  });
}

}  // namespace migrate::rules
