// TRUNCATE [TABLE] t; OPTIMIZE TABLE (InnoDB maps it to ALTER TABLE … FORCE, a rebuild: reported
// as TableOption FORCE); ANALYZE / CHECK / CHECKSUM TABLE (no schema effect); REPAIR TABLE.
#include "sql/mysql/mysql_parser.h"

namespace migrate::mysql {

void MysqlParser::ParseTruncate(std::vector<Change>* out) {
  ExpectWord("TRUNCATE");
  AcceptWord("TABLE");
  std::string table = ParseQualifiedName("a table name");
  if (ok()) out->push_back(Truncate{table});
}

void MysqlParser::ParseTableMaintenance(std::vector<Change>* out) {
  const std::string verb = ToUpperAscii(Next().text);
  AcceptAnyWord({"NO_WRITE_TO_BINLOG", "LOCAL"});
  if (!AcceptWord("TABLE") && !AcceptWord("TABLES")) {
    return Unmodelled(verb, out);
  }
  std::vector<std::string> tables;
  do {
    tables.push_back(ParseQualifiedName("a table name"));
  } while (ok() && AcceptSymbol(","));
  if (!ok()) return;
  if (verb == "OPTIMIZE") {
    for (const std::string& t : tables) out->push_back(TableOption{t, "FORCE", ""});
    return;
  }
  if (verb == "REPAIR") return Unmodelled("REPAIR TABLE", out);
  NoEffect(verb + " TABLE", out);
}

}  // namespace migrate::mysql
