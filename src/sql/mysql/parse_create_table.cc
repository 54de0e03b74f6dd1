// CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] t
//   ( column definitions and key definitions ) [table options] [partitioning] [[AS] SELECT …]
// | LIKE other | (LIKE other) | [table options] [AS] SELECT …
#include "sql/mysql/mysql_parser.h"

namespace migrate::mysql {

namespace {

bool AtSelect(const Token& t, const Token& next) {
  return t.IsWord("SELECT") || t.IsWord("WITH") || t.IsWord("TABLE") || t.IsWord("VALUES") ||
         (t.IsSymbol("(") && (next.IsWord("SELECT") || next.IsWord("WITH")));
}

}  // namespace

void MysqlParser::ParseCreateTable(std::vector<Change>* out) {
  ExpectWord("CREATE");
  AcceptWords({"OR", "REPLACE"});
  AcceptWord("TEMPORARY");
  ExpectWord("TABLE");
  CreateTable t;
  t.if_not_exists = AcceptIfNotExists();
  t.table = ParseQualifiedName("a table name");
  if (!ok()) return;

  // LIKE other / (LIKE other)
  if (AcceptWord("LIKE")) {
    t.like = ParseQualifiedName("a table name");
    out->push_back(std::move(t));
    return;
  }
  if (IsSymbol("(") && IsWord("LIKE", 1)) {
    Next();
    Next();
    t.like = ParseQualifiedName("a table name");
    ExpectSymbol(")");
    out->push_back(std::move(t));
    return;
  }

  bool has_definitions = false;
  if (IsSymbol("(") && !AtSelect(Peek(), Peek(1))) {
    has_definitions = true;
    Next();
    do {
      if (AtKeyDefinition()) {
        KeyDefinition key = ParseKeyDefinition(t.table);
        if (key.is_index) t.indexes.push_back(std::move(key.index));
        else t.constraints.push_back(std::move(key.constraint));
      } else if (AcceptWords({"PERIOD", "FOR"})) {
        ParseIdentifier("a period name");
        SkipBalanced();
      } else {
        t.columns.push_back(ParseColumnDefinition());
      }
    } while (ok() && AcceptSymbol(","));
    ExpectSymbol(")");
  }

  // Table options, separated by spaces or commas.
  while (ok() && AtTableOption()) {
    ParseTableOption(t.table);
    AcceptSymbol(",");
  }
  if (IsWord("PARTITION")) {
    // PARTITION BY … [(PARTITION p VALUES …, …)]: no effect on the table's shape.
    Next();
    ExpectWord("BY");
    while (ok() && !AtEnd() && !AtSelect(Peek(), Peek(1)) && !IsAnyWord({"AS", "IGNORE", "REPLACE"})) {
      if (IsSymbol("(")) SkipBalanced();
      else Next();
    }
  }
  if (AcceptAnyWord({"IGNORE", "REPLACE"}) != "" || IsWord("AS") || AtSelect(Peek(), Peek(1))) {
    AcceptWord("AS");
    if (!AtSelect(Peek(), Peek(1))) {
      Fail("SELECT");
      return;
    }
    t.as_select = true;
    SkipRest();
  }
  if (ok() && !has_definitions && !t.as_select) {
    Fail("\"(\", LIKE or AS SELECT");
    return;
  }
  out->push_back(std::move(t));
}

}  // namespace migrate::mysql
