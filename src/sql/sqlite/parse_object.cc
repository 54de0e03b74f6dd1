// CREATE [TEMP] VIEW [IF NOT EXISTS] v [(columns)] AS SELECT …
// CREATE [TEMP] TRIGGER [IF NOT EXISTS] t … BEGIN … END (the body is skipped)
#include "sql/sqlite/sqlite_parser.h"

namespace migrate::sqlite {

void SqliteParser::ParseCreateViewOrTrigger(std::vector<Change>* out) {
  ExpectWord("CREATE");
  AcceptAnyWord({"TEMP", "TEMPORARY"});
  const bool view = AcceptWord("VIEW");
  if (!view) ExpectWord("TRIGGER");
  AcceptIfNotExists();
  std::string name = ParseObjectName(view ? "a view name" : "a trigger name");
  if (view) {
    if (IsSymbol("(")) ParseIdentifierList("a column name");
    ExpectWord("AS");
  }
  SkipRest();
  if (ok()) out->push_back(CreateObject{view ? ObjectKind::kView : ObjectKind::kTrigger, name, false});
}

}  // namespace migrate::sqlite
