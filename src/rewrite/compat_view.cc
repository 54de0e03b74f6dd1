#include "rewrite/compat_view.h"

#include "base/strings.h"
#include "sql/quote.h"

namespace migrate {
namespace {

constexpr Dialect kD = Dialect::kPostgres;

std::string Q(const std::string& name) { return QuoteIdentifier(kD, name); }
std::string QT(const std::string& table) { return QuoteQualifiedName(kD, table); }

}  // namespace

std::optional<Recipe> CompatSchemaRecipe(const RecipeInput& in, std::string* why) {
  auto refuse = [&](std::string reason) -> std::optional<Recipe> {
    *why = std::move(reason);
    return std::nullopt;
  };
  if (in.dialect != Dialect::kPostgres) {
    return refuse("--compat-schema is for PostgreSQL (it relies on search_path and automatically updatable views)");
  }
  const auto* rc = std::get_if<RenameColumn>(&in.change);
  const auto* rt = std::get_if<RenameTable>(&in.change);
  if (!rc && !rt) return refuse("--compat-schema applies to RENAME COLUMN and RENAME TO only");
  if (rt && rt->view) return refuse("renaming a view: not rewritten");
  const std::string& table = rc ? rc->table : rt->table;
  const Table* t = in.schema.FindTable(table);
  if (!t || t->columns.empty()) {
    return refuse("table " + table + " is not known to the replay of the earlier migrations (the view lists its "
                  "columns); define it in an earlier migration of this directory");
  }
  const std::string vs = in.compat_schema;
  const std::vector<std::string> table_parts = SplitQualifiedName(table);
  if (table_parts.size() > 1 && table_parts.front() == vs) {
    return refuse("the table is in schema " + vs + " itself: pick another --compat-schema");
  }
  std::string prefix;  // the table's schema, as written ("" for the default one)
  for (size_t i = 0; i + 1 < table_parts.size(); ++i) prefix += table_parts[i] + ".";

  std::vector<std::string> items;  // the view's select list
  for (const Column& c : t->columns) {
    if (rc && c.name == rc->column) items.push_back(Q(rc->new_name) + " AS " + Q(c.name));
    else items.push_back(Q(c.name));
  }
  if (rc) {
    if (!t->FindColumn(rc->column)) return refuse("column " + table + "." + rc->column + " is not known to the replay");
    if (t->FindColumn(rc->new_name)) return refuse("column " + table + "." + rc->new_name + " already exists");
  }
  const std::string view = Q(vs) + "." + Q(UnqualifiedName(table));
  const std::string source = rc ? QT(table) : QT(prefix + UnqualifiedName(rt->new_name));

  Recipe r;
  r.expand_atomic = true;
  r.expand.push_back({"CREATE SCHEMA IF NOT EXISTS " + Q(vs)});
  if (rc) {
    r.summary = "rename column " + table + "." + rc->column + " to " + rc->new_name + ": renamed, with a view " + vs +
                "." + UnqualifiedName(table) + " that keeps the old name for the app version whose search_path starts with " + vs +
                "; view and schema dropped in the contract";
    r.expand.push_back({"ALTER TABLE " + QT(table) + " RENAME COLUMN " + Q(rc->column) + " TO " + Q(rc->new_name),
                        "rename-column",
                        "the running app version reads and writes " + UnqualifiedName(table) + " through the view " + vs + "." +
                            UnqualifiedName(table) + ", created in the same transaction, which keeps the old name"});
  } else {
    r.summary = "rename table " + table + " to " + UnqualifiedName(rt->new_name) + ": renamed, with a view " + vs + "." +
                UnqualifiedName(table) + " under the old name for the app version whose search_path starts with " + vs +
                "; view and schema dropped in the contract";
    r.expand.push_back({"ALTER TABLE " + QT(table) + " RENAME TO " + Q(UnqualifiedName(rt->new_name)), "rename-table",
                        "the running app version reads and writes the table through the view " + vs + "." +
                            UnqualifiedName(table) + ", created in the same transaction"});
  }
  // security_invoker (PostgreSQL 15+): the app's own privileges and row-level security policies
  // apply to the table, as they did without the view.
  r.expand.push_back({"CREATE VIEW " + view + " WITH (security_invoker = true) AS SELECT " + Join(items, ", ") +
                      " FROM " + source});
  r.contract.push_back({"DROP VIEW IF EXISTS " + view});
  r.contract.push_back({"DROP SCHEMA IF EXISTS " + Q(vs) + " CASCADE", "drop-schema",
                        "the schema holds only the compatibility views of the retired app version, which the gate "
                        "says no longer runs"});
  r.notes.push_back("the running app version must connect with `SET search_path = " + vs + ", <its usual path>` "
                    "(set from its first deploy; PostgreSQL skips a schema that does not exist yet), and the new "
                    "version with a search_path without " + vs + ". The view is created in the same transaction as "
                    "the rename.");
  r.notes.push_back("grant the running version's role USAGE on schema " + vs + " (without it PostgreSQL skips the "
                    "schema, silently) and its table privileges on " + vs + "." + UnqualifiedName(table) + ", in the expand after "
                    "the CREATE VIEW; security_invoker checks its privileges on the table too. PostgreSQL 14 and "
                    "older: remove WITH (security_invoker = true), and the view owner's privileges apply");
  r.notes.push_back("the view lists the table's columns as they are now: a column added later is not in it. "
                    "INSERT … ON CONFLICT ON CONSTRAINT fails through the view (it has no constraints): use ON "
                    "CONFLICT (columns)");
  return r;
}

}  // namespace migrate
