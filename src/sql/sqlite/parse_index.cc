// CREATE [UNIQUE] INDEX [IF NOT EXISTS] [schema.]i ON t (indexed columns) [WHERE expr]
#include "sql/sqlite/sqlite_parser.h"

namespace migrate::sqlite {

void SqliteParser::ParseCreateIndex(std::vector<Change>* out) {
  ExpectWord("CREATE");
  CreateIndex index;
  index.unique = AcceptWord("UNIQUE");
  ExpectWord("INDEX");
  index.if_not_exists = AcceptIfNotExists();
  index.index = ParseObjectName("an index name");
  ExpectWord("ON");
  index.table = ParseIdentifier("a table name");
  index.columns = ParseIndexedColumns();
  if (AcceptWord("WHERE")) {
    ParseExpr(SqliteFunctions());
  }
  if (ok()) out->push_back(std::move(index));
}

}  // namespace migrate::sqlite
