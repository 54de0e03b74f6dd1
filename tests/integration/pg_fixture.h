// The PostgreSQL integration fixture: each test gets a fresh database (mig_<test>_<pid>) created
// through MIGRATE_TEST_POSTGRES_URL and dropped at the end, a temporary migrations directory, and
// helpers to run the migrate binary in the foreground (RunBinary) or in the background (fork/exec
// with a pid, for SIGKILL, SIGINT and concurrency). Without MIGRATE_TEST_POSTGRES_URL the tests
// are skipped, unless MIGRATE_REQUIRE_SERVERS=1, when they fail.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "drivers/driver.h"
#include "e2e/run_binary.h"

namespace migrate::itest {

// A migrate process running in the background; stdout and stderr go to files.
class BackgroundProcess {
 public:
  BackgroundProcess(pid_t pid, std::string out_path, std::string err_path);
  ~BackgroundProcess();  // kills and reaps the child if it is still running
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int sig);
  // Whether it is still running (reaps it when it has ended).
  bool Running();
  // Waits until it ends (or the timeout passes: then SIGKILL) and returns how it ended.
  testing::RunResult Wait(std::chrono::milliseconds timeout = std::chrono::seconds(120));
  std::string Stderr() const;
  std::string Stdout() const;

 private:
  pid_t pid_;
  std::string out_path_, err_path_;
  bool reaped_ = false;
  int status_ = 0;
  std::chrono::steady_clock::time_point started_;
};

class PgTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The test database's URL and a new connection to it (application_name `app_name`).
  const std::string& url() const { return url_; }
  std::unique_ptr<Connection> Connect(const std::string& app_name = "migrate-itest");
  // Runs SQL on the fixture's own connection; fails the test (and returns empty rows) on error.
  Rows Sql(const std::string& sql);
  // The first column of the first row as text ("" when NULL or no row).
  std::string Scalar(const std::string& sql);
  int64_t Int(const std::string& sql);
  // Like Int, but `fallback` when the query fails (e.g. the state store does not exist yet).
  int64_t IntOr(const std::string& sql, int64_t fallback);
  bool SchemaExists(const std::string& schema);

  // Writes <dir>/<name> (the migrations directory).
  void WriteMigration(const std::string& name, const std::string& content);
  void RemoveMigration(const std::string& name);
  const std::string& dir() const { return dir_; }

  // The argv of `migrate <command> --database URL --dir DIR --app api <extra…>`.
  std::vector<std::string> MigrateArgv(const std::string& command, const std::vector<std::string>& extra = {});
  testing::RunResult Migrate(const std::string& command, const std::vector<std::string>& extra = {},
                             std::chrono::milliseconds timeout = std::chrono::seconds(120));
  std::unique_ptr<BackgroundProcess> StartMigrate(const std::string& command, const std::vector<std::string>& extra = {});
  // Any program in the background (argv[0] is searched on PATH), in the test's temp dir, with
  // `env` added to the environment.
  std::unique_ptr<BackgroundProcess> StartProcess(std::vector<std::string> argv,
                                                  const std::map<std::string, std::string>& env = {});

  // Polls `sql` (a scalar) until `pred` holds or the timeout passes; returns whether it held.
  template <typename Pred>
  bool PollUntil(Pred pred, std::chrono::milliseconds timeout, std::chrono::milliseconds every = std::chrono::milliseconds(50)) {
    auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      if (pred()) return true;
      std::this_thread::sleep_for(every);
    }
    return pred();
  }

  const std::string& tmp() const { return tmp_; }

  std::string db_name_;
  std::string url_;
  std::string admin_url_;
  std::string dir_;
  std::string tmp_;
  std::unique_ptr<Connection> conn_;
  bool created_ = false;
};

// `RunResult::Describe()` plus stdout, for assertion messages.
std::string Show(const testing::RunResult& r);

// Whether `haystack` contains `needle`, with both in the failure message.
::testing::AssertionResult PgContains(const std::string& haystack, const std::string& needle);
#define EXPECT_CONTAINS(haystack, needle) EXPECT_TRUE(::migrate::itest::PgContains((haystack), (needle)))
#define ASSERT_CONTAINS(haystack, needle) ASSERT_TRUE(::migrate::itest::PgContains((haystack), (needle)))

}  // namespace migrate::itest
