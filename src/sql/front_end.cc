#include "sql/front_end.h"

#include "sql/mysql/mysql_front_end.h"
#include "sql/postgres/postgres_front_end.h"
#include "sql/sqlite/sqlite_front_end.h"

namespace migrate {

std::unique_ptr<FrontEnd> MakeFrontEnd(Dialect dialect) {
  switch (dialect) {
    case Dialect::kPostgres:
      return std::make_unique<PostgresFrontEnd>();
    case Dialect::kMysql:
      return std::make_unique<MysqlFrontEnd>();
    case Dialect::kSqlite:
      return std::make_unique<SqliteFrontEnd>();
  }
  return nullptr;
}

}  // namespace migrate
