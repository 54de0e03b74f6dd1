#include "sql/sqlite/sqlite_front_end.h"

#include "sql/lexer.h"
#include "sql/sqlite/sqlite_parser.h"

namespace migrate {

SplitResult SqliteFrontEnd::Split(std::string_view text) const { return SplitSqlite(text); }

ParseOutcome SqliteFrontEnd::Parse(std::string_view statement) const {
  sqlite::SqliteParser parser(statement);
  std::vector<Change> changes = parser.ParseStatement();
  if (!parser.ok()) return *parser.error();
  return changes;
}

}  // namespace migrate
