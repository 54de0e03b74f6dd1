// ALTER TABLE [schema.]t RENAME TO x | RENAME [COLUMN] a TO b | ADD [COLUMN] def | DROP [COLUMN] c
#include "sql/sqlite/sqlite_parser.h"

namespace migrate::sqlite {

void SqliteParser::ParseAlterTable(std::vector<Change>* out) {
  ExpectWord("ALTER");
  if (!IsWord("TABLE")) return Unmodelled(LeadingWords(2), out);
  ExpectWord("TABLE");
  const std::string table = ParseObjectName("a table name");
  if (AcceptWord("RENAME")) {
    if (AcceptWord("TO")) {
      std::string to = ParseIdentifier("a table name");
      if (ok()) out->push_back(RenameTable{table, to, false});
      return;
    }
    AcceptWord("COLUMN");
    std::string from = ParseIdentifier("a column name");
    ExpectWord("TO");
    std::string to = ParseIdentifier("a column name");
    if (ok()) out->push_back(RenameColumn{table, from, to});
  } else if (AcceptWord("ADD")) {
    AcceptWord("COLUMN");
    ColumnDef col = ParseColumnDefinition();
    if (ok()) out->push_back(AddColumn{table, std::move(col), false});
  } else if (AcceptWord("DROP")) {
    AcceptWord("COLUMN");
    std::string column = ParseIdentifier("a column name");
    if (ok()) out->push_back(DropColumn{table, column, false});
  } else {
    Fail("RENAME, ADD or DROP");
  }
}

}  // namespace migrate::sqlite
