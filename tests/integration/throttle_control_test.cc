// Live control and the custom throttle query on MariaDB and SQLite (the PostgreSQL side is
// postgres_throttle_test.cc): `migrate control pause|resume|set` and the pause file stop and restart
// a running backfill without a restart, and a --throttle-query above its max holds it until the
// number drops. Every row is backfilled exactly once either way.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <iostream>
#include <string>

#include "integration/db_fixture.h"

namespace migrate::dbtest {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

class ThrottleControlTest : public DbTest {
 protected:
  // t(id, v): `rows` rows; the backfill adds 1 to v, batch=`batch`.
  void MakeTable(int64_t rows, int64_t batch) {
    db().Write("0001_t.sql", db().S("CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v INT NOT NULL);\n",
                                    "CREATE TABLE t (id INTEGER PRIMARY KEY, v INT NOT NULL);\n"));
    RunResult r = db().Migrate({"apply"});
    ASSERT_EQ(r.exit_code, 0) << r.Describe();
    ASSERT_TRUE(db().FillSequence("t", "id, v", "n, n", rows));
    db().Write("0002_bump.sql", "-- migrate:backfill batch=" + std::to_string(batch) + "\nUPDATE t SET v = v + 1;\n");
  }
  int64_t RowsDone() {
    std::string v = db().Scalar("SELECT COALESCE(MAX(rows_done), 0) FROM migrate_backfill WHERE version = '0002'");
    return v.empty() || v[0] == '<' ? 0 : std::stoll(v);
  }
  // rows_done holds still for `hold` (after `settle` for a batch in flight); returns it.
  int64_t ExpectNoProgressFor(std::chrono::milliseconds hold, std::chrono::milliseconds settle = 700ms) {
    SleepMs(settle.count());
    const int64_t at = RowsDone();
    auto end = SteadyClock::now() + hold;
    while (SteadyClock::now() < end) {
      EXPECT_EQ(RowsDone(), at) << "the backfill advanced while paused";
      SleepMs(100);
    }
    return at;
  }
  void ExpectAllRowsOnce(int64_t rows) {
    EXPECT_EQ(db().Int("SELECT COUNT(*) FROM t WHERE v = id + 1"), rows);
    EXPECT_EQ(db().Int("SELECT rows_done FROM migrate_backfill WHERE version = '0002'"), rows);
  }
};

TEST_P(ThrottleControlTest, ControlPauseResumeAndSet) {
  const int64_t rows = 12'000;
  MakeTable(rows, 200);
  const std::string ctl = db().tmp() + "/ctl";
  Background run = db().Start({"apply", "--control-file", ctl, "--max-rows-per-second", "2000", "--format", "json"});
  ASSERT_TRUE(WaitFor([&] { return RowsDone() >= 1000; }, 60s)) << run.Err();

  RunResult pause = db().Migrate({"control", "pause", "--control-file", ctl});
  ASSERT_EQ(pause.exit_code, 0) << pause.Describe();
  const int64_t held = ExpectNoProgressFor(2s);
  EXPECT_LT(held, rows);
  EXPECT_TRUE(Contains(run.Err(), "pause = true in " + ctl));

  RunResult resume = db().Migrate({"control", "resume", "--control-file", ctl});
  ASSERT_EQ(resume.exit_code, 0) << resume.Describe();
  ASSERT_TRUE(WaitFor([&] { return RowsDone() > held; }, 10s)) << "did not resume:\n" << run.Err();

  // A lower ceiling slows it down; removing it lets it finish at once.
  RunResult slower = db().Migrate({"control", "set", "max-rows-per-second=500", "--control-file", ctl});
  ASSERT_EQ(slower.exit_code, 0) << slower.Describe();
  SleepMs(800);
  const int64_t r0 = RowsDone();
  auto t0 = SteadyClock::now();
  SleepMs(3000);
  const double rate = static_cast<double>(RowsDone() - r0) / std::chrono::duration<double>(SteadyClock::now() - t0).count();
  std::cout << "[control " << DialectName(db().dialect()) << "] rows/s after `control set max-rows-per-second=500`: " << rate
            << "\n";
  EXPECT_GT(rate, 150);
  EXPECT_LT(rate, 900);
  ASSERT_EQ(db().Migrate({"control", "set", "max-rows-per-second=0", "--control-file", ctl}).exit_code, 0);

  std::optional<int> rc = run.Wait(120s);
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, 0) << run.Err();
  ExpectAllRowsOnce(rows);
}

TEST_P(ThrottleControlTest, PauseFile) {
  const int64_t rows = 10'000;
  MakeTable(rows, 200);
  const std::string pause = db().tmp() + "/pause";
  Background run = db().Start({"apply", "--pause-file", pause, "--max-rows-per-second", "2000"});
  ASSERT_TRUE(WaitFor([&] { return RowsDone() >= 1000; }, 60s)) << run.Err();
  { std::ofstream touch(pause); }
  const int64_t held = ExpectNoProgressFor(2s);
  EXPECT_LT(held, rows);
  std::filesystem::remove(pause);
  ASSERT_TRUE(WaitFor([&] { return RowsDone() > held; }, 10s)) << "did not resume:\n" << run.Err();
  std::optional<int> rc = run.Wait(120s);
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, 0) << run.Err();
  EXPECT_TRUE(Contains(run.Err(), "pause file " + pause + " exists"));
  ExpectAllRowsOnce(rows);
}

TEST_P(ThrottleControlTest, ThrottleQueryHoldsTheBackfillUntilItDrops) {
  const int64_t rows = 3'000;
  MakeTable(rows, 500);
  ASSERT_TRUE(db().Exec("CREATE TABLE pause_flag (id INT)"));
  ASSERT_TRUE(db().Exec("INSERT INTO pause_flag VALUES (1)"));
  Background run = db().Start({"apply", "--throttle-query", "SELECT COUNT(*) FROM pause_flag", "--throttle-query-max",
                               "0.5", "--format", "json"});
  ASSERT_TRUE(WaitFor([&] { return run.Err().find("\"state\":\"paused\"") != std::string::npos; }, 30s)) << run.Err();
  EXPECT_EQ(ExpectNoProgressFor(2s, 0ms), 0);
  EXPECT_TRUE(Contains(run.Err(), "paused: throttle query 1 > 0.5"));
  ASSERT_TRUE(db().Exec("DELETE FROM pause_flag"));
  std::optional<int> rc = run.Wait(120s);
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, 0) << run.Err();
  ExpectAllRowsOnce(rows);
}

TEST_P(ThrottleControlTest, ReplicasAreRefusedOnSqliteAndAMissingReplicaFailsOnMariadb) {
  MakeTable(100, 50);
  const std::string replica =
      db().mysql() ? "mysql://migrate:secret@127.0.0.1:1/migrate_test" : "sqlite:replica.db";
  RunResult r = db().Migrate({"apply", "--replica", replica});
  EXPECT_NE(r.exit_code, 0) << r.Describe();
  if (!db().mysql()) {
    EXPECT_TRUE(Contains(r.err, "SQLite has no replicas"));
  }
  EXPECT_FALSE(Contains(r.err, "secret")) << "the password is redacted";
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM t WHERE v = id + 1"), 0);
}

INSTANTIATE_TEST_SUITE_P(Mysql, ThrottleControlTest, ::testing::Values(Dialect::kMysql), DialectParamName);
INSTANTIATE_TEST_SUITE_P(Sqlite, ThrottleControlTest, ::testing::Values(Dialect::kSqlite), DialectParamName);

}  // namespace
}  // namespace migrate::dbtest
