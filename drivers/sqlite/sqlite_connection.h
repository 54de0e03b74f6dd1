// The SQLite driver: SQLiteCpp opens the database, the sqlite3 C API runs statements (so a text of
// several statements runs in order and error codes stay precise). Begin is BEGIN IMMEDIATE, so a
// transaction holds the write lock from its start; SQLITE_BUSY/SQLITE_LOCKED are kRetryable; the
// lock timeout is the busy timeout; the statement timeout is a progress-handler deadline; Cancel()
// is sqlite3_interrupt. PRAGMA foreign_keys is left at the library default.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "drivers/driver.h"

namespace SQLite {
class Database;
}
struct sqlite3;

namespace migrate {

class SqliteConnection : public Connection {
 public:
  // Opens (creating if needed) url.path, or an in-memory database for ":memory:".
  static Result<std::unique_ptr<Connection>> Open(const DatabaseUrl& url,
                                                  const ConnectOptions& options = {});
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  // Without params the text may hold several statements, run in order; the result is the last
  // one's. With params it must be one statement.
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
  explicit SqliteConnection(std::unique_ptr<SQLite::Database> db);
  static int OnProgress(void* self);
  Status Error(int rc, const std::string& context);

  std::unique_ptr<SQLite::Database> db_;
  sqlite3* handle_ = nullptr;
  std::chrono::milliseconds statement_timeout_{0};
  std::chrono::steady_clock::time_point deadline_;
  bool deadline_active_ = false;
  bool timed_out_ = false;
  std::atomic<bool> cancel_requested_{false};
};

}  // namespace migrate
