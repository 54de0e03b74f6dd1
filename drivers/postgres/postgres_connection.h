// The PostgreSQL driver (libpqxx 6.4). Every call runs as one statement through a short-lived
// pqxx::nontransaction, so BEGIN/COMMIT/ROLLBACK are plain statements under the engine's control
// and session state (lock_timeout, advisory locks) lives as long as the connection. Automatic
// reconnection is disabled: a lost connection is an error, never a silently new session.
// `?` placeholders are rewritten to $1…$n (outside quotes, comments and dollar-quoted strings).
// SQLSTATE 55P03 (lock_not_available), 40P01 (deadlock) and 40001 (serialization) are kRetryable;
// 57014 (query_canceled) is kCancelled after our own Cancel() and kDatabase otherwise
// (statement_timeout).
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "drivers/driver.h"

namespace migrate {

class PostgresConnection : public Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const DatabaseUrl& url,
                                                  const ConnectOptions& options = {});
  ~PostgresConnection() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  Result<Rows> Query(const std::string& sql, const std::vector<Value>& params = {}) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  bool InTransaction() const override { return in_transaction_; }
  Status SetLockTimeout(std::chrono::milliseconds timeout) override;
  Status SetStatementTimeout(std::chrono::milliseconds timeout) override;
  void Cancel() override;
  std::string ServerVersion() override;

  // `sql` with each `?` outside quotes, comments and $tag$ strings replaced by $1, $2, …;
  // `count` receives the number of placeholders. Exposed for tests.
  static std::string RewritePlaceholders(const std::string& sql, int* count);

 private:
  struct Impl;  // the libpqxx connection, kept out of this header
  explicit PostgresConnection(std::unique_ptr<Impl> impl);
  // RunOnce, plus tracking whether the open transaction has failed.
  Result<Rows> Run(const std::string& sql, const std::vector<Value>& params);
  Result<Rows> RunOnce(const std::string& sql, const std::vector<Value>& params);

  std::unique_ptr<Impl> impl_;
  bool in_transaction_ = false;
  bool transaction_failed_ = false;  // a statement failed since BEGIN: COMMIT will roll back
  std::atomic<bool> cancel_requested_{false};
};

}  // namespace migrate
