// PRAGMA [schema.]name [= value | (value)]
#include "base/strings.h"
#include "sql/sqlite/sqlite_parser.h"

namespace migrate::sqlite {

void SqliteParser::ParsePragma(std::vector<Change>* out) {
  ExpectWord("PRAGMA");
  std::string name = ParseIdentifier("a pragma name");
  if (AcceptSymbol(".")) name = ParseIdentifier("a pragma name");  // the schema is dropped
  Pragma p;
  p.name = ToLower(name);
  if (AcceptSymbol("=")) {
    p.value = ParseExpr(SqliteFunctions()).text;
  } else if (AcceptSymbol("(")) {
    p.value = ParseExpr(SqliteFunctions()).text;
    ExpectSymbol(")");
  }
  if (ok()) out->push_back(std::move(p));
}

}  // namespace migrate::sqlite
