#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckAddColumnNotNullWithoutDefault(const RuleContext& ctx, RuleOutput& out) {
  ForEach<AddColumn>(ctx, [&](const AddColumn& c) {
    const ColumnDef& col = c.column;
    if (!ctx.IsExistingTable(c.table) || !col.not_null || col.serial || col.generated != Generated::kNone) return;
    if (col.auto_increment) return;  // MySQL AUTO_INCREMENT numbers the rows (mysql-auto-increment-column)
    if (col.default_value && !col.default_value->is_null) return;
    const std::string message = "ADD COLUMN " + col.name + " NOT NULL without a DEFAULT: it fails on a table "
                                "that has rows, and the running app's INSERTs, which do not set " + col.name +
                                ", would fail";
    if (ctx.dialect == Dialect::kMysql) {
      out.Report("ADD COLUMN " + col.name + " NOT NULL without a DEFAULT: MySQL fills the existing rows with the "
                     "type's zero value (0, '', '0000-00-00') instead of failing, and under strict SQL mode "
                     "the running app's INSERTs, which do not set " + col.name + ", then fail (\"Field '" +
                     col.name + "' doesn't have a default value\")",
                 "expand: ALTER TABLE " + c.table + " ADD COLUMN " + col.name + " " + col.type.ToString() +
                     " NULL (or NOT NULL DEFAULT <constant>, INSTANT as well); backfill: fill " + col.name +
                     " in batches; contract (requires-app): ALTER TABLE " + c.table + " MODIFY " + col.name +
                     " " + col.type.ToString() + " NOT NULL (an in-place rebuild: see mysql-inplace-rebuild)");
      return;
    }
    if (ctx.dialect == Dialect::kSqlite) {  // no SET NOT NULL before SQLite 3.53
      out.Report(message, "ALTER TABLE " + c.table + " ADD COLUMN " + col.name + " " + col.type.ToString() +
                              " NOT NULL DEFAULT <constant> (SQLite stores the default in the schema and "
                              "rewrites no row), or add it nullable; before SQLite 3.53 an existing column "
                              "becomes NOT NULL only by a table rebuild (see sqlite-table-rebuild)");
      return;
    }
    out.Report(message,
               "expand: ALTER TABLE " + c.table + " ADD COLUMN " + col.name + " " + col.type.ToString() +
                   " (nullable, or NOT NULL with a constant DEFAULT); backfill: fill " + col.name +
                   " in batches; contract (requires-app): SET NOT NULL via a validated CHECK (" +
                   col.name + " IS NOT NULL)");
  });
}

}  // namespace migrate::rules
