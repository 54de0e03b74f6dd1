#include "rewrite/rename_table.h"

#include <algorithm>

#include "base/strings.h"
#include "sql/quote.h"

namespace migrate {
namespace {

std::vector<std::string> QuotedColumns(Dialect d, const Table& t) {
  std::vector<std::string> out;
  for (const Column& c : t.columns) out.push_back(QuoteIdentifier(d, c.name));
  return out;
}

// MySQL/MariaDB: the view with the new name in the expand, the atomic swap in the contract.
void MysqlRecipe(const RenameTable& rt, const std::string& new_table, const Table& t, Recipe* r) {
  const Dialect d = Dialect::kMysql;
  const std::string swapped = MysqlSwappedViewName(new_table);
  std::string swapped_qualified = swapped;
  if (std::vector<std::string> parts = SplitQualifiedName(new_table); parts.size() > 1) {
    swapped_qualified = parts[0] + "." + swapped;
  }
  r->summary = "rename table " + rt.table + " to " + UnqualifiedName(new_table) + ": a view named " + UnqualifiedName(new_table) +
               " over the table until the contract swaps the names in one RENAME TABLE";
  r->expand.push_back({"CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW " +
                       QuoteQualifiedName(d, new_table) + " AS SELECT " + Join(QuotedColumns(d, t), ", ") +
                       " FROM " + QuoteQualifiedName(d, rt.table)});
  r->contract.push_back({"RENAME TABLE " + QuoteQualifiedName(d, new_table) + " TO " +
                             QuoteQualifiedName(d, swapped_qualified) + ", " + QuoteQualifiedName(d, rt.table) +
                             " TO " + QuoteQualifiedName(d, new_table),
                         "rename-table",
                         "one atomic RENAME TABLE: the view " + UnqualifiedName(new_table) + " makes way for the table, no "
                         "session sees the name missing, and the gate says no app version uses " + UnqualifiedName(rt.table)});
  r->contract.push_back({"DROP VIEW IF EXISTS " + QuoteQualifiedName(d, swapped_qualified)});
  r->notes.push_back("the old app version keeps using " + rt.table + " (the table); the new one uses " +
                     UnqualifiedName(new_table) + ", a view over it until the contract (reads, writes, defaults, "
                     "AUTO_INCREMENT, LAST_INSERT_ID() and the table's triggers work through it; ALTER TABLE and "
                     "TRUNCATE of " + UnqualifiedName(new_table) + " do not). Deploy the new version after `migrate apply`.");
  r->notes.push_back("views, stored routines and other tables' trigger bodies that name " + rt.table +
                     " are not renamed by RENAME TABLE (foreign keys and the table's own triggers are): recreate "
                     "them in the contract; table-level GRANTs on " + rt.table + " do not follow the rename either");
}

// SQLite: the view with INSTEAD OF triggers in the expand; the view dropped and the table renamed
// in one contract transaction.
bool SqliteRecipe(const RenameTable& rt, const std::string& new_table, const Table& t, Recipe* r, std::string* why) {
  const Dialect d = Dialect::kSqlite;
  const Constraint* pk = t.PrimaryKey();
  const std::vector<std::string> key = pk ? pk->def.columns : std::vector<std::string>{};
  if (key.empty()) {
    *why = "table " + rt.table + " has no PRIMARY KEY: the view's UPDATE and DELETE triggers find the table's row "
           "by it (a view has no rowid); not rewritten";
    return false;
  }
  for (const std::string& name : {rt.table, new_table}) {
    std::vector<std::string> parts = SplitQualifiedName(name);
    if (parts.size() > 1 && ToLower(parts[0]) != "main") {
      *why = "a table outside the main schema (" + name + "): trigger bodies cannot name other schemas; not rewritten";
      return false;
    }
  }
  const std::string table = QuoteIdentifier(d, UnqualifiedName(rt.table));
  const std::string view = QuoteIdentifier(d, UnqualifiedName(new_table));
  std::vector<std::string> cols, values, sets;
  for (const Column& c : t.columns) {
    if (c.generated != Generated::kNone) continue;  // computed by the table
    const std::string q = QuoteIdentifier(d, c.name);
    cols.push_back(q);
    // A view has no defaults: a column the INSERT omits arrives as NULL, and takes the table's default.
    values.push_back(c.default_value && !c.default_value->is_null
                         ? "COALESCE(NEW." + q + ", " + c.default_value->text + ")"
                         : "NEW." + q);
    sets.push_back(q + " = NEW." + q);
  }
  std::vector<std::string> match;
  for (const std::string& k : key) match.push_back(QuoteIdentifier(d, k) + " = OLD." + QuoteIdentifier(d, k));
  const std::string where = Join(match, " AND ");
  const std::string base = UnqualifiedName(new_table) + "_migrate_";
  r->summary = "rename table " + rt.table + " to " + UnqualifiedName(new_table) + ": a view named " + UnqualifiedName(new_table) +
               " with INSTEAD OF triggers writing the table until the contract drops it and renames the table";
  r->expand_atomic = true;
  r->expand.push_back({"CREATE VIEW " + view + " AS SELECT " + Join(QuotedColumns(d, t), ", ") + " FROM " + table});
  r->expand.push_back({"CREATE TRIGGER " + QuoteIdentifier(d, base + "insert") + " INSTEAD OF INSERT ON " + view +
                       " BEGIN INSERT INTO " + table + " (" + Join(cols, ", ") + ") VALUES (" + Join(values, ", ") +
                       "); END"});
  r->expand.push_back({"CREATE TRIGGER " + QuoteIdentifier(d, base + "update") + " INSTEAD OF UPDATE ON " + view +
                       " BEGIN UPDATE " + table + " SET " + Join(sets, ", ") + " WHERE " + where + "; END"});
  r->expand.push_back({"CREATE TRIGGER " + QuoteIdentifier(d, base + "delete") + " INSTEAD OF DELETE ON " + view +
                       " BEGIN DELETE FROM " + table + " WHERE " + where + "; END"});
  // legacy_alter_table OFF (SQLite's default, set in case the connection changed it): the rename
  // then rewrites the other tables' REFERENCES, and the views and trigger bodies naming the table.
  r->contract.push_back({"PRAGMA legacy_alter_table = OFF"});
  r->contract_swap.push_back({"DROP VIEW " + view});
  r->contract_swap.push_back({"ALTER TABLE " + table + " RENAME TO " + view, "rename-table",
                              "the view " + UnqualifiedName(new_table) + " is replaced by the table in one transaction, and the "
                              "gate says no app version uses " + UnqualifiedName(rt.table)});
  r->notes.push_back("the old app version keeps using " + rt.table + " (the table); the new one uses " +
                     UnqualifiedName(new_table) + ", a view whose INSTEAD OF triggers write the table, until the contract. "
                     "Through the view, changes() is 0, last_insert_rowid() is not set, RETURNING returns the "
                     "values as written (NULL for a key the table assigns) and UPSERT (ON CONFLICT … DO) fails: "
                     "the new version must not rely on them before the contract (docs/recipes.md#rename-a-table)");
  r->notes.push_back("a column an INSERT through the view omits gets the table's default; an explicit NULL into a "
                     "column with a default gets the default too. An UPDATE through the view writes every column "
                     "(the table's UPDATE OF triggers fire for all of them)");
  return true;
}

}  // namespace

std::string MysqlSwappedViewName(const std::string& new_table) {
  std::string name = UnqualifiedName(new_table) + "_migrate_view";
  return name.size() <= 64 ? name : name.substr(name.size() - 64);
}

std::optional<Recipe> RenameTableThroughViewRecipe(const RecipeInput& in, const RenameTable& rt, std::string* why) {
  auto refuse = [&](std::string reason) -> std::optional<Recipe> {
    *why = std::move(reason);
    return std::nullopt;
  };
  if (in.dialect != Dialect::kMysql && in.dialect != Dialect::kSqlite) {
    return refuse("the view-first table rename is for MySQL/MariaDB and SQLite");
  }
  if (rt.view) return refuse("renaming a view: not rewritten");
  const Table* t = in.schema.FindTable(rt.table);
  if (!t || t->columns.empty()) {
    return refuse("table " + rt.table + " is not known to the replay of the earlier migrations (the view lists its "
                  "columns); define it in an earlier migration of this directory");
  }
  // MySQL: RENAME TABLE a TO db2.b moves the table; a view cannot follow it into another database.
  std::string new_table = rt.new_name;
  const std::vector<std::string> from = SplitQualifiedName(rt.table), to = SplitQualifiedName(rt.new_name);
  if (to.size() > 1 && (from.size() < 2 || ToLower(from[0]) != ToLower(to[0]))) {
    return refuse("moving " + rt.table + " to another database (" + rt.new_name + "): not rewritten");
  }
  if (to.size() == 1 && from.size() > 1) new_table = from[0] + "." + rt.new_name;
  if (in.schema.FindTable(new_table)) return refuse("table " + new_table + " already exists");
  Recipe r;
  if (in.dialect == Dialect::kMysql) {
    MysqlRecipe(rt, new_table, *t, &r);
  } else if (!SqliteRecipe(rt, new_table, *t, &r, why)) {
    return std::nullopt;
  }
  return r;
}

}  // namespace migrate
