#include "analysis/rules/mysql_lock_rules.h"
#include "analysis/rules/rules.h"

namespace migrate::rules {
namespace {

// MySQL/MariaDB MODIFY / CHANGE: the column's whole new definition, judged against the replayed one.
void CheckModifyColumn(const RuleContext& ctx, const ModifyColumn& m, RuleOutput& out) {
  if (!ctx.IsExistingTable(m.table)) return;
  std::string old_name = m.column;  // CHANGE old new: the replay knows the old name
  ForEach<RenameColumn>(ctx, [&](const RenameColumn& r) {
    if (r.table == m.table && r.new_name == m.column) old_name = r.column;
  });
  const Table* table = ctx.schema.FindTable(m.table);
  const Column* column = table ? table->FindColumn(old_name) : nullptr;
  const TypeName& to = m.definition.type;
  const std::string target = m.table + "." + old_name;
  const std::string copy = ctx.online_ddl && !ctx.online_ddl->refused
                               ? "predicted " + Predicted(ctx)
                               : "it needs ALGORITHM=COPY, LOCK=SHARED" + OnServer(ctx);
  std::string message;
  if (column == nullptr) {
    message = "MODIFY/CHANGE of " + target + " to " + to.ToString() + " cannot be proven safe: the earlier "
              "migrations do not show its current type, and any type change copies the table (" + copy +
              ": writes wait for the whole copy) or narrows the values the running app may write";
  } else if (!IsSafeMysqlTypeChange(column->type, to, m.definition.charset)) {
    message = "changing the type of " + target + " from " + column->type.ToString() + " to " + to.ToString() +
              " copies the table (" + copy + ": the app's writes wait for the whole copy)";
    if (column->type.name == to.name && (to.name == "varchar" || to.name == "varbinary")) {
      message += "; a shorter length, or a VARCHAR whose length prefix grows from 1 to 2 bytes (past 255 "
                 "bytes, 4 bytes a character in utf8mb4), cannot change in place";
    }
  } else {
    return;
  }
  // CHANGE old new with a new type: the new column takes the new name (rename-column reports the rename).
  const std::string n = old_name != m.column ? m.column : m.column + "_new";
  out.Report(message,
             "expand: ALTER TABLE " + m.table + " ADD COLUMN " + n + " " + to.ToString() +
                 ", plus BEFORE INSERT and BEFORE UPDATE triggers that SET NEW." + n + " = NEW." + old_name +
                 "; backfill: UPDATE " + m.table + " SET " + n + " = " + old_name + " WHERE " + n +
                 " IS NULL in batches; contract (requires-app): move the app to " + n +
                 ", drop the triggers and the old column. Or keep the name and run the change with a "
                 "shadow-table copy (" + kShadowCopyTools + ")");
}

}  // namespace

void CheckUnsafeColumnTypeChange(const RuleContext& ctx, RuleOutput& out) {
  if (ctx.dialect == Dialect::kMysql) {
    ForEach<ModifyColumn>(ctx, [&](const ModifyColumn& m) { CheckModifyColumn(ctx, m, out); });
  }
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
