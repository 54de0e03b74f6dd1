#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckVolatileDefault(const RuleContext& ctx, RuleOutput& out) {
  ForEach<AddColumn>(ctx, [&](const AddColumn& c) {
    const ColumnDef& col = c.column;
    if (!ctx.IsExistingTable(c.table) || !col.default_value || col.default_value->is_null) return;
    if (col.serial || col.generated != Generated::kNone) return;  // serial-column, stored-generated-column
    const int version = ctx.settings.postgres_version;
    std::string why;
    if (col.default_value->volatility == Volatility::kVolatile) {
      why = "its DEFAULT " + col.default_value->text + " is VOLATILE (" +
            col.default_value->volatile_function + "), so PostgreSQL evaluates it for every existing row";
    } else if (version < 11) {
      why = "before PostgreSQL 11 every non-NULL DEFAULT is written into every existing row "
            "(postgres-version is " + std::to_string(version) + ")";
    } else {
      return;
    }
    out.Report("ADD COLUMN " + col.name + " rewrites " + c.table + " under an ACCESS EXCLUSIVE lock: " + why,
               "expand: ALTER TABLE " + c.table + " ADD COLUMN " + col.name + " " + col.type.ToString() +
                   "; ALTER TABLE " + c.table + " ALTER COLUMN " + col.name + " SET DEFAULT " +
                   col.default_value->text + " (new rows only); backfill: UPDATE " + c.table + " SET " +
                   col.name + " = " + col.default_value->text + " WHERE " + col.name + " IS NULL in batches");
  });
}

}  // namespace migrate::rules
