// FakeConnection: see fake_connection.h.
#include "drivers/fake/fake_connection.h"

#include <utility>

#include "drivers/sqlite/sqlite_connection.h"

namespace migrate {

FakeConnection::FakeConnection(std::unique_ptr<Connection> inner, std::optional<Dialect> dialect)
    : inner_(std::move(inner)), dialect_(dialect) {}

std::unique_ptr<FakeConnection> FakeConnection::InMemorySqlite(std::optional<Dialect> dialect) {
  DatabaseUrl url;
  url.dialect = Dialect::kSqlite;
  url.path = ":memory:";
  auto conn = SqliteConnection::Open(url);
  if (!conn.ok()) return nullptr;  // only when SQLite cannot allocate a database
  return std::make_unique<FakeConnection>(std::move(conn).value(), dialect);
}

void FakeConnection::FailNext(std::string substring, Status error, int times) {
  if (times <= 0) return;
  faults_.push_back(Fault{std::move(substring), std::move(error), times});
}

Status FakeConnection::Record(const std::string& statement) {
  log_.push_back(statement);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (statement.find(it->substring) == std::string::npos) continue;
    Status error = it->error;
    if (--it->remaining <= 0) faults_.erase(it);
    return error;
  }
  return Status::Ok();
}

Dialect FakeConnection::dialect() const { return dialect_.value_or(inner_->dialect()); }

Result<Rows> FakeConnection::Query(const std::string& sql, const std::vector<Value>& params) {
  if (Status s = Record(sql); !s.ok()) return s;
  return inner_->Query(sql, params);
}

Status FakeConnection::Begin() {
  if (Status s = Record("BEGIN"); !s.ok()) return s;
  return inner_->Begin();
}

Status FakeConnection::Commit() {
  if (Status s = Record("COMMIT"); !s.ok()) return s;
  return inner_->Commit();
}

Status FakeConnection::Rollback() {
  if (Status s = Record("ROLLBACK"); !s.ok()) return s;
  return inner_->Rollback();
}

bool FakeConnection::InTransaction() const { return inner_->InTransaction(); }

Status FakeConnection::SetLockTimeout(std::chrono::milliseconds timeout) {
  if (Status s = Record("SET LOCK TIMEOUT " + std::to_string(timeout.count()) + "ms"); !s.ok()) {
    return s;
  }
  return inner_->SetLockTimeout(timeout);
}

Status FakeConnection::SetStatementTimeout(std::chrono::milliseconds timeout) {
  if (Status s = Record("SET STATEMENT TIMEOUT " + std::to_string(timeout.count()) + "ms");
      !s.ok()) {
    return s;
  }
  return inner_->SetStatementTimeout(timeout);
}

void FakeConnection::Cancel() { inner_->Cancel(); }

std::string FakeConnection::ServerVersion() { return inner_->ServerVersion(); }

}  // namespace migrate
