// Concurrency on PostgreSQL 15: one migrator at a time (the advisory lock; the second exits 4
// naming the holder), and the lock-timeout policy: a DDL blocked by a long transaction is retried
// with a short lock_timeout, so application queries never queue behind it for longer than that.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "integration/pg_fixture.h"

namespace migrate::itest {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

double Seconds(SteadyClock::duration d) { return std::chrono::duration<double>(d).count(); }

class PostgresConcurrency : public PgTest {
 protected:
  int64_t AdvisoryLocks() {
    return Int("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = "
               "(SELECT oid FROM pg_database WHERE datname = current_database())");
  }
};

TEST_F(PostgresConcurrency, TwoAppliesAtOnceExactlyOneRuns) {
  WriteMigration("0001_slow.sql",
                 "-- migrate:expand\n"
                 "CREATE TABLE runlog (id bigserial PRIMARY KEY, what text);\n"
                 "INSERT INTO runlog (what) VALUES ('ran');\n"
                 "SELECT pg_sleep(4);\n");
  auto lint = testing::RunBinary({MIGRATE_BINARY, "lint", "--dialect", "postgres", dir()});
  ASSERT_EQ(lint.exit_code, 0) << "SELECT pg_sleep(4) lints clean: " << Show(lint);

  auto first = StartMigrate("apply");
  ASSERT_TRUE(PollUntil([&] { return AdvisoryLocks() > 0; }, 30s)) << first->Stderr();
  std::this_thread::sleep_for(500ms);
  auto second = Migrate("apply", {"--lock-wait", "1s"});
  EXPECT_EQ(second.exit_code, 4) << Show(second);
  EXPECT_CONTAINS(second.err, "another migrator holds");
  EXPECT_CONTAINS(second.err, "backend pid");
  EXPECT_CONTAINS(second.err, "application_name 'migrate'");
  EXPECT_LT(second.seconds, 10.0);

  auto r = first->Wait(60s);
  ASSERT_EQ(r.exit_code, 0) << Show(r);
  EXPECT_EQ(Int("SELECT count(*) FROM runlog"), 1) << "the migration's side effects happen once";
  EXPECT_EQ(AdvisoryLocks(), 0);
  auto third = Migrate("apply", {"--lock-wait", "1s"});
  EXPECT_EQ(third.exit_code, 0) << Show(third);
  EXPECT_CONTAINS(third.out, "nothing to apply");
  EXPECT_EQ(Int("SELECT count(*) FROM runlog"), 1);
}

TEST_F(PostgresConcurrency, BlockedDdlRetriesWithShortLockTimeoutAndDoesNotQueueApps) {
  WriteMigration("0001_t.sql",
                 "-- migrate:expand\n"
                 "CREATE TABLE t (id bigint PRIMARY KEY, v int);\n"
                 "INSERT INTO t (id, v) VALUES (1, 1), (2, 2), (3, 3);\n");
  ASSERT_EQ(Migrate("apply").exit_code, 0);
  WriteMigration("0002_add_c.sql", "-- migrate:expand\nALTER TABLE t ADD COLUMN c int;\n");

  // The blocker: a transaction holding ACCESS SHARE on t for ~5 s.
  constexpr auto kHold = 5s;
  std::unique_ptr<Connection> blocker = Connect("blocker");
  ASSERT_NE(blocker, nullptr);
  ASSERT_TRUE(blocker->Begin().ok());
  ASSERT_TRUE(blocker->Query("SELECT * FROM t LIMIT 1").ok());
  const auto blocker_start = SteadyClock::now();
  std::atomic<int64_t> released_ns{0};
  std::thread holder([&] {
    std::this_thread::sleep_for(kHold);
    (void)blocker->Commit();
    released_ns = SteadyClock::now().time_since_epoch().count();
  });

  auto migrator = StartMigrate("apply", {"--lock-timeout", "200ms", "-v"});
  // Wait until migrate has given up at least once (it is now retrying).
  bool retrying = PollUntil([&] { return migrator->Stderr().find("retrying") != std::string::npos; }, 4s, 20ms);
  EXPECT_TRUE(retrying) << migrator->Stderr();

  // The "application" reads t while migrate is retrying.
  std::unique_ptr<Connection> app = Connect("api@2.0.0");
  ASSERT_NE(app, nullptr);
  double worst = 0;
  for (int i = 0; i < 5 && SteadyClock::now() - blocker_start < kHold - 1s; ++i) {
    auto q0 = SteadyClock::now();
    Result<Rows> r = app->Query("SELECT count(*) FROM t");
    double waited = Seconds(SteadyClock::now() - q0);
    ASSERT_TRUE(r.ok()) << r.status().message();
    worst = std::max(worst, waited);
    std::this_thread::sleep_for(150ms);
  }
  const bool blocker_still_held = released_ns.load() == 0;
  holder.join();
  auto res = migrator->Wait(120s);
  const auto migrate_end = SteadyClock::now();
  const double held = Seconds(SteadyClock::time_point(SteadyClock::duration(released_ns.load())) - blocker_start);
  const double after = Seconds(migrate_end - SteadyClock::time_point(SteadyClock::duration(released_ns.load())));
  std::cout << "[lock-timeout] app query waited " << worst << " s (worst of up to 5 reads); blocker held " << held
            << " s; migrate exited " << after << " s after the blocker ended\n";

  ASSERT_EQ(res.exit_code, 0) << Show(res);
  EXPECT_CONTAINS(res.err, "retrying");
  EXPECT_CONTAINS(res.err, "lock timeout");
  EXPECT_TRUE(blocker_still_held) << "the reads must have happened while the blocker held its lock";
  EXPECT_LT(worst, Seconds(kHold) / 2) << "the app query queued behind the DDL";
  EXPECT_GT(after, 0.0) << "the DDL cannot finish before the blocker released";
  EXPECT_EQ(Int("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'c'"), 1);
}

TEST_F(PostgresConcurrency, DdlGivesUpAfterDdlRetryFor) {
  WriteMigration("0001_t.sql", "-- migrate:expand\nCREATE TABLE t (id bigint PRIMARY KEY);\n");
  ASSERT_EQ(Migrate("apply").exit_code, 0);
  WriteMigration("0002_add_c.sql", "-- migrate:expand\nALTER TABLE t ADD COLUMN c int;\n");
  std::unique_ptr<Connection> blocker = Connect("blocker");
  ASSERT_TRUE(blocker->Begin().ok());
  ASSERT_TRUE(blocker->Query("SELECT * FROM t LIMIT 1").ok());
  auto r = Migrate("apply", {"--lock-timeout", "100ms", "--ddl-retry-for", "2s"});
  (void)blocker->Rollback();
  EXPECT_EQ(r.exit_code, 5) << Show(r);
  EXPECT_CONTAINS(r.err, "gave up");
  EXPECT_CONTAINS(r.err, "0002_add_c.sql:2:1");
  EXPECT_EQ(Int("SELECT failed_statement FROM migrate.history WHERE version = '0002'"), 0);
  auto again = Migrate("apply");
  EXPECT_EQ(again.exit_code, 0) << Show(again);
}

}  // namespace
}  // namespace migrate::itest
