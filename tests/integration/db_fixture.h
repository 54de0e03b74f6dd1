// Helpers of the MariaDB and SQLite integration tests (tests/integration/mysql_*.cc, sqlite_*.cc):
// a fresh database per test (MariaDB: CREATE DATABASE mig_<test>_<pid> on the server of
// MIGRATE_TEST_MYSQL_URL, dropped at the end; SQLite: app.db in a temp dir), a migrations
// directory beside it, `migrate` run as a subprocess against both, a driver connection for
// checking the database, and a background start (fork/exec keeping the pid) for concurrency and
// kill -9 tests. Without MIGRATE_TEST_MYSQL_URL the MariaDB tests skip, or fail when
// MIGRATE_REQUIRE_SERVERS=1.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "drivers/driver.h"
#include "e2e/run_binary.h"

namespace migrate::dbtest {

using testing::RunResult;

// True when MIGRATE_REQUIRE_SERVERS=1: a missing server is a failure, not a skip.
bool RequireServers();

// A migrate process started in the background; its stdout and stderr go to files.
class Background {
 public:
  Background() = default;
  Background(pid_t pid, std::string out_path, std::string err_path)
      : pid_(pid), out_path_(std::move(out_path)), err_path_(std::move(err_path)) {}
  ~Background();
  Background(Background&& o) noexcept { *this = std::move(o); }
  Background& operator=(Background&& o) noexcept;

  pid_t pid() const { return pid_; }
  bool running();
  // Waits for the process; the exit code, or -signal when killed, or nullopt on timeout.
  std::optional<int> Wait(std::chrono::milliseconds timeout = std::chrono::seconds(120));
  void Kill(int sig);
  std::string Out() const;
  std::string Err() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::string out_path_, err_path_;
};

class TestDb {
 public:
  // Creates the database (and a temp dir with an empty migrations directory). On MariaDB without
  // a server, available() is false and skip_reason() says why.
  TestDb(Dialect dialect, const std::string& test_name);
  ~TestDb();
  TestDb(const TestDb&) = delete;
  TestDb& operator=(const TestDb&) = delete;

  bool available() const { return available_; }
  const std::string& skip_reason() const { return skip_reason_; }
  Dialect dialect() const { return dialect_; }
  bool mysql() const { return dialect_ == Dialect::kMysql; }
  const std::string& url() const { return url_; }
  const std::string& dir() const { return dir_; }     // the migrations directory
  const std::string& tmp() const { return tmp_; }     // the test's temp dir (cwd of migrate)
  const std::string& db_name() const { return db_name_; }

  // Picks the text for this test's dialect.
  std::string S(const std::string& mysql_text, const std::string& sqlite_text) const {
    return mysql() ? mysql_text : sqlite_text;
  }

  // Writes dir()/name (or removes it).
  void Write(const std::string& name, const std::string& text) const;
  void Remove(const std::string& name) const;
  std::string Read(const std::string& name) const;
  // Writes tmp()/migrate.toml, which migrate reads from its working directory.
  void WriteConfig(const std::string& text) const;

  // The argv of `migrate --database URL --dir DIR --app api ARGS…`.
  std::vector<std::string> Argv(const std::vector<std::string>& args) const;
  // Runs migrate in tmp() with the database environment variables removed.
  RunResult Migrate(const std::vector<std::string>& args, std::chrono::milliseconds timeout = std::chrono::seconds(120)) const;
  Background Start(const std::vector<std::string>& args) const;
  // Any program (argv[0] a path) in the background, in tmp(), without the database variables.
  Background StartProgram(std::vector<std::string> argv) const;

  // A new connection to the test database (SQLite: with a 10 s busy timeout).
  std::unique_ptr<Connection> Connect() const;
  // The test's own connection (opened on first use).
  Connection& conn();
  // Runs SQL on conn(); a failure fails the test (ADD_FAILURE) and returns false.
  bool Exec(const std::string& sql);
  // The first column of the first row of a query on conn(); "<error: …>" or "<no row>" otherwise.
  std::string Scalar(const std::string& sql);
  int64_t Int(const std::string& sql);
  // Names of migrate's state tables present in the database (migrate_%).
  std::vector<std::string> StateTables();
  // Fills table(id, v) style tables quickly: INSERT INTO table (cols) SELECT n, exprs… for n in 1..count.
  // `select_exprs` uses `n` for the sequence number, e.g. "n, n".
  bool FillSequence(const std::string& table, const std::string& cols, const std::string& select_exprs, int64_t count);

 private:
  Dialect dialect_;
  bool available_ = false;
  std::string skip_reason_;
  std::string url_, dir_, tmp_, db_name_;
  std::string admin_url_;  // MariaDB: the server URL the database was created from
  std::unique_ptr<Connection> conn_;
};

// Parameterised tests take the dialect; SetUp creates the database or skips.
class DbTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override;
  void TearDown() override { db_.reset(); }
  TestDb& db() { return *db_; }
  std::unique_ptr<TestDb> db_;
};

// For non-parameterised suites: creates the database in SetUp or skips.
class MysqlTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override { db_.reset(); }
  TestDb& db() { return *db_; }
  std::unique_ptr<TestDb> db_;
};

class SqliteTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override { db_.reset(); }
  TestDb& db() { return *db_; }
  std::unique_ptr<TestDb> db_;
};

// "mysql" / "sqlite", for test names.
std::string DialectParamName(const ::testing::TestParamInfo<Dialect>& info);

// Sleeps for `ms` milliseconds.
void SleepMs(int64_t ms);
// Polls `pred` every 50 ms until it holds or `timeout` passes; whether it held.
bool WaitFor(const std::function<bool()>& pred, std::chrono::milliseconds timeout);

// Whether `text` contains `needle`, for EXPECT_TRUE with a readable message.
::testing::AssertionResult Contains(const std::string& text, const std::string& needle);

}  // namespace migrate::dbtest
