// The app load signal against real servers (PostgreSQL 15 and MariaDB): sessions holding an open
// transaction count as busy, migrate's own backfill session does not, a database with busy sessions
// starts the backfill at a quarter pace, and a quiet one at full speed. The signal runs in its
// inline mode (no sampling thread), so each reading is five samples taken at once.
//
// Without MIGRATE_TEST_POSTGRES_URL / MIGRATE_TEST_MYSQL_URL a dialect's test skips (fails with
// MIGRATE_REQUIRE_SERVERS=1).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <memory>
#include <string>
#include <vector>

#include "drivers/driver.h"
#include "engine/clock.h"
#include "engine/throttle/signals/app_load.h"

namespace migrate {
namespace {

class AppLoadIntegration : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    const char* var = GetParam() == Dialect::kPostgres ? "MIGRATE_TEST_POSTGRES_URL" : "MIGRATE_TEST_MYSQL_URL";
    const char* env = std::getenv(var);
    if (env == nullptr || *env == '\0') {
      const char* req = std::getenv("MIGRATE_REQUIRE_SERVERS");
      if (req != nullptr && std::string(req) == "1") FAIL() << var << " is not set";
      GTEST_SKIP() << var << " is not set (scripts/dev-db env)";
    }
    Result<DatabaseUrl> url = ParseDatabaseUrl(env);
    ASSERT_TRUE(url.ok()) << url.status().message();
    url_ = *url;
    admin_ = Open();
    ASSERT_TRUE(admin_);
    // A transaction shows in MySQL's INNODB_TRX once it touches an InnoDB table.
    ASSERT_TRUE(admin_->Execute("DROP TABLE IF EXISTS app_load_t").ok());
    ASSERT_TRUE(admin_->Execute("CREATE TABLE app_load_t (id INT PRIMARY KEY)").ok());
  }
  void TearDown() override {
    if (admin_) (void)admin_->Execute("DROP TABLE IF EXISTS app_load_t");
  }
  std::unique_ptr<Connection> Open() {
    Result<std::unique_ptr<Connection>> c = Connect(url_, {});
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.ok() ? std::move(c).value() : nullptr;
  }
  std::unique_ptr<AppLoadSignal> MakeSignal(Connection* backfill) {
    AppLoadSignal::Options options;
    options.interval = Millis(0);
    options.max_ratio = 1.5;
    options.min_excess = 0.5;
    return std::make_unique<AppLoadSignal>(Open(), backfill, options, &clock_);
  }
  // Opens a transaction that has done something, as an application between two statements.
  std::unique_ptr<Connection> OpenTransaction() {
    std::unique_ptr<Connection> c = Open();
    if (!c) return nullptr;
    EXPECT_TRUE(c->Begin().ok());
    EXPECT_TRUE(c->Query("SELECT COUNT(*) FROM app_load_t").ok());
    return c;
  }

  // MariaDB refreshes INNODB_TRX at most every 0.1 s.
  static void Settle() { std::this_thread::sleep_for(std::chrono::milliseconds(250)); }

  DatabaseUrl url_;
  SystemClock clock_;
  std::unique_ptr<Connection> admin_;
};

// Other tests' servers may have stray sessions; the checks are relative to what the signal saw
// before, so they hold whatever else is connected, as long as it stays idle.
TEST_P(AppLoadIntegration, OpenTransactionsCountAndTheBackfillSessionDoesNot) {
  std::unique_ptr<Connection> backfill = Open();
  ASSERT_TRUE(backfill);
  ASSERT_TRUE(backfill->Begin().ok());  // migrate's own transaction: never counted
  ASSERT_TRUE(backfill->Query("SELECT COUNT(*) FROM app_load_t").ok());

  std::vector<std::unique_ptr<Connection>> app;
  app.push_back(OpenTransaction());
  app.push_back(OpenTransaction());
  Settle();
  std::unique_ptr<AppLoadSignal> signal = MakeSignal(backfill.get());
  ASSERT_TRUE(signal->Start().ok());
  const double baseline = signal->baseline();
  EXPECT_GE(baseline, 2);
  EXPECT_EQ(signal->StartPace(), AppLoadSignal::kBusyStartPace);
  SignalReading same = signal->Read();
  ASSERT_TRUE(same.readable) << same.detail;
  EXPECT_EQ(same.value, 0) << same.Describe();

  // Two more sessions in a transaction: 4 against a baseline of 2 is over 1.5x.
  app.push_back(OpenTransaction());
  app.push_back(OpenTransaction());
  Settle();
  SignalReading busier = signal->Read();
  ASSERT_TRUE(busier.readable) << busier.detail;
  EXPECT_GE(busier.value, 2) << busier.Describe();
  EXPECT_GT(busier.Load(), 1) << busier.Describe();

  for (auto& c : app) ASSERT_TRUE(c->Commit().ok());
  Settle();
  SignalReading idle = signal->Read();
  EXPECT_EQ(idle.value, 0) << idle.Describe();
  ASSERT_TRUE(backfill->Commit().ok());
}

TEST_P(AppLoadIntegration, AQuietDatabaseStartsAtFullSpeed) {
  std::unique_ptr<Connection> backfill = Open();
  ASSERT_TRUE(backfill);
  std::unique_ptr<AppLoadSignal> signal = MakeSignal(backfill.get());
  ASSERT_TRUE(signal->Start().ok());
  if (signal->baseline() > 0) GTEST_SKIP() << "another client is busy on the test server";
  EXPECT_EQ(signal->StartPace(), 1);
  EXPECT_EQ(signal->Read().Load(), 0);
}

std::string Name(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kPostgres ? "Postgres" : "Mysql";
}

INSTANTIATE_TEST_SUITE_P(Servers, AppLoadIntegration, ::testing::Values(Dialect::kPostgres, Dialect::kMysql), Name);

}  // namespace
}  // namespace migrate
