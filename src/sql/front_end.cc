#include "sql/front_end.h"

#include "sql/postgres/postgres_front_end.h"

namespace migrate {

std::unique_ptr<FrontEnd> MakeFrontEnd(Dialect dialect) {
  switch (dialect) {
    case Dialect::kPostgres:
      return std::make_unique<PostgresFrontEnd>();
    case Dialect::kMysql:
    case Dialect::kSqlite:
      return nullptr;
  }
  return nullptr;
}

}  // namespace migrate
