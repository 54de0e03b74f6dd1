#include <algorithm>
#include <regex>

#include "base/strings.h"
#include "rewrite/compat_view.h"
#include "rewrite/recipe.h"
#include "rewrite/rename_table.h"
#include "rewrite/sync_triggers.h"
#include "sql/quote.h"

namespace migrate {
namespace {

std::string Q(Dialect d, const std::string& name) { return QuoteIdentifier(d, name); }
std::string QT(Dialect d, const std::string& table) { return QuoteQualifiedName(d, table); }

// The last part of a possibly qualified name.
bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// A column name not yet used in the table: base, base_2, base_3 …
std::string FreeColumnName(const Table& t, const std::string& base) {
  if (!t.FindColumn(base)) return base;
  for (int i = 2;; ++i) {
    std::string name = base + "_" + std::to_string(i);
    if (!t.FindColumn(name)) return name;
  }
}

// The type to declare and cast to: serial types are int types with a sequence default.
std::string StorageType(Dialect d, const TypeName& type) {
  if (d == Dialect::kPostgres) {
    if (type.name == "serial" || type.name == "serial4") return "int4";
    if (type.name == "bigserial" || type.name == "serial8") return "int8";
    if (type.name == "smallserial" || type.name == "serial2") return "int2";
  }
  return type.ToString();
}

// PostgreSQL's name for a NOT NULL check of ours; 63 bytes at most.
std::string NotNullCheckName(const std::string& table, const std::string& column) {
  std::string name = UnqualifiedName(table) + "_" + column + "_not_null";
  return name.size() <= 63 ? name : name.substr(0, 63);
}

struct Ctx {
  Dialect d;
  const RecipeInput& in;
  std::string* why;
  bool Refuse(std::string reason) {
    *why = std::move(reason);
    return false;
  }
};

const Table* TableOrRefuse(Ctx& c, const std::string& table) {
  const Table* t = c.in.schema.FindTable(table);
  if (!t) {
    c.Refuse("table " + table + " is not known to the replay of the earlier migrations (its columns, keys and "
             "indexes are needed to write the recipe); define it in an earlier migration of this directory");
  }
  return t;
}

// The backfill of `column` from `source` (an expression of the row), for the rows that existed
// before the sync triggers; repeating a batch changes nothing (WHERE column IS NULL).
RecipeStatement Backfill(Dialect d, const std::string& table, const std::string& column, const std::string& source,
                         const std::string& source_column) {
  return {"UPDATE " + QT(d, table) + " SET " + Q(d, column) + " = " + source + " WHERE " + Q(d, column) +
          " IS NULL AND " + Q(d, source_column) + " IS NOT NULL"};
}

void Add(std::vector<RecipeStatement>* to, const std::vector<std::string>& sql) {
  for (const std::string& s : sql) to->push_back({s});
}

// PostgreSQL: NOT NULL without a long lock: a CHECK added NOT VALID in the expand (enforced on
// new writes at once), validated in the contract, then SET NOT NULL (which uses the validated
// check instead of scanning) and the check dropped.
void PostgresNotNull(Recipe* r, const std::string& table, const std::string& column, bool check_in_expand,
                     std::vector<RecipeStatement>* set_not_null_into) {
  const Dialect d = Dialect::kPostgres;
  const std::string check = NotNullCheckName(table, column);
  RecipeStatement add{"ALTER TABLE " + QT(d, table) + " ADD CONSTRAINT " + Q(d, check) + " CHECK (" + Q(d, column) +
                      " IS NOT NULL) NOT VALID"};
  if (check_in_expand) r->expand.push_back(add);
  else r->contract.push_back(add);
  r->contract.push_back({"ALTER TABLE " + QT(d, table) + " VALIDATE CONSTRAINT " + Q(d, check)});
  set_not_null_into->push_back({"ALTER TABLE " + QT(d, table) + " ALTER COLUMN " + Q(d, column) + " SET NOT NULL"});
  set_not_null_into->push_back({"ALTER TABLE " + QT(d, table) + " DROP CONSTRAINT " + Q(d, check)});
}

// CREATE INDEX on `table` like `index` with `from` replaced by `to` in its columns, named `name`.
std::string IndexLike(Dialect d, const Index& index, const std::string& from, const std::string& to,
                      const std::string& name) {
  std::vector<std::string> cols;
  for (const std::string& col : index.columns) cols.push_back(col == from ? Q(d, to) : Q(d, col));
  if (d == Dialect::kMysql) {
    return "ALTER TABLE " + QT(d, index.table) + " ADD " + (index.unique ? "UNIQUE " : "") + "INDEX " + Q(d, name) +
           " (" + Join(cols, ", ") + "), ALGORITHM=INPLACE, LOCK=NONE";
  }
  return std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
         (d == Dialect::kPostgres ? "CONCURRENTLY " : "") + Q(d, name) + " ON " + QT(d, index.table) + " (" +
         Join(cols, ", ") + ")";
}

// Plain indexes on `column` (an expression index cannot be told from its text: left out, noted).
std::vector<const Index*> IndexesWith(const Schema& schema, const std::string& table, const std::string& column) {
  std::vector<const Index*> out;
  for (const Index* index : schema.IndexesOn(table)) {
    if (Has(index->columns, column)) out.push_back(index);
  }
  return out;
}

// ---- Rename column ------------------------------------------------------------------------
//   expand:   ADD COLUMN new (the old column's type, nullable), sync triggers, the old column's
//             indexes again on new; PostgreSQL: a NOT VALID NOT NULL check when old is NOT NULL
//   backfill: UPDATE … SET new = old WHERE new IS NULL
//   contract: drop the triggers, the old column's default on new, NOT NULL, DROP COLUMN old
bool RenameColumnRecipe(Ctx& c, const RenameColumn& rc, Recipe* r) {
  const Dialect d = c.d;
  const Table* t = TableOrRefuse(c, rc.table);
  if (!t) return false;
  const Column* col = t->FindColumn(rc.column);
  if (!col) return c.Refuse("column " + rc.table + "." + rc.column + " is not known to the replay");
  if (t->FindColumn(rc.new_name)) return c.Refuse("column " + rc.table + "." + rc.new_name + " already exists");
  for (const Constraint& k : t->constraints) {
    if (k.def.kind == ConstraintKind::kPrimaryKey && Has(k.def.columns, rc.column)) {
      return c.Refuse("column " + rc.table + "." + rc.column + " is part of the primary key; renaming a key column "
                      "with dual writes is not rewritten (keep the name, or rename the key in a maintenance window)");
    }
    if (k.def.kind == ConstraintKind::kForeignKey && Has(k.def.columns, rc.column)) {
      return c.Refuse("column " + rc.table + "." + rc.column + " holds foreign key " + k.def.name +
                      "; not rewritten (add the new column with its own foreign key by hand)");
    }
  }
  for (const auto& [other, fk] : c.in.schema.ForeignKeysTo(rc.table)) {
    if (fk->def.references && Has(fk->def.references->columns, rc.column)) {
      return c.Refuse("foreign key " + fk->def.name + " of " + other->name + " references " + rc.table + "." +
                      rc.column + "; not rewritten");
    }
  }
  if (col->generated != Generated::kNone || col->serial) {
    return c.Refuse("column " + rc.table + "." + rc.column + " is generated or serial; not rewritten");
  }
  const SyncPair pair{rc.table, rc.column, rc.new_name};
  const std::string type = StorageType(d, col->type);
  r->summary = "rename column " + rc.table + "." + rc.column + " to " + rc.new_name +
               ": new column, dual-write triggers, backfill, old column dropped in the contract";
  r->expand.push_back({"ALTER TABLE " + QT(d, rc.table) + " ADD COLUMN " + Q(d, rc.new_name) + " " + type});
  Add(&r->expand, CreateSyncTriggers(d, pair));
  std::vector<RecipeStatement> not_null_tail;
  if (col->not_null && d == Dialect::kPostgres) PostgresNotNull(r, rc.table, rc.new_name, true, &not_null_tail);
  for (const Index* index : IndexesWith(c.in.schema, rc.table, rc.column)) {
    std::string name = index->name;
    const size_t at = name.find(rc.column);
    name = at == std::string::npos ? name + "_" + rc.new_name : name.substr(0, at) + rc.new_name + name.substr(at + rc.column.size());
    if (name == index->name) name += "_2";
    r->expand.push_back({IndexLike(d, *index, rc.column, rc.new_name, name)});
  }
  r->backfill.push_back(Backfill(d, rc.table, rc.new_name, Q(d, rc.column), rc.column));
  Add(&r->contract, DropSyncTriggers(d, pair));
  for (RecipeStatement& s : not_null_tail) r->contract.push_back(std::move(s));
  if (col->default_value && !col->default_value->is_null && d != Dialect::kSqlite) {
    r->contract.push_back({"ALTER TABLE " + QT(d, rc.table) + " ALTER COLUMN " + Q(d, rc.new_name) + " SET DEFAULT " +
                           col->default_value->text});
  }
  r->contract.push_back({"ALTER TABLE " + QT(d, rc.table) + " DROP COLUMN " + Q(d, rc.column)});
  r->notes.push_back("while both app versions run, the old one reads and writes " + rc.column + ", the new one " +
                     rc.new_name + "; the triggers keep them equal. Deploy the new version after `migrate apply`, "
                     "and run `migrate contract` once no old version is live.");
  if (col->not_null && d != Dialect::kPostgres) {
    r->notes.push_back(rc.new_name + " is left nullable (" + rc.column + " was NOT NULL): add NOT NULL in a later "
                       "migration once the contract ran");
  }
  if (col->not_null && d == Dialect::kSqlite) {
    r->notes.push_back("SQLite checks NOT NULL before AFTER triggers run: the new version must still write " +
                       rc.column + " until the contract, or " + rc.column + " must become nullable first");
  }
  return true;
}

// ---- Change a column's type ---------------------------------------------------------------
//   expand:   ADD COLUMN <c>_new <type>, sync triggers converting both ways, the column's indexes,
//             key and foreign keys again on <c>_new (PostgreSQL: CONCURRENTLY, NOT VALID)
//   backfill: UPDATE … SET <c>_new = CAST(<c> AS <type>) WHERE <c>_new IS NULL
//   contract: validate, then in one transaction: drop the triggers, move NOT NULL, default,
//             sequence, primary key, foreign keys and index names over, DROP COLUMN <c>, RENAME
//             <c>_new TO <c>. Both app versions keep using <c> throughout.
bool ChangeTypeRecipe(Ctx& c, const std::string& table, const std::string& column, const TypeName& type,
                      bool has_using, Recipe* r) {
  const Dialect d = c.d;
  if (d == Dialect::kSqlite) {
    return c.Refuse("SQLite column types are affinities: a type change is a table rebuild; write it as the "
                    "table-rebuild recipe (docs/recipes.md#sqlite-table-rebuild)");
  }
  if (has_using) return c.Refuse("ALTER COLUMN … TYPE … USING: a custom conversion is not rewritten");
  const Table* t = TableOrRefuse(c, table);
  if (!t) return false;
  const Column* col = t->FindColumn(column);
  if (!col) return c.Refuse("column " + table + "." + column + " is not known to the replay");
  if (col->generated == Generated::kIdentity) return c.Refuse("identity column " + table + "." + column + ": not rewritten");
  for (const auto& [other, fk] : c.in.schema.ForeignKeysTo(table)) {
    if (fk->def.references && Has(fk->def.references->columns, column)) {
      return c.Refuse("foreign key " + fk->def.name + " of " + other->name + " references " + table + "." + column +
                      ": change the referencing column's type first, the same way");
    }
  }
  const Constraint* pk = t->PrimaryKey();
  if (pk && !Has(pk->def.columns, column)) pk = nullptr;  // only a key that holds the column matters
  if (pk && (d != Dialect::kPostgres || pk->def.columns.size() != 1)) {
    return c.Refuse("column " + table + "." + column + " is part of the primary key" +
                    std::string(d == Dialect::kMysql ? " (a MySQL primary key change rebuilds the table)" : " (a composite key)") +
                    ": not rewritten");
  }
  const std::string fresh = FreeColumnName(*t, column + "_new");
  const std::string new_type = StorageType(d, type), old_type = StorageType(d, col->type);
  // PostgreSQL converts with CAST; MySQL's CAST knows only a few target types (SIGNED, CHAR, …), and
  // assigning to the column converts anyway (an error in strict mode when a value does not fit).
  const bool cast = d == Dialect::kPostgres;
  const SyncPair pair{table, column, fresh, cast ? "CAST({} AS " + new_type + ")" : "{}",
                      cast ? "CAST({} AS " + old_type + ")" : "{}"};
  r->summary = "change type of " + table + "." + column + " from " + old_type + " to " + new_type +
               ": new column, dual-write triggers, backfill, swapped in the contract";
  r->expand.push_back({"ALTER TABLE " + QT(d, table) + " ADD COLUMN " + Q(d, fresh) + " " + new_type});
  Add(&r->expand, CreateSyncTriggers(d, pair));

  std::vector<RecipeStatement> swap;
  Add(&swap, DropSyncTriggers(d, pair));
  if (d == Dialect::kPostgres) {
    if (col->not_null) PostgresNotNull(r, table, fresh, true, &swap);
    std::vector<RecipeStatement> renames;
    if (pk) {
      const std::string key_index = UnqualifiedName(table) + "_" + fresh + "_key";
      r->expand.push_back({"CREATE UNIQUE INDEX CONCURRENTLY " + Q(d, key_index) + " ON " + QT(d, table) + " (" +
                           Q(d, fresh) + ")"});
      swap.push_back({"ALTER TABLE " + QT(d, table) + " DROP CONSTRAINT " + Q(d, pk->def.name)});
      swap.push_back({"ALTER TABLE " + QT(d, table) + " ADD CONSTRAINT " + Q(d, pk->def.name) + " PRIMARY KEY USING INDEX " +
                      Q(d, key_index)});
    }
    for (const Index* index : IndexesWith(c.in.schema, table, column)) {
      const std::string temp = index->name.size() + 4 <= 63 ? index->name + "_new" : index->name.substr(0, 59) + "_new";
      r->expand.push_back({IndexLike(d, *index, column, fresh, temp)});
      renames.push_back({"ALTER INDEX " + Q(d, temp) + " RENAME TO " + Q(d, index->name)});
    }
    for (const Constraint& k : t->constraints) {
      if (k.def.kind != ConstraintKind::kForeignKey || !Has(k.def.columns, column) || !k.def.references) continue;
      std::vector<std::string> cols, refs;
      for (const std::string& x : k.def.columns) cols.push_back(Q(d, x == column ? fresh : x));
      for (const std::string& x : k.def.references->columns) refs.push_back(Q(d, x));
      const std::string temp = k.def.name.size() + 4 <= 63 ? k.def.name + "_new" : k.def.name.substr(0, 59) + "_new";
      r->expand.push_back({"ALTER TABLE " + QT(d, table) + " ADD CONSTRAINT " + Q(d, temp) + " FOREIGN KEY (" +
                           Join(cols, ", ") + ") REFERENCES " + QT(d, k.def.references->table) +
                           (refs.empty() ? "" : " (" + Join(refs, ", ") + ")") + " NOT VALID"});
      r->contract.push_back({"ALTER TABLE " + QT(d, table) + " VALIDATE CONSTRAINT " + Q(d, temp)});
      renames.push_back({"ALTER TABLE " + QT(d, table) + " RENAME CONSTRAINT " + Q(d, temp) + " TO " + Q(d, k.def.name)});
    }
    // The default, and a serial column's sequence, move to the new column.
    std::string default_text = col->default_value && !col->default_value->is_null ? col->default_value->text : "";
    const std::string sequence = UnqualifiedName(table) + "_" + column + "_seq";
    if (col->serial) default_text = "nextval(" + QuoteLiteral(sequence) + "::regclass)";
    if (col->serial || default_text.find("nextval(") != std::string::npos) {
      std::smatch m;
      std::string seq = sequence;
      static const std::regex kNextval(R"(nextval\('([^']+)')");
      if (std::regex_search(default_text, m, kNextval)) seq = m[1];
      swap.push_back({"ALTER SEQUENCE " + QT(d, seq) + " OWNED BY " + QT(d, table) + "." + Q(d, fresh)});
    }
    if (!default_text.empty()) {
      swap.push_back({"ALTER TABLE " + QT(d, table) + " ALTER COLUMN " + Q(d, fresh) + " SET DEFAULT " + default_text});
    }
    swap.push_back({"ALTER TABLE " + QT(d, table) + " DROP COLUMN " + Q(d, column)});
    swap.push_back({"ALTER TABLE " + QT(d, table) + " RENAME COLUMN " + Q(d, fresh) + " TO " + Q(d, column),
                    "rename-column",
                    "the last step of the type change: the old column is gone, both app versions use this name"});
    for (RecipeStatement& s : renames) swap.push_back(std::move(s));
  } else {
    // MySQL/MariaDB: one ALTER TABLE drops the old column and renames the new one, atomically.
    std::vector<std::string> index_renames;
    for (const Index* index : IndexesWith(c.in.schema, table, column)) {
      const std::string temp = index->name + "_new";
      r->expand.push_back({IndexLike(d, *index, column, fresh, temp)});
      index_renames.push_back("RENAME INDEX " + Q(d, temp) + " TO " + Q(d, index->name));
    }
    std::string modify = "MODIFY COLUMN " + Q(d, fresh) + " " + new_type + (col->not_null ? " NOT NULL" : "");
    if (col->default_value && !col->default_value->is_null) modify += " DEFAULT " + col->default_value->text;
    std::string alter = "ALTER TABLE " + QT(d, table) + " DROP COLUMN " + Q(d, column) + ", RENAME COLUMN " +
                        Q(d, fresh) + " TO " + Q(d, column);
    for (const std::string& x : index_renames) alter += ", " + x;
    swap.push_back({alter, "rename-column",
                    "the last step of the type change: one ALTER drops the old column and gives the new one its name"});
    if (col->not_null) {
      r->notes.push_back(column + " becomes nullable during the change and NOT NULL is not restored: add it in a "
                         "later migration once the contract ran (" + modify + ")");
    }
  }
  r->backfill.push_back(
      Backfill(d, table, fresh, cast ? "CAST(" + Q(d, column) + " AS " + new_type + ")" : Q(d, column), column));
  r->contract_swap = std::move(swap);
  r->notes.push_back("both app versions keep using " + column + "; the new one must cope with " + new_type +
                     " values. Apps that keep prepared `SELECT *` statements across the swap fail once on "
                     "PostgreSQL (\"cached plan must not change result type\"): name the columns");
  return true;
}

// ---- Rename table ---------------------------------------------------------------------------
//   PostgreSQL: expand (one transaction): RENAME TO new, and a view under the old name (a simple
//   view is updatable, so the old app keeps reading and writing through it); contract: DROP VIEW.
//   MySQL/MariaDB and SQLite: the other way round, a view under the new name (rename_table.h).
bool RenameTableRecipe(Ctx& c, const RenameTable& rt, Recipe* r) {
  const Dialect d = c.d;
  if (rt.view) return c.Refuse("renaming a view: not rewritten");
  if (d != Dialect::kPostgres) {
    std::optional<Recipe> through_view = RenameTableThroughViewRecipe(c.in, rt, c.why);
    if (!through_view) return false;
    *r = std::move(*through_view);
    return true;
  }
  std::vector<std::string> from = SplitQualifiedName(rt.table);
  std::vector<std::string> to = SplitQualifiedName(rt.new_name);
  std::string schema_prefix;
  for (size_t i = 0; i + 1 < from.size(); ++i) schema_prefix += from[i] + ".";
  const std::string new_table = to.size() > 1 ? rt.new_name : schema_prefix + rt.new_name;
  r->summary = "rename table " + rt.table + " to " + UnqualifiedName(rt.new_name) +
               ": renamed with a compatibility view under the old name, view dropped in the contract";
  r->expand_atomic = true;
  r->expand.push_back({"ALTER TABLE " + QT(d, rt.table) + " RENAME TO " + Q(d, UnqualifiedName(rt.new_name)), "rename-table",
                       "the old name stays readable and writable through the view created in the same transaction"});
  r->expand.push_back({"CREATE VIEW " + QT(d, rt.table) + " AS SELECT * FROM " + QT(d, new_table)});
  r->contract.push_back({"DROP VIEW " + QT(d, rt.table)});
  r->notes.push_back("the view has the table's columns as they are now: columns added later are not in it, and it "
                     "cannot be the target of ALTER TABLE; the old app must not depend on " + rt.table +
                     " being a table (e.g. in catalog queries)");
  return true;
}

// ---- NOT NULL on an existing column (PostgreSQL) -------------------------------------------
bool SetNotNullRecipe(Ctx& c, const SetNotNull& sn, Recipe* r) {
  if (c.d != Dialect::kPostgres) return c.Refuse("only PostgreSQL is rewritten for SET NOT NULL");
  r->summary = "set NOT NULL on " + sn.table + "." + sn.column +
               ": a NOT VALID check, validated, then SET NOT NULL without a scan";
  std::vector<RecipeStatement> tail;
  PostgresNotNull(r, sn.table, sn.column, /*check_in_expand=*/true, &tail);
  for (RecipeStatement& s : tail) r->contract.push_back(std::move(s));
  r->notes.push_back("the check applies to new writes as soon as the expand runs: every app version still writing "
                     "NULL into " + sn.column + " fails from then on; backfill the existing NULLs before the contract "
                     "(its VALIDATE fails on them, harmlessly)");
  return true;
}

// ---- A column added NOT NULL without a default -----------------------------------------------
bool AddColumnNotNullRecipe(Ctx& c, const AddColumn& ac, Recipe* r) {
  const Dialect d = c.d;
  ColumnDef col = ac.column;
  r->summary = "add column " + ac.table + "." + col.name + " NOT NULL: added nullable, NOT NULL in the contract";
  std::string def = Q(d, col.name) + " " + col.type.ToString();
  r->expand.push_back({"ALTER TABLE " + QT(d, ac.table) + " ADD COLUMN " + def});
  if (d == Dialect::kPostgres) {
    std::vector<RecipeStatement> tail;
    PostgresNotNull(r, ac.table, col.name, /*check_in_expand=*/false, &tail);
    for (RecipeStatement& s : tail) r->contract.push_back(std::move(s));
  } else if (d == Dialect::kMysql) {
    r->contract.push_back({"ALTER TABLE " + QT(d, ac.table) + " MODIFY COLUMN " + def + " NOT NULL"});
  }
  r->notes.push_back("rows that exist before the new app writes " + col.name + " stay NULL: add a backfill section "
                     "(UPDATE " + ac.table + " SET " + col.name + " = … WHERE " + col.name + " IS NULL) with the value "
                     "they should get; the contract's NOT NULL fails on them until then");
  if (d == Dialect::kSqlite) r->notes.push_back("SQLite cannot add NOT NULL to an existing column; it stays nullable");
  return true;
}

// ---- Constraints and indexes the online way (PostgreSQL) -------------------------------------
bool AddConstraintRecipe(Ctx& c, const AddConstraint& ac, Recipe* r) {
  const Dialect d = c.d;
  if (d != Dialect::kPostgres) return c.Refuse("only PostgreSQL constraints are rewritten");
  ConstraintDef k = ac.constraint;
  std::vector<std::string> cols;
  for (const std::string& x : k.columns) cols.push_back(Q(d, x));
  const std::string name = !k.name.empty() ? k.name
                           : k.kind == ConstraintKind::kForeignKey
                               ? UnqualifiedName(ac.table) + "_" + Join(k.columns, "_") + "_fkey"
                           : k.kind == ConstraintKind::kCheck ? UnqualifiedName(ac.table) + "_check"
                           : k.kind == ConstraintKind::kPrimaryKey ? UnqualifiedName(ac.table) + "_pkey"
                                                                    : UnqualifiedName(ac.table) + "_" + Join(k.columns, "_") + "_key";
  switch (k.kind) {
    case ConstraintKind::kForeignKey:
    case ConstraintKind::kCheck: {
      std::string text = c.in.statement.text;
      // The statement with NOT VALID appended, then validated separately.
      std::string body;
      if (k.kind == ConstraintKind::kCheck) {
        body = "CHECK (" + k.check_text + ")";
      } else {
        std::vector<std::string> refs;
        for (const std::string& x : k.references->columns) refs.push_back(Q(d, x));
        body = "FOREIGN KEY (" + Join(cols, ", ") + ") REFERENCES " + QT(d, k.references->table) +
               (refs.empty() ? "" : " (" + Join(refs, ", ") + ")");
      }
      r->summary = std::string(k.kind == ConstraintKind::kCheck ? "check" : "foreign key") + " " + name +
                   " on " + ac.table + ": added NOT VALID, then validated without blocking writes";
      r->expand.push_back({"ALTER TABLE " + QT(d, ac.table) + " ADD CONSTRAINT " + Q(d, name) + " " + body + " NOT VALID"});
      r->expand.push_back({"ALTER TABLE " + QT(d, ac.table) + " VALIDATE CONSTRAINT " + Q(d, name)});
      if (k.kind == ConstraintKind::kForeignKey && k.references && k.references->columns.empty()) {
        r->notes.push_back("foreign key " + name + " references the primary key of " + k.references->table);
      }
      return true;
    }
    case ConstraintKind::kUnique:
    case ConstraintKind::kPrimaryKey: {
      if (!k.using_index.empty()) return c.Refuse("already built from an index");
      const std::string& index = name;  // the index is built under the constraint's name
      r->summary = std::string(k.kind == ConstraintKind::kUnique ? "unique" : "primary key") + " " + name + " on " +
                   ac.table + ": its index built CONCURRENTLY first, then attached";
      r->expand.push_back({"CREATE UNIQUE INDEX CONCURRENTLY " + Q(d, index) + " ON " + QT(d, ac.table) + " (" +
                           Join(cols, ", ") + ")"});
      r->expand.push_back({"ALTER TABLE " + QT(d, ac.table) + " ADD CONSTRAINT " + Q(d, name) +
                           (k.kind == ConstraintKind::kUnique ? " UNIQUE" : " PRIMARY KEY") + " USING INDEX " +
                           Q(d, index)});
      if (k.kind == ConstraintKind::kPrimaryKey) {
        r->notes.push_back("a primary key needs NOT NULL columns: ADD PRIMARY KEY … USING INDEX sets NOT NULL and "
                           "scans the table unless a validated CHECK (col IS NOT NULL) exists");
      }
      return true;
    }
    default:
      return c.Refuse("this constraint kind is not rewritten");
  }
}

// CREATE INDEX / DROP INDEX / REINDEX: the same statement with CONCURRENTLY.
bool ConcurrentlyRecipe(Ctx& c, Recipe* r) {
  if (c.d != Dialect::kPostgres) return c.Refuse("only PostgreSQL has CONCURRENTLY");
  if (c.in.statement.in_transaction_block) {
    return c.Refuse("the statement is inside BEGIN … COMMIT, where CONCURRENTLY cannot run; move it out first");
  }
  static const std::regex kCreate(R"(^(\s*CREATE\s+(UNIQUE\s+)?INDEX)(\s))", std::regex::icase);
  static const std::regex kDrop(R"(^(\s*DROP\s+INDEX)(\s))", std::regex::icase);
  static const std::regex kReindex(R"(^(\s*REINDEX\s+(\([^)]*\)\s*)?(INDEX|TABLE|SCHEMA|DATABASE|SYSTEM))(\s))",
                                   std::regex::icase);
  const std::string& text = c.in.statement.text;
  std::string out;
  if (std::regex_search(text, kCreate)) out = std::regex_replace(text, kCreate, "$1 CONCURRENTLY$3", std::regex_constants::format_first_only);
  else if (std::regex_search(text, kDrop)) out = std::regex_replace(text, kDrop, "$1 CONCURRENTLY$2", std::regex_constants::format_first_only);
  else if (std::regex_search(text, kReindex)) out = std::regex_replace(text, kReindex, "$1 CONCURRENTLY$4", std::regex_constants::format_first_only);
  else return c.Refuse("could not find where CONCURRENTLY goes");
  r->summary = "the same statement with CONCURRENTLY: no lock blocking writes, one statement per transaction";
  // DROP INDEX removes something the old app may use: it stays a contract step.
  if (std::holds_alternative<DropIndex>(c.in.change)) r->contract.push_back({out});
  else r->expand.push_back({out});
  return true;
}

}  // namespace

std::optional<Recipe> MakeRecipe(const RecipeInput& input, std::string* why) {
  if (!input.compat_schema.empty() &&
      (std::holds_alternative<RenameColumn>(input.change) || std::holds_alternative<RenameTable>(input.change))) {
    return CompatSchemaRecipe(input, why);
  }
  Ctx c{input.dialect, input, why};
  Recipe r;
  auto has_rule = [&](const char* rule) {
    return std::any_of(input.findings.begin(), input.findings.end(), [&](const Finding& f) { return f.rule == rule; });
  };
  bool ok = std::visit(
      [&](const auto& ch) -> bool {
        using T = std::decay_t<decltype(ch)>;
        if constexpr (std::is_same_v<T, RenameColumn>) return RenameColumnRecipe(c, ch, &r);
        if constexpr (std::is_same_v<T, RenameTable>) return RenameTableRecipe(c, ch, &r);
        if constexpr (std::is_same_v<T, AlterColumnType>) return ChangeTypeRecipe(c, ch.table, ch.column, ch.type, ch.has_using, &r);
        if constexpr (std::is_same_v<T, ModifyColumn>) {
          if (!has_rule("unsafe-column-type-change") && !has_rule("mysql-table-copy") && !has_rule("mysql-algorithm-copy")) {
            return c.Refuse("no recipe for this MODIFY");
          }
          return ChangeTypeRecipe(c, ch.table, ch.column, ch.definition.type, false, &r);
        }
        if constexpr (std::is_same_v<T, SetNotNull>) return SetNotNullRecipe(c, ch, &r);
        if constexpr (std::is_same_v<T, AddColumn>) {
          if (!has_rule("add-column-not-null-without-default")) return c.Refuse("no recipe for this ADD COLUMN");
          return AddColumnNotNullRecipe(c, ch, &r);
        }
        if constexpr (std::is_same_v<T, AddConstraint>) return AddConstraintRecipe(c, ch, &r);
        if constexpr (std::is_same_v<T, CreateIndex> || std::is_same_v<T, DropIndex> || std::is_same_v<T, Reindex>) {
          return ConcurrentlyRecipe(c, &r);
        }
        return c.Refuse("no recipe for " + Describe(Change(ch)));
      },
      input.change);
  if (!ok) return std::nullopt;
  return r;
}

}  // namespace migrate
