// INSERT/REPLACE (VALUES, SET or SELECT), UPDATE (single or multi-table), DELETE (single or
// multi-table), and WITH … before UPDATE/DELETE/SELECT. Only the target table, the row source and
// the presence of a top-level WHERE matter: the rest is skipped (parentheses must balance).
#include <map>

#include "sql/mysql/mysql_parser.h"

namespace migrate::mysql {

namespace {

bool IsJoinKeyword(const Token& t) {
  static constexpr std::string_view kWords[] = {
      "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "STRAIGHT_JOIN", "NATURAL", "OUTER", "ON", "USING",
      "WHERE", "ORDER", "LIMIT", "SET", "PARTITION", "FORCE", "USE", "IGNORE", "GROUP", "HAVING", "FROM"};
  for (std::string_view w : kWords) {
    if (t.IsWord(w)) return true;
  }
  return false;
}

}  // namespace

void MysqlParser::ParseInsert(std::vector<Change>* out) {
  const bool replace = IsWord("REPLACE");
  Next();
  AcceptAnyWord({"LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY"});
  if (!replace) AcceptWord("IGNORE");
  AcceptWord("INTO");
  std::string table = ParseQualifiedName("a table name");
  if (AcceptWord("PARTITION")) ParseIdentifierList("a partition name");
  if (IsSymbol("(") && !IsWord("SELECT", 1) && !IsWord("WITH", 1) && !IsSymbol("(", 1)) SkipBalanced();
  DmlKind kind = DmlKind::kInsertValues;
  if (IsAnyWord({"VALUES", "VALUE", "SET"})) {
    kind = DmlKind::kInsertValues;
  } else if (IsAnyWord({"SELECT", "WITH", "TABLE"}) || IsSymbol("(")) {
    kind = DmlKind::kInsertSelect;
  } else {
    Fail("VALUES, SET or SELECT");
    return;
  }
  SkipRest();
  out->push_back(Dml{kind, table, false});
}

void MysqlParser::ParseUpdate(std::vector<Change>* out) {
  ExpectWord("UPDATE");
  AcceptWord("LOW_PRIORITY");
  AcceptWord("IGNORE");
  std::string table;
  if (!IsSymbol("(")) table = ParseQualifiedName("a table name");
  while (ok() && !AtEnd() && !IsWord("SET")) {
    if (IsSymbol("(")) SkipBalanced();
    else Next();
  }
  ExpectWord("SET");
  const bool has_where = HasWordAtDepthZero("WHERE");
  SkipRest();
  out->push_back(Dml{DmlKind::kUpdate, table, has_where});
}

void MysqlParser::ParseDelete(std::vector<Change>* out) {
  ExpectWord("DELETE");
  while (AcceptAnyWord({"LOW_PRIORITY", "QUICK", "IGNORE"}) != "") {
  }
  std::string table;
  if (AcceptWord("FROM")) {
    table = ParseQualifiedName("a table name");
    if (IsSymbol(".") && IsSymbol("*", 1)) {
      Next();
      Next();
    }
  } else {
    // DELETE t1[.*], t2 FROM t1 JOIN t2 …: the target may be an alias of a table after FROM.
    table = ParseQualifiedName("a table name");
    while (ok() && !AtEnd() && !IsWord("FROM")) Next();
    ExpectWord("FROM");
    std::map<std::string, std::string> aliases;
    bool at_reference = true;
    int depth = 0;
    for (size_t i = pos(); ok() && !TokenAt(i).text.empty(); ++i) {
      const Token& t = TokenAt(i);
      if (t.IsSymbol("(")) ++depth;
      if (t.IsSymbol(")")) --depth;
      if (depth != 0) continue;
      if (t.IsWord("WHERE")) break;
      if (t.IsSymbol(",") || t.IsWord("JOIN") || t.IsWord("STRAIGHT_JOIN")) {
        at_reference = true;
        continue;
      }
      if (!at_reference || !t.IsIdentifier() || IsJoinKeyword(t)) continue;
      at_reference = false;
      std::string name = t.Identifier();
      while (TokenAt(i + 1).IsSymbol(".") && TokenAt(i + 2).IsIdentifier()) {
        name += "." + TokenAt(i + 2).Identifier();
        i += 2;
      }
      size_t j = i + 1;
      if (TokenAt(j).IsWord("AS")) ++j;
      if (TokenAt(j).IsIdentifier() && !IsJoinKeyword(TokenAt(j))) {
        aliases[TokenAt(j).Identifier()] = name;
        i = j;
      }
    }
    if (auto it = aliases.find(table); it != aliases.end()) table = it->second;
  }
  const bool has_where = HasWordAtDepthZero("WHERE");
  SkipRest();
  out->push_back(Dml{DmlKind::kDelete, table, has_where});
}

void MysqlParser::ParseWith(std::vector<Change>* out) {
  ExpectWord("WITH");
  AcceptWord("RECURSIVE");
  do {
    ParseIdentifier("a common table expression name");
    if (IsSymbol("(")) SkipBalanced();
    ExpectWord("AS");
    SkipBalanced();
  } while (ok() && AcceptSymbol(","));
  if (!ok()) return;
  if (IsWord("UPDATE")) return ParseUpdate(out);
  if (IsWord("DELETE")) return ParseDelete(out);
  if (IsWord("SELECT") || IsSymbol("(") || IsWord("TABLE")) return NoEffect("SELECT", out);
  Fail("SELECT, UPDATE or DELETE");
}

}  // namespace migrate::mysql
