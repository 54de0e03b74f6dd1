// The MySQL/MariaDB recursive-descent parser: one statement's tokens → Changes. The grammar is
// split by statement kind into parse_<kind>.cc files; mysql_parser.cc dispatches on the leading
// keywords and holds what several kinds share (column definitions, data types, key definitions,
// table options, ALGORITHM/LOCK). Statements it does not model become Unanalyzed; a malformed
// statement of a kind it models stops at the first SyntaxError.
//
// Data types are normalised the way MySQL 8.0 itself prints them (SHOW CREATE TABLE): aliases
// mapped (integer → int, bool → tinyint(1), numeric → decimal, double precision/real → double,
// character varying → varchar …), integer display widths dropped except tinyint(1), defaults made
// explicit (decimal → decimal(10,0), char → char(1)), and UNSIGNED (or ZEROFILL) folded into the
// name: "int unsigned", "decimal unsigned" with modifiers {10,2} (printed "decimal(10,2) unsigned").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/change.h"
#include "sql/parser_base.h"

namespace migrate::mysql {

// The volatility of MySQL/MariaDB built-in functions in DEFAULT expressions.
const FunctionVolatility& MysqlFunctions();

// A key definition of CREATE TABLE or ALTER TABLE … ADD: an index (KEY, INDEX, UNIQUE, FULLTEXT,
// SPATIAL) or a constraint (PRIMARY KEY, FOREIGN KEY, CHECK).
struct KeyDefinition {
  bool is_index = false;
  CreateIndex index;
  ConstraintDef constraint;
};

class MysqlParser : public ParserBase {
 public:
  explicit MysqlParser(std::string_view statement);

 private:
  void Dispatch(std::vector<Change>* out) override;
  void ParseCreate(std::vector<Change>* out);
  void ParseAlter(std::vector<Change>* out);

  // Shared pieces (mysql_parser.cc).
  ColumnDef ParseColumnDefinition();
  TypeName ParseDataType(ColumnDef* col);
  void ParseColumnAttributes(ColumnDef* col);
  // True when the cursor is at a key definition (INDEX, KEY, UNIQUE, PRIMARY, CONSTRAINT …).
  bool AtKeyDefinition() const;
  KeyDefinition ParseKeyDefinition(const std::string& table);
  void SkipIndexOptions();
  // True when the cursor is at a table option (ENGINE, [DEFAULT] CHARSET, COMMENT …).
  bool AtTableOption() const;
  TableOption ParseTableOption(const std::string& table);
  // ALGORITHM [=] x or LOCK [=] x; false when neither is next.
  bool ParseOnlineDdlOption(OnlineDdlClause* clause);
  // A name that may also be written as a string: COLLATE 'utf8mb4_bin', CHARACTER SET 'utf8'.
  std::string ParseNameOrString(std::string_view what);
  // FIRST | AFTER col, into col->position.
  void ParseColumnPosition(ColumnDef* col);
  // DEFINER = user, ALGORITHM = x, SQL SECURITY x: the prefixes of CREATE VIEW/PROCEDURE …
  void SkipDefinerAndFriends();
  void SkipUser();
  bool AcceptIfExists() { return AcceptWords({"IF", "EXISTS"}); }
  bool AcceptIfNotExists() { return AcceptWords({"IF", "NOT", "EXISTS"}); }
  Expr ParseMysqlExpr(std::initializer_list<std::string_view> stop_words = {}) {
    return ParseExpr(MysqlFunctions(), stop_words);
  }

  // parse_create_table.cc
  void ParseCreateTable(std::vector<Change>* out);
  // parse_alter_table.cc
  void ParseAlterTable(std::vector<Change>* out);
  void ParseAlterAdd(const std::string& table, std::vector<Change>* out);
  void ParseAlterDrop(const std::string& table, std::vector<Change>* out);
  void ParseAlterColumn(const std::string& table, std::vector<Change>* out);
  // parse_index.cc
  void ParseCreateIndex(std::vector<Change>* out);
  void ParseDropIndex(std::vector<Change>* out);
  // parse_drop.cc
  void ParseDrop(std::vector<Change>* out);
  // parse_rename.cc
  void ParseRename(std::vector<Change>* out);
  // parse_dml.cc
  void ParseInsert(std::vector<Change>* out);
  void ParseUpdate(std::vector<Change>* out);
  void ParseDelete(std::vector<Change>* out);
  void ParseWith(std::vector<Change>* out);
  // parse_object.cc: views, routines, triggers, events, databases, sequences
  void ParseCreateObject(bool or_replace, std::vector<Change>* out);
  // parse_session.cc: SET, transactions, LOCK/UNLOCK TABLES
  void ParseSet(std::vector<Change>* out);
  void ParseTransaction(std::vector<Change>* out);
  void ParseLockTables(std::vector<Change>* out);
  // parse_maintenance.cc: TRUNCATE, OPTIMIZE, ANALYZE, CHECK, REPAIR
  void ParseTruncate(std::vector<Change>* out);
  void ParseTableMaintenance(std::vector<Change>* out);

  // Skips what is not modelled: the rest of the statement, balanced.
};

}  // namespace migrate::mysql
