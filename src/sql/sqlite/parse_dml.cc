// [WITH …] INSERT [OR conflict] INTO | REPLACE INTO … VALUES | SELECT | DEFAULT VALUES,
// [WITH …] UPDATE [OR conflict] t … SET … [FROM …] [WHERE …], [WITH …] DELETE FROM t [WHERE …].
// Only the target table, the row source and a top-level WHERE matter; the rest is skipped.
#include "sql/sqlite/sqlite_parser.h"

namespace migrate::sqlite {

void SqliteParser::ParseWith(std::vector<Change>* out) {
  ExpectWord("WITH");
  AcceptWord("RECURSIVE");
  do {
    ParseIdentifier("a common table expression name");
    if (IsSymbol("(")) SkipBalanced();
    ExpectWord("AS");
    if (!AcceptWords({"NOT", "MATERIALIZED"})) AcceptWord("MATERIALIZED");
    SkipBalanced();
  } while (ok() && AcceptSymbol(","));
  if (!ok()) return;
  if (IsWord("INSERT") || IsWord("REPLACE")) return ParseInsert(out);
  if (IsWord("UPDATE")) return ParseUpdate(out);
  if (IsWord("DELETE")) return ParseDelete(out);
  if (IsWord("SELECT") || IsWord("VALUES")) return NoEffect("SELECT", out);
  Fail("SELECT, INSERT, UPDATE or DELETE");
}

void SqliteParser::ParseInsert(std::vector<Change>* out) {
  if (!AcceptWord("REPLACE")) {
    ExpectWord("INSERT");
    if (AcceptWord("OR") && AcceptAnyWord({"ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"}).empty()) {
      Fail("ROLLBACK, ABORT, FAIL, IGNORE or REPLACE");
    }
  }
  ExpectWord("INTO");
  std::string table = ParseObjectName("a table name");
  if (AcceptWord("AS")) ParseIdentifier("an alias");
  if (IsSymbol("(")) SkipBalanced();
  DmlKind kind = DmlKind::kInsertValues;
  if (IsWord("VALUES") || IsWords({"DEFAULT", "VALUES"})) {
    kind = DmlKind::kInsertValues;
  } else if (IsWord("SELECT") || IsWord("WITH")) {
    kind = DmlKind::kInsertSelect;
  } else {
    Fail("VALUES, SELECT or DEFAULT VALUES");
    return;
  }
  SkipRest();
  if (ok()) out->push_back(Dml{kind, table, false});
}

void SqliteParser::ParseUpdate(std::vector<Change>* out) {
  ExpectWord("UPDATE");
  if (AcceptWord("OR") && AcceptAnyWord({"ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"}).empty()) {
    Fail("ROLLBACK, ABORT, FAIL, IGNORE or REPLACE");
  }
  std::string table = ParseObjectName("a table name");
  if (AcceptWord("AS")) ParseIdentifier("an alias");
  else if (AtIdentifier() && !IsAnyWord({"SET", "INDEXED", "NOT"})) Next();
  if (AcceptWords({"INDEXED", "BY"})) ParseIdentifier("an index name");
  else AcceptWords({"NOT", "INDEXED"});
  ExpectWord("SET");
  const bool has_where = HasWordAtDepthZero("WHERE");
  SkipRest();
  if (ok()) out->push_back(Dml{DmlKind::kUpdate, table, has_where});
}

void SqliteParser::ParseDelete(std::vector<Change>* out) {
  ExpectWord("DELETE");
  ExpectWord("FROM");
  std::string table = ParseObjectName("a table name");
  const bool has_where = HasWordAtDepthZero("WHERE");
  SkipRest();
  if (ok()) out->push_back(Dml{DmlKind::kDelete, table, has_where});
}

}  // namespace migrate::sqlite
