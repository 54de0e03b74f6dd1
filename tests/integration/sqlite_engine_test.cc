// SQLite-specific engine behaviour: another connection holding the write lock (BEGIN IMMEDIATE)
// makes migrate retry on SQLITE_BUSY until it is released; a rowid table without a declared key
// is batched by rowid; the migrator lock file sits beside the database.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "integration/db_fixture.h"

namespace migrate::dbtest {
namespace {

TEST_F(SqliteTest, WriteLockHeldByAnotherConnectionIsRetried) {
  db().Write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, v INT NOT NULL);\n");
  RunResult r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  db().Write("0002_c.sql", "ALTER TABLE t ADD COLUMN c INT;\n");

  std::unique_ptr<Connection> blocker = db().Connect();
  ASSERT_TRUE(blocker);
  ASSERT_TRUE(blocker->Begin().ok());  // BEGIN IMMEDIATE: the write lock
  ASSERT_TRUE(blocker->Execute("INSERT INTO t (id, v) VALUES (1, 1)").ok());
  const auto start = std::chrono::steady_clock::now();
  std::thread release([&] {
    SleepMs(3000);
    EXPECT_TRUE(blocker->Commit().ok());
  });
  Background run = db().Start({"apply", "--lock-timeout", "1s"});
  std::optional<int> rc = run.Wait();
  release.join();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "[ busy ] apply finished " << secs << " s after the blocker took the write lock (held 3 s)\n";
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, 0) << run.Err();
  EXPECT_GE(secs, 2.9);
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM pragma_table_info('t') WHERE name = 'c'"), 1);
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM t"), 1);
}

// The same with the migration already recorded (a rerun after a failure), so the first write that
// meets the lock is the ALTER's own transaction: the executor retries it with backoff.
TEST_F(SqliteTest, DdlMeetingTheWriteLockIsRetriedWithBackoff) {
  db().Write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, v INT NOT NULL);\n");
  ASSERT_EQ(db().Migrate({"apply"}).exit_code, 0);
  db().Write("0002_c.sql", "ALTER TABLE t ADD COLUMN c INT;\n");
  ASSERT_TRUE(db().Exec("ALTER TABLE t ADD COLUMN c INT"));
  RunResult r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 5) << r.Describe();
  ASSERT_TRUE(db().Exec("ALTER TABLE t DROP COLUMN c"));

  std::unique_ptr<Connection> blocker = db().Connect();
  ASSERT_TRUE(blocker);
  ASSERT_TRUE(blocker->Begin().ok());
  ASSERT_TRUE(blocker->Execute("INSERT INTO t (id, v) VALUES (1, 1)").ok());
  std::thread release([&] {
    SleepMs(3000);
    EXPECT_TRUE(blocker->Commit().ok());
  });
  Background run = db().Start({"apply", "--lock-timeout", "1s"});
  std::optional<int> rc = run.Wait();
  release.join();
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, 0) << run.Err();
  EXPECT_TRUE(Contains(run.Err(), "database is locked"));
  EXPECT_TRUE(Contains(run.Err(), "retrying in"));
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM pragma_table_info('t') WHERE name = 'c'"), 1);
}

TEST_F(SqliteTest, RowidTableWithoutADeclaredKeyIsBatchedByRowid) {
  db().Write("0001_t.sql", "CREATE TABLE plain (v INT NOT NULL);\n");
  ASSERT_EQ(db().Migrate({"apply"}).exit_code, 0);
  ASSERT_TRUE(db().FillSequence("plain", "v", "n", 30));
  db().Write("0002_bump.sql", "-- migrate:backfill batch=7\nUPDATE plain SET v = v + 100;\n");
  RunResult r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "batches by its rowid"));
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM plain WHERE v = rowid + 100"), 30);
  EXPECT_EQ(db().Scalar("SELECT key_columns FROM migrate_backfill WHERE version = '0002'"), "[\"rowid\"]");
  EXPECT_EQ(db().Int("SELECT batches FROM migrate_backfill WHERE version = '0002'"), 5);
}

TEST_F(SqliteTest, MigratorLockFileSitsBesideTheDatabase) {
  db().Write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
  ASSERT_EQ(db().Migrate({"apply"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(db().tmp() + "/app.db.migrate-lock"));
  std::vector<std::string> tables = db().StateTables();
  std::vector<std::string> expected = {"migrate_backfill", "migrate_history",       "migrate_instances",
                                       "migrate_log",      "migrate_progress",      "migrate_state_version"};
  EXPECT_EQ(tables, expected);
}

}  // namespace
}  // namespace migrate::dbtest
