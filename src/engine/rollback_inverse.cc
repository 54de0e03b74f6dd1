#include "engine/rollback_inverse.h"

#include <optional>
#include <set>
#include <string_view>
#include <variant>

#include "base/strings.h"
#include "sql/lexer.h"
#include "sql/quote.h"

namespace migrate {
namespace {

// What one change needs on rollback.
struct Undo {
  enum Kind { kNothing, kSql, kRefuse } kind = kNothing;
  std::string text;  // the SQL, or the refusal's reason
};
Undo Nothing() { return {}; }
Undo Sql(std::string sql) { return {Undo::kSql, std::move(sql)}; }
Undo Refuse(std::string why) { return {Undo::kRefuse, std::move(why)}; }

// A few words of the statement's text, for what the Change model does not record (IF NOT EXISTS
// on CREATE SEQUENCE/VIEW/TRIGGER, PROCEDURE vs FUNCTION, DOMAIN vs TYPE, a PostgreSQL trigger's
// table). Only the statement's head is read: up to its first "(" or AS.
class Head {
 public:
  Head(std::string_view text, Dialect dialect) {
    LexerDialect d = dialect == Dialect::kMysql    ? MysqlLexerDialect()
                     : dialect == Dialect::kSqlite ? SqliteLexerDialect()
                                                   : LexerDialect{};
    all_ = Lex(text, d).tokens;
    for (const Token& t : all_) {
      if (t.IsSymbol("(") || t.IsWord("AS") || t.IsWord("BEGIN")) break;
      head_.push_back(t);
    }
  }
  bool Has(std::string_view word) const {
    for (const Token& t : head_) {
      if (t.IsWord(word)) return true;
    }
    return false;
  }
  bool IfNotExists() const {
    for (size_t i = 0; i + 2 < head_.size(); ++i) {
      if (head_[i].IsWord("IF") && head_[i + 1].IsWord("NOT") && head_[i + 2].IsWord("EXISTS")) return true;
    }
    return false;
  }
  // The qualified name after the first top-level ON (CREATE TRIGGER t … ON table), as written
  // with bare words case-folded (PostgreSQL).
  std::string TableAfterOn() const {
    for (size_t i = 0; i + 1 < all_.size(); ++i) {
      if (!all_[i].IsWord("ON") || !all_[i + 1].IsIdentifier()) continue;
      std::string name;
      size_t k = i + 1;
      auto part = [](const Token& t) {
        return t.kind == TokenKind::kWord ? ToLower(t.text) : std::string(t.text);
      };
      name = part(all_[k++]);
      while (k + 1 < all_.size() && all_[k].IsSymbol(".") && all_[k + 1].IsIdentifier()) {
        name += "." + part(all_[k + 1]);
        k += 2;
      }
      return name;
    }
    return "";
  }

 private:
  std::vector<Token> all_;
  std::vector<Token> head_;
};

class Inverter {
 public:
  explicit Inverter(Dialect dialect) : d_(dialect) {}

  Undo Of(const Change& change, const Statement& st) {
    return std::visit([&](const auto& c) { return Visit(c, st); }, change);
  }

 private:
  // Names compare exactly on PostgreSQL (the front end has folded them), case-insensitively on
  // MySQL and SQLite.
  std::string Key(std::string_view name) const { return d_ == Dialect::kPostgres ? std::string(name) : ToLower(name); }
  std::string ColumnKey(std::string_view table, std::string_view column) const {
    return Key(table) + '\x1f' + Key(column);
  }
  bool NewTable(std::string_view table) const { return created_tables_.count(Key(table)) > 0; }
  bool NewColumn(std::string_view table, std::string_view column) const {
    return NewTable(table) || added_columns_.count(ColumnKey(table, column)) > 0;
  }
  std::string Q(std::string_view name) const { return QuoteQualifiedName(d_, name); }
  std::string Id(std::string_view name) const { return QuoteIdentifier(d_, name); }
  std::string AlterTable(std::string_view table) const { return "ALTER TABLE " + Q(table) + " "; }

  // An index's name for DROP INDEX: on PostgreSQL and SQLite an unqualified index lives in its
  // table's schema.
  std::string IndexName(const CreateIndex& c) const {
    std::vector<std::string> index = SplitQualifiedName(c.index);
    if (index.size() > 1) return Q(c.index);
    std::vector<std::string> table = SplitQualifiedName(c.table);
    std::string out;
    for (size_t i = 0; i + 1 < table.size(); ++i) out += Id(table[i]) + ".";
    return out + Id(c.index);
  }

  Undo Visit(const CreateTable& c, const Statement&) {
    if (c.if_not_exists) {
      return Refuse("CREATE TABLE IF NOT EXISTS may have met an existing table, which a rollback must not drop");
    }
    created_tables_.insert(Key(c.table));
    return Sql("DROP TABLE IF EXISTS " + Q(c.table));
  }

  Undo Visit(const AddColumn& c, const Statement&) {
    if (NewTable(c.table)) return Nothing();
    if (c.if_not_exists) {
      return Refuse("ADD COLUMN IF NOT EXISTS may have met an existing column, which a rollback must not drop");
    }
    added_columns_.insert(ColumnKey(c.table, c.column.name));
    // MySQL has no DROP COLUMN IF EXISTS (MariaDB does); SQLite (3.35+) neither.
    const char* if_exists = d_ == Dialect::kPostgres ? "IF EXISTS " : "";
    return Sql(AlterTable(c.table) + "DROP COLUMN " + if_exists + Id(c.column.name));
  }

  Undo Visit(const CreateIndex& c, const Statement&) {
    if (NewTable(c.table)) return Nothing();
    if (c.if_not_exists) {
      return Refuse("CREATE INDEX IF NOT EXISTS may have met an existing index, which a rollback must not drop");
    }
    if (c.index.empty()) {
      return Refuse("the index has no name, so it cannot be dropped by name: name it in the migration");
    }
    switch (d_) {
      case Dialect::kPostgres: return Sql("DROP INDEX CONCURRENTLY IF EXISTS " + IndexName(c));
      case Dialect::kMysql: return Sql("DROP INDEX " + Id(SplitQualifiedName(c.index).back()) + " ON " + Q(c.table));
      case Dialect::kSqlite: return Sql("DROP INDEX IF EXISTS " + IndexName(c));
    }
    return Nothing();
  }

  Undo Visit(const AddConstraint& c, const Statement&) {
    if (NewTable(c.table)) return Nothing();
    const ConstraintDef& k = c.constraint;
    if (d_ == Dialect::kSqlite) return Refuse("SQLite cannot drop a constraint from a table");
    if (d_ == Dialect::kMysql && k.kind == ConstraintKind::kPrimaryKey) {
      return Sql(AlterTable(c.table) + "DROP PRIMARY KEY");
    }
    if (k.name.empty()) {
      return Refuse(std::string("the ") + ConstraintKindName(k.kind) +
                    " constraint has no name, so it cannot be dropped by name: name it in the migration");
    }
    if (d_ == Dialect::kPostgres) return Sql(AlterTable(c.table) + "DROP CONSTRAINT IF EXISTS " + Id(k.name));
    switch (k.kind) {
      case ConstraintKind::kForeignKey: return Sql(AlterTable(c.table) + "DROP FOREIGN KEY " + Id(k.name));
      case ConstraintKind::kUnique: return Sql(AlterTable(c.table) + "DROP INDEX " + Id(k.name));
      default:  // CHECK: MySQL 8.0.19+ and MariaDB 10.2+ both accept DROP CONSTRAINT
        return Sql(AlterTable(c.table) + "DROP CONSTRAINT " + Id(k.name));
    }
  }

  Undo Visit(const CreateObject& c, const Statement& st) {
    const std::string kind = ObjectKindName(c.kind);
    if (c.or_replace) {
      return Refuse("CREATE OR REPLACE may have replaced an existing " + ToLower(kind) +
                    ", whose previous definition is unknown");
    }
    Head head(st.text, d_);
    if (head.IfNotExists()) {
      return Refuse("CREATE " + kind + " IF NOT EXISTS may have met an existing " + ToLower(kind) +
                    ", which a rollback must not drop");
    }
    switch (c.kind) {
      case ObjectKind::kView: return Sql("DROP VIEW IF EXISTS " + Q(c.name));
      case ObjectKind::kMaterializedView: return Sql("DROP MATERIALIZED VIEW IF EXISTS " + Q(c.name));
      case ObjectKind::kSequence: return Sql("DROP SEQUENCE IF EXISTS " + Q(c.name));
      case ObjectKind::kType:
        created_types_.insert(Key(c.name));
        return Sql(std::string(head.Has("DOMAIN") ? "DROP DOMAIN IF EXISTS " : "DROP TYPE IF EXISTS ") + Q(c.name));
      case ObjectKind::kFunction:
        // PostgreSQL: without an argument list this needs the name to be unique (not overloaded).
        return Sql(std::string(head.Has("PROCEDURE") ? "DROP PROCEDURE IF EXISTS " : "DROP FUNCTION IF EXISTS ") +
                   Q(c.name));
      case ObjectKind::kTrigger: {
        if (d_ != Dialect::kPostgres) return Sql("DROP TRIGGER IF EXISTS " + Q(c.name));
        const std::string table = head.TableAfterOn();
        if (table.empty()) return Refuse("the trigger's table is not known");
        if (NewTable(table)) return Nothing();
        return Sql("DROP TRIGGER IF EXISTS " + Id(c.name) + " ON " + Q(table));
      }
      default:
        return Refuse("a " + ToLower(kind) + " may be shared beyond this migration; drop it by hand if it must go");
    }
  }

  Undo Visit(const CreateEnum& c, const Statement&) {
    created_types_.insert(Key(c.type));
    return Sql("DROP TYPE IF EXISTS " + Q(c.type));
  }

  Undo Visit(const AddEnumValue& c, const Statement&) {
    if (created_types_.count(Key(c.type))) return Nothing();
    return Refuse("PostgreSQL cannot drop a value from an enum type");
  }

  Undo Visit(const DropNotNull& c, const Statement&) {
    if (NewColumn(c.table, c.column)) return Nothing();
    return Refuse("re-adding NOT NULL would be a contract step (old rows and old code may now hold NULLs)");
  }
  Undo Visit(const SetDefault& c, const Statement&) {
    if (NewColumn(c.table, c.column)) return Nothing();
    return Refuse("the column's previous default is unknown");
  }
  Undo Visit(const DropDefault& c, const Statement&) {
    if (NewColumn(c.table, c.column)) return Nothing();
    return Refuse("the column's previous default is unknown");
  }
  Undo Visit(const SetNotNull& c, const Statement& st) { return Column(c.table, c.column, st); }
  Undo Visit(const AlterColumnType& c, const Statement& st) { return Column(c.table, c.column, st); }
  Undo Visit(const ModifyColumn& c, const Statement& st) {
    if (c.definition.name.empty() || Key(c.definition.name) == Key(c.column)) return Column(c.table, c.column, st);
    return Refuse("the column's previous definition is unknown");
  }

  Undo Visit(const Dml& c, const Statement&) {
    if (NewTable(c.table)) return Nothing();
    if (c.kind == DmlKind::kInsertValues) return Refuse("rows inserted by the migration cannot be identified");
    return Refuse("changed rows cannot be restored");
  }

  // Nothing to undo: no schema effect, or only meaningful with the statement it belongs to.
  Undo Visit(const ValidateConstraint&, const Statement&) { return Nothing(); }
  Undo Visit(const Transaction&, const Statement&) { return Nothing(); }
  Undo Visit(const SetVariable&, const Statement&) { return Nothing(); }
  Undo Visit(const NoSchemaEffect&, const Statement&) { return Nothing(); }
  Undo Visit(const OnlineDdlClause&, const Statement&) { return Nothing(); }
  Undo Visit(const Pragma&, const Statement&) { return Nothing(); }

  Undo Visit(const Unanalyzed&, const Statement&) {
    return Refuse("the statement is not analysed, so what it did is not known");
  }
  Undo Visit(const RenameTable&, const Statement&) { return Refuse("it cannot be undone automatically"); }

  // The rest: changes to a table this expand created are undone by dropping it.
  template <typename T>
  Undo Visit(const T& c, const Statement&) {
    const std::string table = TargetTable(Change(c));
    if (!table.empty() && NewTable(table)) return Nothing();
    return Refuse("it cannot be undone automatically");
  }

  Undo Column(const std::string& table, const std::string& column, const Statement&) {
    if (NewColumn(table, column)) return Nothing();
    return Refuse("the column's previous definition is unknown");
  }

  Dialect d_;
  std::set<std::string> created_tables_;
  std::set<std::string> added_columns_;
  std::set<std::string> created_types_;
};

}  // namespace

Inverse InverseOfExpand(const MigrationFile& file, Dialect dialect) {
  Inverse out;
  if (!file.errors.empty()) {
    out.refusal_pos = file.errors.front().pos;
    out.refusal = "the file has input errors (line " + std::to_string(out.refusal_pos.line) +
                  ": " + file.errors.front().message + "), so what its expand section did is not known";
    return out;
  }
  Inverter inverter(dialect);
  std::vector<InverseStatement> forward;
  for (const Statement& st : file.statements) {
    if (st.section < 0 || static_cast<size_t>(st.section) >= file.sections.size() ||
        file.sections[st.section].kind != SectionKind::kExpand) {
      continue;
    }
    std::vector<InverseStatement> of_statement;
    for (const Change& change : st.changes) {
      Undo undo = inverter.Of(change, st);
      if (undo.kind == Undo::kRefuse) {
        out.refusal = Describe(change) + " (line " + std::to_string(st.pos.line) + ") cannot be rolled back: " +
                      undo.text;
        out.refusal_pos = st.pos;
        return out;
      }
      if (undo.kind == Undo::kSql) of_statement.push_back({undo.text, st.pos, "undoes " + Describe(change)});
    }
    forward.insert(forward.end(), of_statement.begin(), of_statement.end());
  }
  out.statements.assign(forward.rbegin(), forward.rend());
  return out;
}

}  // namespace migrate
