// The SQLite driver: see sqlite_connection.h.
#include "drivers/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include "drivers/driver_util.h"

namespace migrate {
namespace {

// sqlite3_stmt owner.
struct StatementDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

// The progress handler runs every this many virtual machine instructions.
constexpr int kProgressInstructions = 1000;

}  // namespace

SqliteConnection::SqliteConnection(std::unique_ptr<SQLite::Database> db)
    : db_(std::move(db)), handle_(db_->getHandle()) {
  sqlite3_extended_result_codes(handle_, 1);
  sqlite3_progress_handler(handle_, kProgressInstructions, &SqliteConnection::OnProgress, this);
}

SqliteConnection::~SqliteConnection() {
  if (handle_ != nullptr) sqlite3_progress_handler(handle_, 0, nullptr, nullptr);
}

Result<std::unique_ptr<Connection>> SqliteConnection::Open(const DatabaseUrl& url,
                                                           const ConnectOptions& /*options*/) {
  if (url.path.empty()) return Status::Usage("sqlite: empty database path");
  try {
    auto db = std::make_unique<SQLite::Database>(
        url.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX);
    return std::unique_ptr<Connection>(new SqliteConnection(std::move(db)));
  } catch (const std::exception& e) {
    return Status::Database("cannot open " + url.Redacted() + ": " +
                            driver_util::SafeMessage(e.what()));
  } catch (...) {
    return Status::Database("cannot open " + url.Redacted() + ": unknown error");
  }
}

int SqliteConnection::OnProgress(void* self) {
  auto* conn = static_cast<SqliteConnection*>(self);
  if (conn->deadline_active_ && std::chrono::steady_clock::now() >= conn->deadline_) {
    conn->timed_out_ = true;
    return 1;  // interrupts the statement with SQLITE_INTERRUPT
  }
  return 0;
}

Status SqliteConnection::Error(int rc, const std::string& context) {
  std::string message = driver_util::SafeMessage(sqlite3_errmsg(handle_));
  if (!context.empty()) message = context + ": " + message;
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Retryable(message + " (" + sqlite3_errstr(rc) + ")");
    case SQLITE_INTERRUPT:
      if (timed_out_) {
        return Status::Database("statement timeout (" +
                                std::to_string(statement_timeout_.count()) + "ms) exceeded");
      }
      return Status::Cancelled("statement cancelled");
    default:
      return Status::Database(message);
  }
}

Result<Rows> SqliteConnection::Query(const std::string& sql, const std::vector<Value>& params) {
  timed_out_ = false;
  deadline_active_ = statement_timeout_.count() > 0;
  if (deadline_active_) deadline_ = std::chrono::steady_clock::now() + statement_timeout_;
  struct Reset {
    SqliteConnection* c;
    ~Reset() {
      c->deadline_active_ = false;
      c->cancel_requested_.store(false);
    }
  } reset{this};

  Rows result;
  const char* tail = sql.c_str();
  const char* end = sql.c_str() + sql.size();
  bool ran = false;
  while (tail < end) {
    sqlite3_stmt* raw = nullptr;
    const char* next = nullptr;
    int rc = sqlite3_prepare_v2(handle_, tail, static_cast<int>(end - tail), &raw, &next);
    StatementPtr stmt(raw);
    if (rc != SQLITE_OK) return Error(rc, "");
    tail = next;
    if (stmt == nullptr) continue;  // whitespace or a comment
    if (!params.empty()) {
      if (ran) {
        return Status::Internal("sqlite: a statement with parameters must be the only one");
      }
      int expected = sqlite3_bind_parameter_count(stmt.get());
      if (expected != static_cast<int>(params.size())) {
        return Status::Internal("sqlite: statement has " + std::to_string(expected) +
                                " placeholders but " + std::to_string(params.size()) +
                                " values were given");
      }
      for (size_t i = 0; i < params.size(); ++i) {
        int index = static_cast<int>(i) + 1;
        int brc = params[i].has_value()
                      ? sqlite3_bind_text(stmt.get(), index, params[i]->data(),
                                          static_cast<int>(params[i]->size()), SQLITE_TRANSIENT)
                      : sqlite3_bind_null(stmt.get(), index);
        if (brc != SQLITE_OK) return Error(brc, "bind");
      }
    }
    ran = true;
    Rows rows;
    int ncols = sqlite3_column_count(stmt.get());
    for (int c = 0; c < ncols; ++c) {
      const char* name = sqlite3_column_name(stmt.get(), c);
      rows.columns.emplace_back(name != nullptr ? name : "");
    }
    sqlite3_int64 total_before = sqlite3_total_changes64(handle_);
    for (;;) {
      int src = sqlite3_step(stmt.get());
      if (src == SQLITE_DONE) break;
      if (src != SQLITE_ROW) return Error(src, "");
      std::vector<Value> row;
      row.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        int type = sqlite3_column_type(stmt.get(), c);
        if (type == SQLITE_NULL) {
          row.emplace_back(std::nullopt);
          continue;
        }
        // Numbers are returned in their text form; blobs as their bytes.
        const void* data = type == SQLITE_BLOB ? sqlite3_column_blob(stmt.get(), c)
                                               : sqlite3_column_text(stmt.get(), c);
        int bytes = sqlite3_column_bytes(stmt.get(), c);
        row.emplace_back(data != nullptr ? std::string(static_cast<const char*>(data), bytes)
                                         : std::string());
      }
      rows.rows.push_back(std::move(row));
    }
    // DDL changes no row counters; an UPDATE that matched nothing leaves the total unchanged too.
    if (sqlite3_total_changes64(handle_) != total_before) rows.affected = sqlite3_changes64(handle_);
    result = std::move(rows);
  }
  if (!params.empty() && !ran) return Status::Internal("sqlite: no statement to bind values to");
  return result;
}

Status SqliteConnection::Begin() { return Execute("BEGIN IMMEDIATE"); }

Status SqliteConnection::Commit() {
  if (!InTransaction()) return Status::Database("COMMIT outside a transaction");
  return Execute("COMMIT");
}

Status SqliteConnection::Rollback() {
  if (!InTransaction()) return Status::Ok();
  return Execute("ROLLBACK");
}

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(handle_) == 0; }

Status SqliteConnection::SetLockTimeout(std::chrono::milliseconds timeout) {
  int ms = static_cast<int>(std::max<int64_t>(0, std::min<int64_t>(timeout.count(), INT32_MAX)));
  int rc = sqlite3_busy_timeout(handle_, ms);
  if (rc != SQLITE_OK) return Error(rc, "busy timeout");
  return Status::Ok();
}

Status SqliteConnection::SetStatementTimeout(std::chrono::milliseconds timeout) {
  statement_timeout_ = std::max(timeout, std::chrono::milliseconds(0));
  return Status::Ok();
}

void SqliteConnection::Cancel() {
  cancel_requested_.store(true);
  sqlite3_interrupt(handle_);
}

std::string SqliteConnection::ServerVersion() {
  return std::string("SQLite ") + sqlite3_libversion();
}

}  // namespace migrate
