// Connect(): picks the driver for the URL's dialect.
#include "drivers/driver.h"
#include "drivers/mysql/mysql_connection.h"
#include "drivers/postgres/postgres_connection.h"
#include "drivers/sqlite/sqlite_connection.h"

namespace migrate {

Result<std::unique_ptr<Connection>> Connect(const DatabaseUrl& url, const ConnectOptions& options) {
  switch (url.dialect) {
    case Dialect::kPostgres:
      return PostgresConnection::Open(url, options);
    case Dialect::kMysql:
      return MysqlConnection::Open(url, options);
    case Dialect::kSqlite:
      return SqliteConnection::Open(url, options);
  }
  return Status::Internal("unknown dialect");
}

}  // namespace migrate
