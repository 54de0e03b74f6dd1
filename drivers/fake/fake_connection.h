// FakeConnection: a decorator for engine unit tests. It wraps a real Connection (usually SQLite
// in memory), records every statement the engine sends, and injects faults: FailNext("ALTER",
// Status::Retryable(...), 2) makes the next two statements containing "ALTER" fail with that status
// without reaching the wrapped connection.
//
// Begin/Commit/Rollback are recorded and matched as the statements "BEGIN", "COMMIT" and
// "ROLLBACK"; SetLockTimeout/SetStatementTimeout as "SET LOCK TIMEOUT <n>ms" and
// "SET STATEMENT TIMEOUT <n>ms". Substring matching is case-sensitive; an empty substring matches
// every statement. Rules are tried in the order they were added.
//
// dialect() may be overridden in the constructor, so the engine can be exercised as if it talked
// to PostgreSQL or MySQL while the SQL actually runs on SQLite: the SQL the engine emits must then
// be valid on SQLite too (or be intercepted with FailNext), and ServerVersion() still reports the
// wrapped server.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/driver.h"

namespace migrate {

class FakeConnection : public Connection {
 public:
  explicit FakeConnection(std::unique_ptr<Connection> inner,
                          std::optional<Dialect> dialect = std::nullopt);
  // A fake over a fresh `sqlite::memory:` database.
  static std::unique_ptr<FakeConnection> InMemorySqlite(
      std::optional<Dialect> dialect = std::nullopt);

  // Every statement sent so far, in order, including those failed by FailNext.
  const std::vector<std::string>& log() const { return log_; }
  void ClearLog() { log_.clear(); }
  // The next `times` statements containing `substring` fail with `error`.
  void FailNext(std::string substring, Status error, int times = 1);
  Connection& inner() { return *inner_; }

  Dialect dialect() const override;
  Result<Rows> Query(const std::string& sql, const std::vector<Value>& params = {}) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  bool InTransaction() const override;
  Status SetLockTimeout(std::chrono::milliseconds timeout) override;
  Status SetStatementTimeout(std::chrono::milliseconds timeout) override;
  void Cancel() override;
  std::string ServerVersion() override;

 private:
  struct Fault {
    std::string substring;
    Status error;
    int remaining;
  };
  // Records `statement`; returns the injected error if a fault matches, else OK.
  Status Record(const std::string& statement);

  std::unique_ptr<Connection> inner_;
  std::optional<Dialect> dialect_;
  std::vector<std::string> log_;
  std::vector<Fault> faults_;
};

}  // namespace migrate
