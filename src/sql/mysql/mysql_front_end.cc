#include "sql/mysql/mysql_front_end.h"

#include "sql/lexer.h"
#include "sql/mysql/mysql_parser.h"

namespace migrate {

SplitResult MysqlFrontEnd::Split(std::string_view text) const { return SplitMysql(text); }

ParseOutcome MysqlFrontEnd::Parse(std::string_view statement) const {
  mysql::MysqlParser parser(statement);
  std::vector<Change> changes = parser.ParseStatement();
  if (!parser.ok()) return *parser.error();
  return changes;
}

}  // namespace migrate
