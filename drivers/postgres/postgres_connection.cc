// The PostgreSQL driver: see postgres_connection.h.
#include "drivers/postgres/postgres_connection.h"

#include <cctype>
#include <pqxx/pqxx>

#include "drivers/driver_util.h"

namespace migrate {
namespace {

// A libpq conninfo value, single-quoted.
std::string ConninfoValue(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// "ERROR:  message\n" from libpq, as "message".
std::string ServerMessage(const char* what) {
  std::string m = driver_util::SafeMessage(what);
  for (const char* prefix : {"ERROR:  ", "FATAL:  "}) {
    if (m.rfind(prefix, 0) == 0) m.erase(0, std::char_traits<char>::length(prefix));
  }
  return m;
}

bool StartsWithRollbackTo(const std::string& sql) {
  std::string words;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!words.empty() && words.back() != ' ') words.push_back(' ');
    } else {
      words.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    if (words.size() >= 11) break;
  }
  return words.rfind("ROLLBACK TO", 0) == 0;
}

}  // namespace

struct PostgresConnection::Impl {
  explicit Impl(const std::string& conninfo) : conn(conninfo), quiet(conn) {}
  pqxx::connection conn;
  pqxx::quiet_errorhandler quiet;  // notices and warnings are not printed on stderr
  std::string redacted_url;
};

PostgresConnection::PostgresConnection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

PostgresConnection::~PostgresConnection() = default;

Result<std::unique_ptr<Connection>> PostgresConnection::Open(const DatabaseUrl& url,
                                                             const ConnectOptions& options) {
  std::string conninfo;
  auto add = [&conninfo](const std::string& key, const std::string& value) {
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += key + "=" + ConninfoValue(value);
  };
  if (!url.host.empty()) add("host", url.host);
  if (url.port != 0) add("port", std::to_string(url.port));
  if (!url.database.empty()) add("dbname", url.database);
  if (!url.user.empty()) add("user", url.user);
  if (!url.password.empty()) add("password", url.password);
  if (!url.params.count("application_name") && !options.application_name.empty()) {
    add("application_name", options.application_name);
  }
  if (!url.params.count("connect_timeout") && options.connect_timeout.count() > 0) {
    // libpq treats 1 as 2 seconds; anything positive works.
    add("connect_timeout", std::to_string(options.connect_timeout.count()));
  }
  for (const auto& [key, value] : url.params) add(key, value);

  std::string redacted = url.Redacted();
  try {
    auto impl = std::make_unique<Impl>(conninfo);
    impl->redacted_url = redacted;
    // A broken connection must surface as an error, not reconnect silently: the new session would
    // have lost its advisory lock, its transaction and its timeouts.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    impl->conn.inhibit_reactivation(true);
#pragma GCC diagnostic pop
    return std::unique_ptr<Connection>(new PostgresConnection(std::move(impl)));
  } catch (const std::exception& e) {
    return Status::Database("cannot connect to " + redacted + ": " +
                            driver_util::SafeMessage(ServerMessage(e.what()), url.password));
  } catch (...) {
    return Status::Database("cannot connect to " + redacted + ": unknown error");
  }
}

std::string PostgresConnection::RewritePlaceholders(const std::string& sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 8);
  int n = 0;
  size_t i = 0;
  const size_t len = sql.size();
  while (i < len) {
    char c = sql[i];
    if (c == '\'') {  // '…' with '' escapes; E'…' also with backslash escapes
      bool backslash = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                       (i < 2 || !IsIdentChar(sql[i - 2]));
      size_t j = i + 1;
      while (j < len) {
        if (backslash && sql[j] == '\\') {
          j += 2;
          continue;
        }
        if (sql[j] == '\'') {
          if (j + 1 < len && sql[j + 1] == '\'') {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      j = std::min(j + 1, len);
      out.append(sql, i, j - i);
      i = j;
    } else if (c == '"') {
      size_t j = sql.find('"', i + 1);
      j = j == std::string::npos ? len : j + 1;
      out.append(sql, i, j - i);
      i = j;
    } else if (c == '-' && i + 1 < len && sql[i + 1] == '-') {
      size_t j = sql.find('\n', i);
      j = j == std::string::npos ? len : j;
      out.append(sql, i, j - i);
      i = j;
    } else if (c == '/' && i + 1 < len && sql[i + 1] == '*') {
      int depth = 0;
      size_t j = i;
      while (j < len) {
        if (sql[j] == '/' && j + 1 < len && sql[j + 1] == '*') {
          ++depth;
          j += 2;
        } else if (sql[j] == '*' && j + 1 < len && sql[j + 1] == '/') {
          j += 2;
          if (--depth == 0) break;
        } else {
          ++j;
        }
      }
      out.append(sql, i, j - i);
      i = j;
    } else if (c == '$' && (i == 0 || !IsIdentChar(sql[i - 1]))) {
      // $tag$ … $tag$ (a tag does not start with a digit: $1 is a parameter).
      size_t j = i + 1;
      while (j < len && IsIdentChar(sql[j]) &&
             !(j == i + 1 && std::isdigit(static_cast<unsigned char>(sql[j])))) {
        ++j;
      }
      if (j < len && sql[j] == '$') {
        std::string tag = sql.substr(i, j - i + 1);
        size_t close = sql.find(tag, j + 1);
        size_t end = close == std::string::npos ? len : close + tag.size();
        out.append(sql, i, end - i);
        i = end;
      } else {
        out.push_back(c);
        ++i;
      }
    } else if (c == '?') {
      out += "$" + std::to_string(++n);
      ++i;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  if (count != nullptr) *count = n;
  return out;
}

Result<Rows> PostgresConnection::Run(const std::string& sql, const std::vector<Value>& params) {
  Result<Rows> r = RunOnce(sql, params);
  if (in_transaction_) {
    if (!r.ok()) {
      transaction_failed_ = true;
    } else if (StartsWithRollbackTo(sql)) {
      transaction_failed_ = false;  // ROLLBACK TO SAVEPOINT recovers a failed transaction
    }
  }
  return r;
}

Result<Rows> PostgresConnection::RunOnce(const std::string& sql, const std::vector<Value>& params) {
  struct ClearCancel {
    std::atomic<bool>* flag;
    ~ClearCancel() { flag->store(false); }
  } clear{&cancel_requested_};
  try {
    pqxx::result r;
    {
      pqxx::nontransaction tx(impl_->conn);
      if (params.empty()) {
        r = tx.exec(sql);
      } else {
        int count = 0;
        std::string rewritten = RewritePlaceholders(sql, &count);
        if (count != static_cast<int>(params.size())) {
          return Status::Internal("postgres: statement has " + std::to_string(count) +
                                  " placeholders but " + std::to_string(params.size()) +
                                  " values were given");
        }
        std::vector<const char*> values;
        values.reserve(params.size());
        for (const Value& v : params) values.push_back(v.has_value() ? v->c_str() : nullptr);
        r = tx.exec_params(rewritten, pqxx::prepare::make_dynamic_params(values));
      }
      tx.commit();  // a no-op for a nontransaction; closes it cleanly
    }
    Rows rows;
    const auto ncols = r.columns();
    for (pqxx::row_size_type c = 0; c < ncols; ++c) rows.columns.emplace_back(r.column_name(c));
    rows.rows.reserve(r.size());
    for (const auto& row : r) {
      std::vector<Value> values;
      values.reserve(ncols);
      for (const auto& field : row) {
        if (field.is_null()) {
          values.emplace_back(std::nullopt);
        } else {
          values.emplace_back(std::string(field.c_str(), field.size()));
        }
      }
      rows.rows.push_back(std::move(values));
    }
    rows.affected = r.affected_rows();
    return rows;
  } catch (const pqxx::deadlock_detected& e) {
    return Status::Retryable("SQLSTATE 40P01: " + ServerMessage(e.what()));
  } catch (const pqxx::serialization_failure& e) {
    return Status::Retryable("SQLSTATE 40001: " + ServerMessage(e.what()));
  } catch (const pqxx::sql_error& e) {
    const std::string& state = e.sqlstate();
    std::string message = (state.empty() ? "" : "SQLSTATE " + state + ": ") + ServerMessage(e.what());
    if (state == "55P03" || state == "40P01" || state == "40001") {
      return Status::Retryable(message);
    }
    if (state == "57014") {
      if (cancel_requested_.load()) return Status::Cancelled(message);
      return Status::Database(message);  // statement_timeout
    }
    return Status::Database(message);
  } catch (const pqxx::broken_connection& e) {
    in_transaction_ = false;
    return Status::Database("connection to " + impl_->redacted_url +
                            " lost: " + ServerMessage(e.what()));
  } catch (const std::exception& e) {
    return Status::Database(ServerMessage(e.what()));
  } catch (...) {
    return Status::Database("postgres: unknown error");
  }
}

Result<Rows> PostgresConnection::Query(const std::string& sql, const std::vector<Value>& params) {
  return Run(sql, params);
}

Status PostgresConnection::Begin() {
  Status s = Run("BEGIN", {}).status();
  if (s.ok()) {
    in_transaction_ = true;
    transaction_failed_ = false;
  }
  return s;
}

Status PostgresConnection::Commit() {
  bool failed = in_transaction_ && transaction_failed_;
  Status s = Run("COMMIT", {}).status();
  // Whatever happened, the transaction is over: committed, rolled back, or the connection is gone.
  in_transaction_ = false;
  transaction_failed_ = false;
  if (!s.ok()) return s;
  if (failed) {
    // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK, not with an error.
    return Status::Database("a statement of the transaction had failed; COMMIT rolled it back");
  }
  return Status::Ok();
}

Status PostgresConnection::Rollback() {
  if (!in_transaction_) return Status::Ok();
  Status s = Run("ROLLBACK", {}).status();
  in_transaction_ = false;
  transaction_failed_ = false;
  return s;
}

Status PostgresConnection::SetLockTimeout(std::chrono::milliseconds timeout) {
  if (timeout.count() <= 0) return Run("SET lock_timeout TO DEFAULT", {}).status();
  return Run("SET lock_timeout = '" + std::to_string(timeout.count()) + "ms'", {})
      .status();
}

Status PostgresConnection::SetStatementTimeout(std::chrono::milliseconds timeout) {
  // 0 disables the limit (the contract), rather than restoring a server-configured default.
  return Run("SET statement_timeout = '" + std::to_string(std::max<int64_t>(0, timeout.count())) +
                 "ms'",
             {})
      .status();
}

void PostgresConnection::Cancel() {
  cancel_requested_.store(true);
  try {
    impl_->conn.cancel_query();  // PQgetCancel + PQcancel: a separate connection to the server
  } catch (...) {
    // Nothing to cancel, or the server is unreachable: the running call reports what happened.
  }
}

std::string PostgresConnection::ServerVersion() {
  int v = 0;
  try {
    v = impl_->conn.server_version();
  } catch (...) {
    return "PostgreSQL";
  }
  if (v >= 100000) return "PostgreSQL " + std::to_string(v / 10000) + "." + std::to_string(v % 10000);
  return "PostgreSQL " + std::to_string(v / 10000) + "." + std::to_string(v / 100 % 100) + "." +
         std::to_string(v % 100);
}

}  // namespace migrate
