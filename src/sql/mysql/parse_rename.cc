// RENAME TABLE a TO b [, c TO d …] (one RenameTable each); RENAME USER has no schema effect.
#include "sql/mysql/mysql_parser.h"

namespace migrate::mysql {

void MysqlParser::ParseRename(std::vector<Change>* out) {
  ExpectWord("RENAME");
  if (AcceptWord("USER")) return NoEffect("RENAME USER", out);
  if (!AcceptWord("TABLE") && !AcceptWord("TABLES")) {
    Fail("TABLE");
    return;
  }
  AcceptIfExists();
  do {
    std::string from = ParseQualifiedName("a table name");
    ExpectWord("TO");
    std::string to = ParseQualifiedName("a table name");
    if (ok()) out->push_back(RenameTable{from, to, false});
  } while (ok() && AcceptSymbol(","));
  if (AcceptWord("WAIT")) Next();
  else AcceptWord("NOWAIT");
}

}  // namespace migrate::mysql
