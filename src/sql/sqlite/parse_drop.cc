// DROP TABLE | INDEX | VIEW | TRIGGER [IF EXISTS] [schema.]name
#include "sql/sqlite/sqlite_parser.h"

namespace migrate::sqlite {

void SqliteParser::ParseDrop(std::vector<Change>* out) {
  ExpectWord("DROP");
  std::string what = AcceptAnyWord({"TABLE", "INDEX", "VIEW", "TRIGGER"});
  if (what.empty()) return Unmodelled("DROP " + (AtEnd() ? std::string() : ToUpperAscii(Peek().text)), out);
  const bool if_exists = AcceptIfExists();
  std::string name = ParseObjectName(what == "INDEX" ? "an index name" : "a name");
  if (!ok()) return;
  if (what == "TABLE") {
    out->push_back(DropTable{name, if_exists});
  } else if (what == "INDEX") {
    out->push_back(DropIndex{name, false, if_exists, ""});
  } else {
    out->push_back(DropObject{what == "VIEW" ? ObjectKind::kView : ObjectKind::kTrigger, name, if_exists, false});
  }
}

}  // namespace migrate::sqlite
