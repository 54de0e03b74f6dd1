// The MySQL/MariaDB driver: see mysql_connection.h.
#include "drivers/mysql/mysql_connection.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <cstdio>
#include <mutex>

#include "drivers/driver_util.h"

namespace migrate {
namespace {

constexpr int kErLockWaitTimeout = 1205;
constexpr int kErLockDeadlock = 1213;
constexpr int kErQueryInterrupted = 1317;
constexpr int kErStatementTimeout = 1969;  // MariaDB: max_statement_time exceeded

// The driver singleton; its first use must not race with another thread's.
sql::mysql::MySQL_Driver* Driver() {
  static std::once_flag once;
  static sql::mysql::MySQL_Driver* driver = nullptr;
  std::call_once(once, [] { driver = sql::mysql::get_mysql_driver_instance(); });
  return driver;
}

Status FromSqlException(const sql::SQLException& e, bool cancelled) {
  int code = e.getErrorCode();
  std::string message = "MySQL error " + std::to_string(code);
  std::string state = e.getSQLStateCStr() != nullptr ? e.getSQLStateCStr() : "";
  if (!state.empty()) message += " (" + state + ")";
  message += ": " + driver_util::SafeMessage(e.what());
  if (code == kErLockWaitTimeout || code == kErLockDeadlock) return Status::Retryable(message);
  if (code == kErQueryInterrupted && cancelled) return Status::Cancelled(message);
  return Status::Database(message);
}

}  // namespace

struct MysqlConnection::Impl {
  sql::ConnectOptionsMap options;  // kept so Cancel() can open its own connection
  std::string redacted_url;
  std::string password;
  std::unique_ptr<sql::Connection> conn;
  int64_t connection_id = 0;
};

MysqlConnection::MysqlConnection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

MysqlConnection::~MysqlConnection() {
  try {
    if (impl_ && impl_->conn) impl_->conn->close();
  } catch (...) {
  }
}

Result<std::unique_ptr<Connection>> MysqlConnection::Open(const DatabaseUrl& url,
                                                          const ConnectOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->redacted_url = url.Redacted();
  impl->password = url.password;
  sql::ConnectOptionsMap& opts = impl->options;
  opts["hostName"] = sql::SQLString(url.host.empty() ? "127.0.0.1" : url.host);
  opts["port"] = url.port != 0 ? url.port : 3306;
  opts["userName"] = sql::SQLString(url.user);
  opts["password"] = sql::SQLString(url.password);
  if (!url.database.empty()) opts["schema"] = sql::SQLString(url.database);
  if (auto it = url.params.find("socket"); it != url.params.end()) {
    opts["socket"] = sql::SQLString(it->second);
  }
  auto charset = url.params.find("charset");
  opts["OPT_CHARSET_NAME"] =
      sql::SQLString(charset != url.params.end() ? charset->second : std::string("utf8mb4"));
  opts["OPT_CONNECT_TIMEOUT"] = static_cast<int>(options.connect_timeout.count());
  opts["OPT_RECONNECT"] = false;  // a new session would lose locks, transaction and timeouts

  auto* self = new MysqlConnection(nullptr);
  std::unique_ptr<Connection> owner(self);
  try {
    impl->conn.reset(Driver()->connect(opts));
    std::unique_ptr<sql::Statement> stmt(impl->conn->createStatement());
    std::unique_ptr<sql::ResultSet> rs(stmt->executeQuery("SELECT CONNECTION_ID(), VERSION()"));
    if (rs->next()) {
      impl->connection_id = rs->getInt64(1);
      self->version_ = rs->getString(2).asStdString();
    }
  } catch (const sql::SQLException& e) {
    return Status::Database("cannot connect to " + impl->redacted_url + ": MySQL error " +
                            std::to_string(e.getErrorCode()) + ": " +
                            driver_util::SafeMessage(e.what(), url.password));
  } catch (const std::exception& e) {
    return Status::Database("cannot connect to " + impl->redacted_url + ": " +
                            driver_util::SafeMessage(e.what(), url.password));
  } catch (...) {
    return Status::Database("cannot connect to " + impl->redacted_url + ": unknown error");
  }
  self->is_mariadb_ = self->version_.find("MariaDB") != std::string::npos;
  self->impl_ = std::move(impl);
  return owner;
}

Result<Rows> MysqlConnection::Query(const std::string& sql, const std::vector<Value>& params) {
  struct ClearCancel {
    std::atomic<bool>* flag;
    ~ClearCancel() { flag->store(false); }
  } clear{&cancel_requested_};
  auto read_rows = [](sql::ResultSet* rs, Rows* rows) {
    sql::ResultSetMetaData* meta = rs->getMetaData();  // owned by the result set
    unsigned int ncols = meta->getColumnCount();
    for (unsigned int c = 1; c <= ncols; ++c) {
      rows->columns.push_back(meta->getColumnLabel(c).asStdString());
    }
    while (rs->next()) {
      std::vector<Value> row;
      row.reserve(ncols);
      for (unsigned int c = 1; c <= ncols; ++c) {
        std::string value = rs->getString(c).asStdString();
        if (rs->wasNull()) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::move(value));
        }
      }
      rows->rows.push_back(std::move(row));
    }
  };
  try {
    Rows rows;
    if (params.empty()) {
      std::unique_ptr<sql::Statement> stmt(impl_->conn->createStatement());
      if (stmt->execute(sql)) {
        std::unique_ptr<sql::ResultSet> rs(stmt->getResultSet());
        read_rows(rs.get(), &rows);
      } else {
        rows.affected = static_cast<int64_t>(stmt->getUpdateCount());
      }
      // Drain any further results (CALL), or the connection would be out of sync.
      while (stmt->getMoreResults()) {
        std::unique_ptr<sql::ResultSet> extra(stmt->getResultSet());
      }
    } else {
      std::unique_ptr<sql::PreparedStatement> ps(impl_->conn->prepareStatement(sql));
      for (size_t i = 0; i < params.size(); ++i) {
        unsigned int index = static_cast<unsigned int>(i) + 1;
        if (params[i].has_value()) {
          ps->setString(index, *params[i]);
        } else {
          ps->setNull(index, sql::DataType::VARCHAR);
        }
      }
      // A statement that returns no columns is an update; its count comes from executeUpdate.
      if (ps->getMetaData()->getColumnCount() == 0) {
        rows.affected = ps->executeUpdate();
      } else {
        std::unique_ptr<sql::ResultSet> rs(ps->executeQuery());
        read_rows(rs.get(), &rows);
      }
    }
    return rows;
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, cancel_requested_.load());
  } catch (const std::exception& e) {
    return Status::Database(driver_util::SafeMessage(e.what()));
  } catch (...) {
    return Status::Database("mysql: unknown error");
  }
}

Status MysqlConnection::Begin() {
  Status s = Execute("START TRANSACTION");
  if (s.ok()) in_transaction_ = true;
  return s;
}

Status MysqlConnection::Commit() {
  Status s = Execute("COMMIT");
  in_transaction_ = false;
  return s;
}

Status MysqlConnection::Rollback() {
  if (!in_transaction_) return Status::Ok();
  Status s = Execute("ROLLBACK");
  in_transaction_ = false;
  return s;
}

Status MysqlConnection::SetLockTimeout(std::chrono::milliseconds timeout) {
  if (timeout.count() <= 0) {
    return Execute("SET SESSION lock_wait_timeout = DEFAULT, innodb_lock_wait_timeout = DEFAULT");
  }
  // Both variables take whole seconds; round up, at least 1.
  int64_t seconds = std::max<int64_t>(1, (timeout.count() + 999) / 1000);
  std::string s = std::to_string(seconds);
  return Execute("SET SESSION lock_wait_timeout = " + s + ", innodb_lock_wait_timeout = " + s);
}

Status MysqlConnection::SetStatementTimeout(std::chrono::milliseconds timeout) {
  int64_t ms = std::max<int64_t>(0, timeout.count());
  if (is_mariadb_) {
    // MariaDB: seconds with microsecond precision; applies to every statement, DDL included.
    char buf[64];
    std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(ms / 1000),
                  static_cast<long long>(ms % 1000));
    return Execute(std::string("SET SESSION max_statement_time = ") + buf);
  }
  // MySQL 8: milliseconds, and only read-only SELECT statements are limited; DDL and DML run
  // without a limit (the lock timeout still bounds their waiting).
  return Execute("SET SESSION max_execution_time = " + std::to_string(ms));
}

void MysqlConnection::Cancel() {
  cancel_requested_.store(true);
  if (!impl_) return;
  try {
    sql::mysql::MySQL_Driver* driver = Driver();
    driver->threadInit();
    {
      sql::ConnectOptionsMap opts = impl_->options;
      opts["OPT_CONNECT_TIMEOUT"] = 5;
      std::unique_ptr<sql::Connection> killer(driver->connect(opts));
      std::unique_ptr<sql::Statement> stmt(killer->createStatement());
      stmt->execute("KILL QUERY " + std::to_string(impl_->connection_id));
      killer->close();
    }
    driver->threadEnd();
  } catch (...) {
    // The query may have finished already (unknown thread id) or the server is unreachable: the
    // running call reports what happened.
  }
}

}  // namespace migrate
