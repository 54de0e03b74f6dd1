#include "analysis/rules/rules.h"

namespace migrate::rules {

void CheckUnsafeColumnTypeChange(const RuleContext& ctx, RuleOutput& out) {
  ForEach<AlterColumnType>(ctx, [&](const AlterColumnType& c) {
    if (!ctx.IsExistingTable(c.table)) return;
    const Table* table = ctx.schema.FindTable(c.table);
    const Column* column = table ? table->FindColumn(c.column) : nullptr;
    std::string target = c.table + "." + c.column;
    std::string message;
    if (column == nullptr) {
      message = "changing the type of " + target + " to " + c.type.ToString() +
                " cannot be proven safe: the earlier migrations do not show its current type";
    } else if (c.has_using) {
      message = "changing the type of " + target + " from " + column->type.ToString() + " to " +
                c.type.ToString() + " with USING rewrites the table under an ACCESS EXCLUSIVE lock";
    } else if (!IsSafeTypeChange(ctx.dialect, column->type, c.type)) {
      message = "changing the type of " + target + " from " + column->type.ToString() + " to " +
                c.type.ToString() + " rewrites the table under an ACCESS EXCLUSIVE lock or narrows "
                "the values the running app may write";
    } else {
      return;
    }
    out.Report(message,
               "expand: ADD COLUMN " + c.column + "_new " + c.type.ToString() +
                   " and a trigger that writes both columns; backfill: copy " + c.column +
                   " into " + c.column + "_new in batches; contract (requires-app): switch the app "
                   "to the new column, drop the trigger and the old column");
  });
}

}  // namespace migrate::rules
