// The driver seam: one interface for PostgreSQL (libpqxx), MySQL/MariaDB (Connector/C++) and
// SQLite (SQLiteCpp), plus a fake for unit tests. The engine talks only to Connection; third-party
// exceptions never cross this header. Errors come back as Status values: lock timeouts, deadlocks
// and busy databases (SQLSTATE 55P03/40P01/40001, MySQL 1205/1213, SQLITE_BUSY/LOCKED) as
// StatusCode::kRetryable, a statement stopped by Cancel() as kCancelled, anything else as
// kDatabase. Messages never contain a password.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/change.h"

namespace migrate {

// A parsed database URL (SPEC §3):
//   postgres://user:pass@host:port/db?sslmode=…   (also postgresql://)
//   mysql://user:pass@host:port/db                (also mariadb://)
//   sqlite:path, sqlite:///abs/path, sqlite::memory:
struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  std::string user;
  std::string password;
  std::string host;
  int port = 0;                              // 0: the driver's default
  std::string database;                      // postgres/mysql database name
  std::string path;                          // sqlite: file path or ":memory:"
  std::map<std::string, std::string> params; // query parameters (sslmode=…, connect_timeout=…)
  // The URL with the password replaced by "***" (safe to print).
  std::string Redacted() const;
};

// Parses a URL; an unknown scheme or malformed URL is a Usage error whose message is redacted.
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);
// Replaces the password of anything that looks like scheme://user:pass@… in `text` by "***".
std::string RedactUrls(std::string_view text);

// A value bound to a placeholder or read from a row; nullopt is SQL NULL. Values travel as text
// and the server converts them (PostgreSQL infers the parameter's type from its context).
using Value = std::optional<std::string>;

struct Rows {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE; 0 otherwise
};

struct ConnectOptions {
  std::string application_name = "migrate";  // PostgreSQL application_name
  std::chrono::seconds connect_timeout{10};
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs one statement. With params, each `?` placeholder in `sql` is bound to the next value
  // (the PostgreSQL driver rewrites them to $1, $2 …); without params `sql` is sent as it is, so
  // it may be any single statement, DDL included. Rows are returned when the statement has any.
  virtual Result<Rows> Query(const std::string& sql, const std::vector<Value>& params = {}) = 0;
  Status Execute(const std::string& sql, const std::vector<Value>& params = {}) {
    return Query(sql, params).status();
  }

  // Explicit transactions. SQLite's Begin takes the write lock at once (BEGIN IMMEDIATE).
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;  // no-op outside a transaction
  virtual bool InTransaction() const = 0;

  // How long a statement waits for a lock before failing with kRetryable; zero restores the
  // server default. PostgreSQL lock_timeout; MySQL lock_wait_timeout and innodb_lock_wait_timeout
  // (whole seconds, at least 1); SQLite busy timeout.
  virtual Status SetLockTimeout(std::chrono::milliseconds timeout) = 0;
  // The longest a statement may run before the server stops it (kDatabase); zero: no limit.
  // PostgreSQL statement_timeout; MariaDB max_statement_time, MySQL max_execution_time (SELECT
  // only); SQLite a progress-handler deadline.
  virtual Status SetStatementTimeout(std::chrono::milliseconds timeout) = 0;

  // Stops the statement running on this connection; safe to call from another thread (a signal
  // watcher). The interrupted call returns kCancelled.
  virtual void Cancel() = 0;

  // "PostgreSQL 15.18", "10.11.6-MariaDB", "SQLite 3.40.1".
  virtual std::string ServerVersion() = 0;
};

// Opens a connection for the URL's dialect. Connection failures are kDatabase with the redacted
// URL in the message.
Result<std::unique_ptr<Connection>> Connect(const DatabaseUrl& url, const ConnectOptions& options = {});

}  // namespace migrate
