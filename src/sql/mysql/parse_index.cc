// CREATE [OR REPLACE] [ONLINE|OFFLINE] [UNIQUE|FULLTEXT|SPATIAL] INDEX [IF NOT EXISTS] i
//   [USING type] ON t (key parts) [index options] [ALGORITHM [=] x] [LOCK [=] x]
// DROP [ONLINE|OFFLINE] INDEX [IF EXISTS] i ON t [ALGORITHM [=] x] [LOCK [=] x]
#include "sql/mysql/mysql_parser.h"

namespace migrate::mysql {

void MysqlParser::ParseCreateIndex(std::vector<Change>* out) {
  ExpectWord("CREATE");
  AcceptWords({"OR", "REPLACE"});
  AcceptAnyWord({"ONLINE", "OFFLINE"});
  CreateIndex index;
  std::string kind = AcceptAnyWord({"UNIQUE", "FULLTEXT", "SPATIAL"});
  if (kind == "UNIQUE") index.unique = true;
  else index.kind = kind;
  ExpectWord("INDEX");
  index.if_not_exists = AcceptIfNotExists();
  index.index = ParseIdentifier("an index name");
  SkipIndexOptions();
  ExpectWord("ON");
  index.table = ParseQualifiedName("a table name");
  index.columns = ParseIndexedColumns();
  OnlineDdlClause online;
  bool has_online = false;
  while (ok()) {
    SkipIndexOptions();
    if (ParseOnlineDdlOption(&online)) {
      has_online = true;
    } else if (AcceptWord("WAIT")) {
      Next();
    } else if (!AcceptWord("NOWAIT")) {
      break;
    }
  }
  out->push_back(std::move(index));
  if (has_online) out->push_back(online);
}

void MysqlParser::ParseDropIndex(std::vector<Change>* out) {
  ExpectWord("DROP");
  AcceptAnyWord({"ONLINE", "OFFLINE"});
  ExpectWord("INDEX");
  DropIndex drop;
  drop.if_exists = AcceptIfExists();
  drop.index = ParseIdentifier("an index name");
  ExpectWord("ON");
  drop.table = ParseQualifiedName("a table name");
  OnlineDdlClause online;
  bool has_online = false;
  while (ok()) {
    if (ParseOnlineDdlOption(&online)) {
      has_online = true;
    } else if (AcceptWord("WAIT")) {
      Next();
    } else if (!AcceptWord("NOWAIT")) {
      break;
    }
  }
  out->push_back(std::move(drop));
  if (has_online) out->push_back(online);
}

}  // namespace migrate::mysql
