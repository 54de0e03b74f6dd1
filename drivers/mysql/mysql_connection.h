// The MySQL/MariaDB driver (Connector/C++ 1.1). Without params a statement goes through
// sql::Statement::execute, so any single statement (DDL included) works; with params it is a
// server-side prepared statement. Values are read as strings. Errors 1205 (lock wait timeout,
// also for metadata locks) and 1213 (deadlock) are kRetryable; 1317 (query interrupted) is
// kCancelled after our own Cancel(); MariaDB's max_statement_time (1969) and MySQL's
// max_execution_time (3024) are kDatabase. Cancel() opens a second short connection and sends
// KILL QUERY for this connection's id. Begin is START TRANSACTION. Note that MySQL commits
// implicitly before and after DDL, so InTransaction() (tracked by Begin/Commit/Rollback) can claim
// a transaction the server already ended.
//
// MySQL 8 differences (the dev servers run MariaDB 10.11): max_execution_time limits read-only
// SELECTs only, so DDL and DML run without a statement timeout; and a statement made only of
// SLEEP() that is killed returns 1 instead of an error, so Cancel() of it reads as success.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "drivers/driver.h"

namespace migrate {

class MysqlConnection : public Connection {
 public:
  // Host defaults to 127.0.0.1, port to 3306. URL params: socket=PATH connects through a unix
  // socket; charset=NAME (default utf8mb4).
  static Result<std::unique_ptr<Connection>> Open(const DatabaseUrl& url,
                                                  const ConnectOptions& options = {});
  ~MysqlConnection() override;

  Dialect dialect() const override { return Dialect::kMysql; }
  Result<Rows> Query(const std::string& sql, const std::vector<Value>& params = {}) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  bool InTransaction() const override { return in_transaction_; }
  Status SetLockTimeout(std::chrono::milliseconds timeout) override;
  Status SetStatementTimeout(std::chrono::milliseconds timeout) override;
  void Cancel() override;
  std::string ServerVersion() override { return version_; }
  bool IsMariaDb() const { return is_mariadb_; }

 private:
  struct Impl;  // the Connector/C++ connection and what Cancel() needs to reconnect
  explicit MysqlConnection(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
  std::string version_;
  bool is_mariadb_ = false;
  bool in_transaction_ = false;
  std::atomic<bool> cancel_requested_{false};
};

}  // namespace migrate
