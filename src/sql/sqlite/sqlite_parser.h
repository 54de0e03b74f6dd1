// The SQLite recursive-descent parser: one statement's tokens → Changes. One parse_<kind>.cc per
// statement kind; sqlite_parser.cc dispatches on the leading keywords and holds the column
// definition and type grammar that CREATE TABLE and ALTER TABLE … ADD COLUMN share. Statements
// it does not model become Unanalyzed; a malformed statement of a kind it models stops at the
// first SyntaxError.
//
// Type names are SQLite's free-form ones: the words lower-cased and joined by one space
// ("unsigned big int", "varchar" with modifiers {255}); no aliases are folded, because the
// spelling decides the column's affinity (and INTEGER PRIMARY KEY, not INT, is the rowid).
// A column without a type has an empty type name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/change.h"
#include "sql/parser_base.h"

namespace migrate::sqlite {

// The volatility of SQLite's built-in functions in DEFAULT expressions.
const FunctionVolatility& SqliteFunctions();

class SqliteParser : public ParserBase {
 public:
  explicit SqliteParser(std::string_view statement);

 private:
  void Dispatch(std::vector<Change>* out) override;
  void ParseCreate(std::vector<Change>* out);

  // Shared pieces (sqlite_parser.cc).
  ColumnDef ParseColumnDefinition();
  TypeName ParseTypeName();
  void ParseColumnConstraints(ColumnDef* col);
  // ON CONFLICT ROLLBACK|ABORT|FAIL|IGNORE|REPLACE, if present.
  void SkipConflictClause();
  bool AtTableConstraint() const;
  ConstraintDef ParseTableConstraint();
  // [schema.]name; the default schema "main" is dropped (main.users is users).
  std::string ParseObjectName(std::string_view what);
  bool AcceptIfExists() { return AcceptWords({"IF", "EXISTS"}); }
  bool AcceptIfNotExists() { return AcceptWords({"IF", "NOT", "EXISTS"}); }

  // parse_create_table.cc
  void ParseCreateTable(std::vector<Change>* out);
  void ParseCreateVirtualTable(std::vector<Change>* out);
  // parse_alter_table.cc
  void ParseAlterTable(std::vector<Change>* out);
  // parse_index.cc
  void ParseCreateIndex(std::vector<Change>* out);
  // parse_drop.cc
  void ParseDrop(std::vector<Change>* out);
  // parse_dml.cc
  void ParseWith(std::vector<Change>* out);
  void ParseInsert(std::vector<Change>* out);
  void ParseUpdate(std::vector<Change>* out);
  void ParseDelete(std::vector<Change>* out);
  // parse_object.cc: views and triggers
  void ParseCreateViewOrTrigger(std::vector<Change>* out);
  // parse_pragma.cc
  void ParsePragma(std::vector<Change>* out);
  // parse_session.cc: BEGIN/COMMIT/END/ROLLBACK/SAVEPOINT/RELEASE, VACUUM, REINDEX, ANALYZE
  void ParseTransaction(std::vector<Change>* out);
  void ParseMaintenance(std::vector<Change>* out);

  // Skips what is not modelled: the rest of the statement, balanced.
};

}  // namespace migrate::sqlite
