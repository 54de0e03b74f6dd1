#include "rewrite/sqlite_rebuild.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "base/strings.h"
#include "sql/quote.h"

namespace migrate {
namespace {

constexpr Dialect kD = Dialect::kSqlite;

std::string Q(const std::string& name) { return QuoteIdentifier(kD, name); }
std::string QT(const std::string& table) { return QuoteQualifiedName(kD, table); }

// SQLite compares names case-insensitively.
std::string Key(const std::string& name) { return ToLower(UnqualifiedName(name)); }

bool Search(const std::string& text, const char* pattern) {
  return std::regex_search(text, std::regex(pattern, std::regex::icase));
}

// A plain column name is quoted; "col DESC", "lower(x)" and other expressions are kept as written.
std::string ColumnRef(const std::string& x) {
  static const std::regex kPlain(R"(^[A-Za-z_][A-Za-z0-9_$]*$)");
  return std::regex_match(x, kPlain) ? Q(x) : x;
}

std::string ColumnList(const std::vector<std::string>& cols) {
  std::vector<std::string> out;
  for (const std::string& c : cols) out.push_back(ColumnRef(c));
  return Join(out, ", ");
}

// A default as SQLite's CREATE TABLE accepts it: literals as they are, anything else parenthesised.
std::string DefaultSql(const std::string& text) {
  static const std::regex kLiteral(
      R"(^([-+]?[0-9][0-9.]*([eE][-+]?[0-9]+)?|'([^']|'')*'|[xX]'[0-9A-Fa-f]*'|NULL|TRUE|FALSE|CURRENT_TIME|CURRENT_DATE|CURRENT_TIMESTAMP)$)",
      std::regex::icase);
  const std::string t(Trim(text));
  if (!t.empty() && t.front() == '(') return t;
  return std::regex_match(t, kLiteral) ? t : "(" + t + ")";
}

// The text of `sql` after its first top-level keyword `word` (outside quotes), or "".
std::string After(const std::string& sql, const std::string& word) {
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char ch = sql[i];
    if (quote) {
      if (ch == quote) quote = 0;
      continue;
    }
    if (ch == '"' || ch == '\'' || ch == '`' || ch == '[') {
      quote = ch == '[' ? ']' : ch;
      continue;
    }
    const bool starts = i == 0 || !(std::isalnum(static_cast<unsigned char>(sql[i - 1])) || sql[i - 1] == '_');
    if (!starts || sql.size() - i < word.size()) continue;
    bool match = true;
    for (size_t k = 0; k < word.size() && match; ++k) {
      match = std::toupper(static_cast<unsigned char>(sql[i + k])) == word[k];
    }
    const size_t end = i + word.size();
    if (match && (end == sql.size() || !(std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_'))) {
      return std::string(Trim(std::string_view(sql).substr(end)));
    }
  }
  return "";
}

// A CREATE TRIGGER statement up to its body.
std::string TriggerHead(const std::string& sql) {
  static const std::regex kBegin(R"(\bBEGIN\b)", std::regex::icase);
  std::smatch m;
  return std::regex_search(sql, m, kBegin) ? sql.substr(0, static_cast<size_t>(m.position(0))) : sql;
}

// The table a CREATE TRIGGER statement is on ("" when it cannot be found).
std::string TriggerTable(const std::string& sql) {
  static const std::regex kOn(R"(\bON\s+((?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*)(?:\s*\.\s*(?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*))?))",
                              std::regex::icase);
  const std::string head = TriggerHead(sql);
  std::smatch m;
  if (!std::regex_search(head, m, kOn)) return "";
  std::string name = m[1];
  name.erase(std::remove_if(name.begin(), name.end(), [](unsigned char c) { return std::isspace(c); }), name.end());
  return name;
}

// What the migrations before the rebuild say about the table that the model does not hold.
struct TableHistory {
  std::vector<std::string> definition;  // its CREATE TABLE and ADD COLUMN statements
  struct Text {
    std::string name, sql;
    bool stale = false;  // a later rename or DROP COLUMN changed what the text names
  };
  std::vector<Text> indexes;   // CREATE INDEX on it
  std::vector<Text> triggers;  // CREATE TRIGGER … ON it
};

TableHistory TableHistoryOf(const std::vector<const Statement*>& prior, const std::string& table) {
  std::map<std::string, TableHistory> all;  // by Key of the table's current name
  // A renamed column makes the texts that name it out of date; a renamed table only its triggers'
  // (an index's text is used from its column list on).
  auto stale = [&](const std::string& t, bool indexes) {
    auto it = all.find(Key(t));
    if (it == all.end()) return;
    if (indexes) {
      for (auto& x : it->second.indexes) x.stale = true;
    }
    for (auto& x : it->second.triggers) x.stale = true;
  };
  auto drop_named = [&](std::vector<TableHistory::Text>* v, const std::string& name) {
    std::erase_if(*v, [&](const TableHistory::Text& x) { return Key(x.name) == Key(name); });
  };
  for (const Statement* s : prior) {
    for (const Change& c : s->changes) {
      if (const auto* ct = std::get_if<CreateTable>(&c)) {
        all[Key(ct->table)] = TableHistory{{s->text}, {}, {}};
      } else if (const auto* ac = std::get_if<AddColumn>(&c)) {
        all[Key(ac->table)].definition.push_back(s->text);
      } else if (const auto* dt = std::get_if<DropTable>(&c)) {
        all.erase(Key(dt->table));
      } else if (const auto* rt = std::get_if<RenameTable>(&c)) {
        stale(rt->table, false);
        auto node = all.extract(Key(rt->table));
        if (!node.empty()) {
          node.key() = Key(rt->new_name);
          all.insert(std::move(node));
        }
      } else if (const auto* rc = std::get_if<RenameColumn>(&c)) {
        stale(rc->table, true);
      } else if (const auto* dc = std::get_if<DropColumn>(&c)) {
        stale(dc->table, true);
      } else if (const auto* ci = std::get_if<CreateIndex>(&c)) {
        if (!ci->index.empty()) all[Key(ci->table)].indexes.push_back({ci->index, s->text});
      } else if (const auto* di = std::get_if<DropIndex>(&c)) {
        for (auto& [_, h] : all) drop_named(&h.indexes, di->index);
      } else if (const auto* co = std::get_if<CreateObject>(&c); co && co->kind == ObjectKind::kTrigger) {
        const std::string on = TriggerTable(s->text);
        if (!on.empty()) all[Key(on)].triggers.push_back({co->name, s->text});
      } else if (const auto* dobj = std::get_if<DropObject>(&c); dobj && dobj->kind == ObjectKind::kTrigger) {
        for (auto& [_, h] : all) drop_named(&h.triggers, dobj->name);
      }
    }
  }
  auto it = all.find(Key(table));
  return it == all.end() ? TableHistory{} : it->second;
}

// Whether `name` looks like the name the model generated for an unnamed constraint.
bool GeneratedName(const std::string& table, const std::string& name) {
  const std::string base = UnqualifiedName(table) + "_";
  if (name.rfind(base, 0) != 0) return false;
  for (const char* suffix : {"_pkey", "_key", "_fkey", "_check", "_excl"}) {
    if (EndsWith(name, suffix)) return true;
  }
  return false;
}

std::string ConstraintBody(const ConstraintDef& k) {
  switch (k.kind) {
    case ConstraintKind::kPrimaryKey: return "PRIMARY KEY (" + ColumnList(k.columns) + ")";
    case ConstraintKind::kUnique: return "UNIQUE (" + ColumnList(k.columns) + ")";
    case ConstraintKind::kCheck: return "CHECK (" + k.check_text + ")";
    case ConstraintKind::kForeignKey: {
      std::string s = "FOREIGN KEY (" + ColumnList(k.columns) + ") REFERENCES " + QT(k.references->table);
      if (!k.references->columns.empty()) s += " (" + ColumnList(k.references->columns) + ")";
      return s;
    }
    case ConstraintKind::kExclusion: return "";
  }
  return "";
}

struct Target {
  std::vector<Column> columns;
  std::vector<Constraint> constraints;
  std::vector<std::string> added;  // constraint clauses as written in the ALTER statements
};

std::string CreateTableSql(const std::string& name, const Target& t, bool strict) {
  std::vector<std::string> items;
  for (const Column& c : t.columns) {
    std::string s = Q(c.name);
    if (!c.type.name.empty()) s += " " + c.type.ToString();
    bool in_key = false;
    for (const Constraint& k : t.constraints) {
      if (k.def.kind == ConstraintKind::kPrimaryKey && std::find(k.def.columns.begin(), k.def.columns.end(), c.name) != k.def.columns.end()) {
        in_key = true;
      }
    }
    for (const Constraint& k : t.constraints) {
      if (k.column != c.name || k.def.kind != ConstraintKind::kPrimaryKey) continue;
      s += " PRIMARY KEY";
      if (c.auto_increment) s += " AUTOINCREMENT";
    }
    // A key column's NOT NULL comes from the key (the model cannot tell whether it was written).
    if (c.not_null && !in_key) s += " NOT NULL";
    if (c.default_value && !c.default_value->is_null) s += " DEFAULT " + DefaultSql(c.default_value->text);
    if (!c.collation.empty()) s += " COLLATE " + c.collation;
    for (const Constraint& k : t.constraints) {
      if (k.column != c.name) continue;
      if (k.def.kind == ConstraintKind::kUnique) s += " UNIQUE";
      if (k.def.kind == ConstraintKind::kCheck) s += " CHECK (" + k.def.check_text + ")";
      if (k.def.kind == ConstraintKind::kForeignKey && k.def.references) {
        s += " REFERENCES " + QT(k.def.references->table);
        if (!k.def.references->columns.empty()) s += " (" + ColumnList(k.def.references->columns) + ")";
      }
    }
    items.push_back(s);
  }
  for (const Constraint& k : t.constraints) {
    if (!k.column.empty()) continue;
    std::string s = GeneratedName(name, k.def.name) ? "" : "CONSTRAINT " + Q(k.def.name) + " ";
    items.push_back(s + ConstraintBody(k.def));
  }
  for (const std::string& clause : t.added) items.push_back(clause);
  return "CREATE TABLE " + QT(name) + " (\n  " + Join(items, ",\n  ") + "\n)" + (strict ? " STRICT" : "");
}

// The CREATE INDEX for `index` on the new table, named `name`.
std::optional<std::string> IndexSql(const Index& index, const TableHistory& h, const std::string& new_table,
                                    const std::string& name, std::string* why) {
  const std::string head = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " + Q(name) + " ON " +
                           Q(UnqualifiedName(new_table)) + " ";
  for (const TableHistory::Text& x : h.indexes) {
    if (Key(x.name) != Key(index.name)) continue;
    if (x.stale) {
      if (Search(x.sql, R"(\bWHERE\b)")) {
        *why = "partial index " + index.name + " was created before a later rename or DROP COLUMN on the table, so "
               "its WHERE clause as written may name what no longer exists; recreate it by hand first";
        return std::nullopt;
      }
      break;
    }
    // The text from the first parenthesis after ON: columns, expressions, COLLATE, DESC, WHERE.
    static const std::regex kOn(R"(\bON\s+(?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$.]*)\s*\()",
                                std::regex::icase);
    std::smatch m;
    if (std::regex_search(x.sql, m, kOn)) {
      return head + x.sql.substr(static_cast<size_t>(m.position(0) + m.length(0)) - 1);
    }
  }
  if (std::any_of(index.columns.begin(), index.columns.end(), [](const std::string& c) { return c.empty(); })) {
    *why = "index " + index.name + " has a column the model does not know";
    return std::nullopt;
  }
  return head + "(" + ColumnList(index.columns) + ")";
}

// The name of the new table's copy of an index: name_new, or the name without _new when it has
// it (the index of an earlier rebuild), so names alternate instead of growing.
std::string ShadowIndexName(const Schema& schema, const std::string& name) {
  std::string candidate = EndsWith(name, "_new") && name.size() > 4 ? name.substr(0, name.size() - 4) : name + "_new";
  const std::string base = candidate;
  for (int i = 2; schema.FindIndex(candidate); ++i) candidate = base + "_" + std::to_string(i);
  return candidate;
}

}  // namespace

bool NeedsSqliteRebuild(const Change& change) {
  return std::holds_alternative<AlterColumnType>(change) || std::holds_alternative<SetNotNull>(change) ||
         std::holds_alternative<DropNotNull>(change) || std::holds_alternative<SetDefault>(change) ||
         std::holds_alternative<DropDefault>(change) || std::holds_alternative<AddConstraint>(change) ||
         std::holds_alternative<DropConstraint>(change);
}

std::optional<Recipe> SqliteRebuildRecipe(const SqliteRebuildInput& in, std::string* why) {
  auto refuse = [&](std::string reason) -> std::optional<Recipe> {
    *why = std::move(reason);
    return std::nullopt;
  };
  const std::string& table = in.table;
  const Table* t = in.schema.FindTable(table);
  if (!t) {
    return refuse("table " + table + " is not known to the replay of the earlier migrations (its columns, keys and "
                  "indexes are needed to write the new table); define it in an earlier migration of this directory");
  }
  if (t->columns.empty()) return refuse("table " + table + " has no known columns (a virtual table?): not rebuilt");
  const TableHistory h = TableHistoryOf(in.prior, table);
  if (h.definition.empty()) return refuse("the CREATE TABLE of " + table + " is not in the migrations before this one");
  const std::string def = Join(h.definition, "\n");
  if (Search(def, R"(\bWITHOUT\s+ROWID\b)")) {
    return refuse(table + " is a WITHOUT ROWID table: not rebuilt (its clustered key and its differences from rowid "
                  "tables are not carried over by this recipe)");
  }
  struct Lossy {
    const char* pattern;
    const char* what;
  };
  for (const Lossy& l : {Lossy{R"(\bON\s+(DELETE|UPDATE)\b)", "foreign key actions (ON DELETE / ON UPDATE)"},
                         Lossy{R"(\bDEFERRABLE\b)", "a DEFERRABLE foreign key"},
                         Lossy{R"(\bMATCH\b)", "a foreign key MATCH clause"},
                         Lossy{R"(\bON\s+CONFLICT\b)", "an ON CONFLICT clause"},
                         Lossy{R"(\bGENERATED\b|\bAS\s*\()", "a generated column"}}) {
    if (Search(def, l.pattern)) {
      return refuse("the definition of " + table + " has " + l.what + ", which the replayed schema does not hold, so "
                    "the new table would silently lose it: not rebuilt; write this rebuild by hand "
                    "(docs/rules/sqlite-table-rebuild.md)");
    }
  }
  const bool strict = Search(def, R"(\)\s*(,\s*)?(WITHOUT\s+ROWID\s*,\s*)?STRICT\s*$)");
  const Constraint* pk = t->PrimaryKey();
  if (!pk || pk->def.columns.empty()) {
    return refuse(table + " has no PRIMARY KEY: the rows of the old and the new table cannot be matched (the rowid "
                  "of a table without INTEGER PRIMARY KEY may change on VACUUM): not rebuilt");
  }
  const std::vector<std::string>& key = pk->def.columns;
  for (const std::string& k : key) {
    if (!t->FindColumn(k)) return refuse("key column " + table + "." + k + " is not known (an expression key?)");
  }
  for (const Column& c : t->columns) {
    if (c.generated != Generated::kNone) return refuse("generated column " + table + "." + c.name + ": not rebuilt");
  }
  for (const TableHistory::Text& tr : h.triggers) {
    if (tr.stale) {
      return refuse("trigger " + tr.name + " on " + table + " was created before a later rename or DROP COLUMN on "
                    "the table (SQLite rewrote its text since), so it cannot be recreated from the migrations: "
                    "recreate it in a migration of its own first");
    }
    const std::string head = TriggerHead(tr.sql);
    std::smatch m;
    static const std::regex kUpdateOf(R"(\bUPDATE\s+OF\s+([\s\S]*?)\s+ON\b)", std::regex::icase);
    if (std::regex_search(head, m, kUpdateOf)) {
      for (const std::string& col : Split(std::string(m[1]), ',')) {
        const std::string k(Trim(col));
        if (std::none_of(key.begin(), key.end(), [&](const std::string& x) { return Key(x) == Key(k); })) continue;
        {
          return refuse("trigger " + tr.name + " fires on UPDATE OF " + k + ", which the backfill's no-op update sets "
                        "on every row: not rebuilt");
        }
      }
    } else if (Search(head, R"(\bUPDATE\s+ON\b)")) {
      return refuse("trigger " + tr.name + " on " + table + " fires on every UPDATE, and the backfill copies the rows "
                    "with a no-op UPDATE of each: it would fire once per row. Not rebuilt; make it an UPDATE OF "
                    "<columns> trigger first");
    }
  }

  // The new shape: the replayed table with each change applied.
  Target target{t->columns, t->constraints, {}};
  auto column = [&](const std::string& name) -> Column* {
    for (Column& c : target.columns) {
      if (Key(c.name) == Key(name)) return &c;
    }
    return nullptr;
  };
  auto is_key = [&](const std::string& name) {
    return std::any_of(key.begin(), key.end(), [&](const std::string& k) { return Key(k) == Key(name); });
  };
  std::vector<std::string> what, not_null_added, fk_check_children;
  bool fk_check_self = false;
  for (const SqliteRebuildPart& part : in.parts) {
    const std::string& text = part.statement->text;
    std::string problem;
    std::visit(
        [&](const auto& ch) {
          using T = std::decay_t<decltype(ch)>;
          if constexpr (std::is_same_v<T, AlterColumnType>) {
            Column* c = column(ch.column);
            if (!c) return void(problem = "column " + table + "." + ch.column + " is not known to the replay");
            if (ch.has_using) return void(problem = "ALTER COLUMN … TYPE … USING: a conversion is not rebuilt (SQLite "
                                                    "converts by the new column's affinity)");
            if (is_key(ch.column)) return void(problem = "column " + table + "." + ch.column + " is in the primary key, "
                                                         "which matches the rows of the two tables: not rebuilt");
            const std::string type(Trim(After(text, "TYPE")));
            if (type.empty()) return void(problem = "could not find the type in the statement");
            c->type = TypeName{type, {}, 0, {}};
            what.push_back("type of " + ch.column + " to " + type);
            for (const auto& [other, fk] : in.schema.ForeignKeysTo(table)) {
              if (fk->def.references && std::find(fk->def.references->columns.begin(), fk->def.references->columns.end(),
                                                  ch.column) != fk->def.references->columns.end()) {
                fk_check_children.push_back(other->name);
              }
            }
          } else if constexpr (std::is_same_v<T, SetNotNull>) {
            Column* c = column(ch.column);
            if (!c) return void(problem = "column " + table + "." + ch.column + " is not known to the replay");
            c->not_null = true;
            not_null_added.push_back(c->name);
            what.push_back("NOT NULL on " + ch.column);
          } else if constexpr (std::is_same_v<T, DropNotNull>) {
            Column* c = column(ch.column);
            if (!c) return void(problem = "column " + table + "." + ch.column + " is not known to the replay");
            if (is_key(ch.column)) return void(problem = "column " + table + "." + ch.column + " is in the primary key");
            c->not_null = false;
            what.push_back("DROP NOT NULL on " + ch.column);
          } else if constexpr (std::is_same_v<T, SetDefault>) {
            Column* c = column(ch.column);
            if (!c) return void(problem = "column " + table + "." + ch.column + " is not known to the replay");
            c->default_value = ch.value;
            what.push_back("default of " + ch.column + " to " + ch.value.text);
          } else if constexpr (std::is_same_v<T, DropDefault>) {
            Column* c = column(ch.column);
            if (!c) return void(problem = "column " + table + "." + ch.column + " is not known to the replay");
            c->default_value.reset();
            what.push_back("default of " + ch.column + " dropped");
          } else if constexpr (std::is_same_v<T, AddConstraint>) {
            const ConstraintDef& k = ch.constraint;
            if (k.kind == ConstraintKind::kUnique) {
              return void(problem = "a UNIQUE constraint needs no rebuild on SQLite: CREATE UNIQUE INDEX " + UnqualifiedName(table) +
                                    "_" + Join(k.columns, "_") + "_key ON " + table + " (" + Join(k.columns, ", ") +
                                    ") enforces the same rule");
            }
            if (k.kind != ConstraintKind::kCheck && k.kind != ConstraintKind::kForeignKey) {
              return void(problem = std::string("adding a ") + ConstraintKindName(k.kind) + " constraint is not rebuilt "
                                    "(a primary key is what matches the rows of the two tables)");
            }
            for (const std::string& col : k.columns) {
              if (!column(col)) return void(problem = "column " + table + "." + col + " is not known to the replay");
            }
            if (k.kind == ConstraintKind::kForeignKey) {
              if (!k.references || (Key(k.references->table) != Key(table) && !in.schema.FindTable(k.references->table))) {
                return void(problem = "the referenced table " + (k.references ? k.references->table : std::string("?")) +
                                      " is not known to the replay");
              }
              fk_check_self = true;
            }
            std::string clause = After(text, "ADD");
            static const std::regex kNotValid(R"(\s+NOT\s+VALID\s*$)", std::regex::icase);
            clause = std::regex_replace(clause, kNotValid, "");
            if (clause.empty()) return void(problem = "could not find the constraint in the statement");
            target.added.push_back(clause);
            what.push_back(k.name.empty() ? clause
                                          : std::string(k.kind == ConstraintKind::kCheck ? "CHECK " : "FOREIGN KEY ") + k.name);
          } else if constexpr (std::is_same_v<T, DropConstraint>) {
            auto it = std::find_if(target.constraints.begin(), target.constraints.end(),
                                   [&](const Constraint& k) { return Key(k.def.name) == Key(ch.name); });
            if (it == target.constraints.end()) {
              return void(problem = "constraint " + ch.name + " of " + table + " is not known to the replay (SQLite "
                                    "constraints without a CONSTRAINT name cannot be named)");
            }
            if (it->def.kind == ConstraintKind::kPrimaryKey) {
              return void(problem = "dropping the primary key is not rebuilt (it matches the rows of the two tables)");
            }
            target.constraints.erase(it);
            what.push_back("constraint " + ch.name + " dropped");
          } else {
            problem = "no table rebuild for " + Describe(Change(ch));
          }
        },
        *part.change);
    if (!problem.empty()) return refuse(problem);
  }
  // NOT NULL on rows that hold NULL: the copy would fail on them. The rows get the column's default
  // (the value SQLite itself gives a row that does not set it); without one, not rebuilt.
  std::vector<std::pair<std::string, std::string>> null_fills;
  for (const std::string& name : not_null_added) {
    const Column* c = column(name);
    if (!c->default_value || c->default_value->is_null) {
      return refuse("NOT NULL on " + table + "." + name + ": the rows that hold NULL need a value, and the column has "
                    "no default to give them. Add `ALTER TABLE " + UnqualifiedName(table) + " ALTER COLUMN " + name +
                    " SET DEFAULT …` to this file (it joins the same rebuild), or fill the NULLs in an earlier "
                    "migration's backfill section and write the rebuild by hand");
    }
    null_fills.push_back({name, DefaultSql(c->default_value->text)});
  }

  // Names.
  const std::vector<std::string> parts = SplitQualifiedName(table);
  std::string prefix;
  for (size_t i = 0; i + 1 < parts.size(); ++i) prefix += parts[i] + ".";
  std::string new_bare = UnqualifiedName(table) + "_new";
  for (int i = 2; in.schema.FindTable(prefix + new_bare); ++i) new_bare = UnqualifiedName(table) + "_new_" + std::to_string(i);
  const std::string new_table = prefix + new_bare;
  const std::string trigger_base = "migrate_rebuild_" + UnqualifiedName(table);
  const std::string ins = trigger_base + "_ins", upd = trigger_base + "_upd", del = trigger_base + "_del";
  const std::string check_table = "temp.migrate_rebuild_check";

  std::vector<std::string> cols, news;
  for (const Column& c : t->columns) {
    cols.push_back(Q(c.name));
    news.push_back("NEW." + Q(c.name));
  }
  auto key_match = [&](const std::string& left, const std::string& right) {
    std::vector<std::string> eq;
    for (const std::string& k : key) eq.push_back(left + Q(k) + " = " + right + Q(k));
    return Join(eq, " AND ");
  };
  const std::string nq = Q(new_bare);  // trigger bodies take unqualified names
  const std::string copy = "INSERT INTO " + nq + " (" + Join(cols, ", ") + ") VALUES (" + Join(news, ", ") + ");";
  const std::string missing = "NOT EXISTS (SELECT 1 FROM " + QT(new_table) + " WHERE " +
                              key_match(QT(new_table) + ".", QT(table) + ".") + ")";

  Recipe r;
  r.summary = "rebuild of " + table + " (" + Join(what, "; ") + "): new table " + new_bare +
              ", sync triggers, batched copy, swapped in the contract";
  // ---- expand
  r.expand_atomic = true;
  r.expand.push_back({CreateTableSql(new_table, target, strict), "sqlite-table-rebuild",
                      "the online rebuild: the backfill's no-op UPDATE of " + UnqualifiedName(table) + " copies the rows through "
                      "the AFTER UPDATE trigger below, in batches; the contract swaps the tables"});
  std::vector<std::string> index_names;
  for (const Index* index : in.schema.IndexesOn(table)) {
    const std::string name = ShadowIndexName(in.schema, index->name);
    std::optional<std::string> sql = IndexSql(*index, h, new_table, name, why);
    if (!sql) return std::nullopt;
    // A schema-qualified table's index lives in the same schema: the name is qualified, the table not.
    if (!prefix.empty()) sql->replace(sql->find(Q(name)), Q(name).size(), QT(prefix + name));
    r.expand.push_back({*sql});
    index_names.push_back(index->name + " → " + name);
  }
  r.expand.push_back({"CREATE TRIGGER " + QT(prefix + ins) + " AFTER INSERT ON " + QT(table) + " FOR EACH ROW BEGIN " +
                      "DELETE FROM " + nq + " WHERE " + key_match("", "NEW.") + "; " + copy + " END"});
  r.expand.push_back({"CREATE TRIGGER " + QT(prefix + upd) + " AFTER UPDATE ON " + QT(table) + " FOR EACH ROW BEGIN " +
                      "DELETE FROM " + nq + " WHERE " + key_match("", "OLD.") + "; " + copy + " END"});
  r.expand.push_back({"CREATE TRIGGER " + QT(prefix + del) + " AFTER DELETE ON " + QT(table) + " FOR EACH ROW BEGIN " +
                      "DELETE FROM " + nq + " WHERE " + key_match("", "OLD.") + "; END"});
  // ---- backfill
  for (const auto& [name, value] : null_fills) {
    r.backfill.push_back({"UPDATE " + QT(table) + " SET " + Q(name) + " = " + value + " WHERE " + Q(name) + " IS NULL"});
  }
  r.backfill.push_back({"UPDATE " + QT(table) + " SET " + Q(key[0]) + " = " + Q(key[0]) + " WHERE " + missing});
  // ---- contract
  r.contract.push_back({"PRAGMA legacy_alter_table = ON", "sqlite-pragma-legacy-alter-table",
                        "only for the swap below, and OFF right after it: the rename of " + new_bare + " must not "
                        "check or rewrite the views and triggers that name " + UnqualifiedName(table) + ", which then name the new "
                        "table"});
  std::vector<std::string> children;
  bool self_reference = false;
  for (const auto& [other, fk] : in.schema.ForeignKeysTo(table)) {
    if (Key(other->name) == Key(table)) self_reference = true;
    else if (std::find(children.begin(), children.end(), other->name) == children.end()) children.push_back(other->name);
  }
  const bool fk_guard = !children.empty() || self_reference;
  std::sort(fk_check_children.begin(), fk_check_children.end());
  fk_check_children.erase(std::unique(fk_check_children.begin(), fk_check_children.end()), fk_check_children.end());
  const bool checks = fk_guard || fk_check_self || !fk_check_children.empty();
  std::vector<RecipeStatement>& swap = r.contract_swap;
  if (checks) {
    // SQL cannot raise an error outside a trigger; a CHECK constraint on a temporary table can.
    swap.push_back({"CREATE TEMP TABLE " + Q("migrate_rebuild_check") + " (\n  " +
                    Q("foreign_keys_off") + " INTEGER CONSTRAINT " +
                    Q("PRAGMA foreign_keys is ON on this connection: DROP TABLE " + UnqualifiedName(table) +
                      " would first delete its rows, and with them the rows that reference them") +
                    " CHECK (" + Q("foreign_keys_off") + "),\n  " + Q("foreign_keys_hold") + " INTEGER CONSTRAINT " +
                    Q("rows violate a foreign key after the rebuild of " + UnqualifiedName(table) + ": see PRAGMA foreign_key_check") +
                    " CHECK (" + Q("foreign_keys_hold") + ")\n)"});
  }
  if (fk_guard) {
    swap.push_back({"INSERT INTO " + QT(check_table) + " (" + Q("foreign_keys_off") + ") SELECT NOT " +
                    Q("foreign_keys") + " FROM pragma_foreign_keys", "backfill-outside-backfill-section",
                    "one row into a temporary table: the guard that foreign keys are off on migrate's connection"});
  }
  // The catch-up goes through the triggers, like the backfill (an INSERT … SELECT into the new table
  // here would read as the rebuild's copy outside its backfill section).
  swap.push_back({"UPDATE " + QT(table) + " SET " + Q(key[0]) + " = " + Q(key[0]) + " WHERE " + missing,
                  "backfill-outside-backfill-section",
                  "a catch-up that updates no row when the backfill and the triggers did their work: a row an app "
                  "wrote with OR IGNORE that the new table refused is copied here, or fails the contract"});
  swap.push_back({"DROP TRIGGER " + QT(prefix + ins)});
  swap.push_back({"DROP TRIGGER " + QT(prefix + upd)});
  swap.push_back({"DROP TRIGGER " + QT(prefix + del)});
  const Column* auto_inc = nullptr;
  for (const Column& c : t->columns) {
    if (c.auto_increment) auto_inc = &c;
  }
  if (auto_inc) {
    swap.push_back({"UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN (" +
                        QuoteLiteral(UnqualifiedName(table)) + ", " + QuoteLiteral(new_bare) + ")) WHERE name = " +
                        QuoteLiteral(new_bare),
                    "backfill-outside-backfill-section",
                    "one row of sqlite_sequence: AUTOINCREMENT keeps counting from where " + UnqualifiedName(table) + " was"});
  }
  swap.push_back({"DROP TABLE " + QT(table)});
  swap.push_back({"ALTER TABLE " + QT(new_table) + " RENAME TO " + Q(UnqualifiedName(table)), "rename-table",
                  "the last step of the rebuild: " + UnqualifiedName(table) + " is dropped just before, and the app uses its name"});
  for (const TableHistory::Text& tr : h.triggers) swap.push_back({tr.sql});
  std::vector<std::string> fk_tables;
  if (fk_check_self) fk_tables.push_back(table);
  for (const std::string& c : fk_check_children) fk_tables.push_back(c);
  for (const std::string& ft : fk_tables) {
    swap.push_back({"INSERT INTO " + QT(check_table) + " (" + Q("foreign_keys_hold") + ") SELECT count(*) = 0 FROM "
                    "pragma_foreign_key_check(" + QuoteLiteral(UnqualifiedName(ft)) + ")", "backfill-outside-backfill-section",
                    "one row into a temporary table: fails the contract when " + UnqualifiedName(ft) + " has rows that violate a "
                    "foreign key"});
  }
  if (checks) swap.push_back({"DROP TABLE " + QT(check_table)});
  r.contract_after.push_back({"PRAGMA legacy_alter_table = OFF"});

  // ---- notes
  r.notes.push_back("from the expand on, every write to " + table + " is repeated on " + new_bare + ", so it must "
                    "already satisfy the new definition (a CHECK, a foreign key or a NOT NULL the new table has fails "
                    "the app's statement); the old and the new app version both use " + table + " throughout. Deploy "
                    "the new version after `migrate apply`; `migrate contract` swaps the tables once no old version "
                    "is live.");
  for (const auto& [name, value] : null_fills) {
    r.notes.push_back("the backfill first sets " + table + "." + name + " to its default, " + value + ", where it is "
                      "NULL (the old app sees the change at once)");
  }
  if (!index_names.empty()) {
    r.notes.push_back("SQLite cannot rename an index: the indexes are built on " + new_bare + " in the expand (on an "
                      "empty table, then filled by the copy) and keep their new names after the swap (" +
                      Join(index_names, ", ") + ")");
  }
  if (!h.triggers.empty()) {
    std::vector<std::string> names;
    for (const TableHistory::Text& tr : h.triggers) names.push_back(tr.name);
    r.notes.push_back("DROP TABLE drops the triggers on " + table + "; the contract recreates them as the migrations "
                      "wrote them (" + Join(names, ", ") + "). Triggers created outside the migrations are lost");
  }
  r.notes.push_back("the contract holds the write lock while it checks for missing rows (one scan of " + table + "), "
                    "drops " + table + " (freeing its pages) and renames " + new_bare + "; views and triggers that name " +
                    table + " then read the new table");
  if (auto_inc) {
    r.notes.push_back("AUTOINCREMENT: the contract carries sqlite_sequence over, so no rowid is reused");
  }
  return r;
}

namespace {

// SQLite's front end, with the ALTER TABLE forms SQLite lacks parsed as PostgreSQL parses them.
class RewriteFrontEnd : public FrontEnd {
 public:
  explicit RewriteFrontEnd(std::unique_ptr<FrontEnd> base)
      : base_(std::move(base)), postgres_(MakeFrontEnd(Dialect::kPostgres)) {}
  Dialect dialect() const override { return base_->dialect(); }
  SplitResult Split(std::string_view text) const override { return base_->Split(text); }
  ParseOutcome Parse(std::string_view statement) const override {
    ParseOutcome out = base_->Parse(statement);
    // SQLite's ADD [COLUMN] reads `ADD CONSTRAINT c CHECK …` as a column named CONSTRAINT.
    static const std::regex kAddConstraint(
        R"(^\s*ALTER\s+TABLE\s+[\s\S]*?\bADD\s+(CONSTRAINT|CHECK|FOREIGN\s+KEY|PRIMARY\s+KEY|UNIQUE)\b)", std::regex::icase);
    const bool add_constraint = std::regex_search(std::string(statement), kAddConstraint);
    if ((!std::holds_alternative<SyntaxError>(out) && !add_constraint) || !postgres_) return out;
    ParseOutcome alt = postgres_->Parse(statement);
    const auto* changes = std::get_if<std::vector<Change>>(&alt);
    if (!changes || changes->empty()) return out;
    for (const Change& c : *changes) {
      if (!NeedsSqliteRebuild(c)) return out;
    }
    return alt;
  }

 private:
  std::unique_ptr<FrontEnd> base_;
  std::unique_ptr<FrontEnd> postgres_;
};

}  // namespace

std::unique_ptr<FrontEnd> MakeRewriteFrontEnd(Dialect dialect) {
  std::unique_ptr<FrontEnd> base = MakeFrontEnd(dialect);
  if (dialect != Dialect::kSqlite || !base) return base;
  return std::make_unique<RewriteFrontEnd>(std::move(base));
}

}  // namespace migrate
