// CREATE [TEMP|TEMPORARY] TABLE [IF NOT EXISTS] [schema.]t
//   ( column definitions [, table constraints] ) [WITHOUT ROWID] [, STRICT] | AS SELECT …
// CREATE VIRTUAL TABLE [IF NOT EXISTS] t USING module [(arguments)]: a table of unknown shape.
#include "sql/sqlite/sqlite_parser.h"

namespace migrate::sqlite {

void SqliteParser::ParseCreateTable(std::vector<Change>* out) {
  ExpectWord("CREATE");
  AcceptAnyWord({"TEMP", "TEMPORARY"});
  ExpectWord("TABLE");
  CreateTable t;
  t.if_not_exists = AcceptIfNotExists();
  t.table = ParseObjectName("a table name");
  if (AcceptWord("AS")) {
    if (!IsAnyWord({"SELECT", "WITH", "VALUES"})) {
      Fail("SELECT");
      return;
    }
    t.as_select = true;
    SkipRest();
    if (ok()) out->push_back(std::move(t));
    return;
  }
  ExpectSymbol("(");
  do {
    if (AtTableConstraint()) {  // once a table constraint appears, only constraints follow
      do {
        t.constraints.push_back(ParseTableConstraint());
        AcceptSymbol(",");  // SQLite allows table constraints without commas between them
      } while (ok() && AtTableConstraint());
      break;
    }
    t.columns.push_back(ParseColumnDefinition());
  } while (ok() && AcceptSymbol(","));
  ExpectSymbol(")");
  // Table options: WITHOUT ROWID, STRICT, separated by commas.
  while (ok() && !AtEnd()) {
    if (AcceptWord("WITHOUT")) {
      ExpectWord("ROWID");
    } else if (!AcceptWord("STRICT")) {
      Fail("WITHOUT ROWID, STRICT or end of statement");
      break;
    }
    if (!AcceptSymbol(",")) break;
  }
  if (ok()) out->push_back(std::move(t));
}

void SqliteParser::ParseCreateVirtualTable(std::vector<Change>* out) {
  ExpectWord("CREATE");
  ExpectWords({"VIRTUAL", "TABLE"});
  CreateTable t;
  t.if_not_exists = AcceptIfNotExists();
  t.table = ParseObjectName("a table name");
  ExpectWord("USING");
  ParseIdentifier("a module name");
  if (IsSymbol("(")) SkipBalanced();
  if (ok()) out->push_back(std::move(t));
}

}  // namespace migrate::sqlite
