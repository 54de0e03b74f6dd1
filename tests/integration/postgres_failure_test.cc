// Failures on PostgreSQL 15: a statement failing in the middle of a migration (recorded, rerun
// continues at it), SIGINT during a long statement (exit 5, recorded, lock released, rerun
// finishes), and a CREATE INDEX CONCURRENTLY that left an INVALID index behind (dropped and
// rebuilt on the rerun).
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>

#include "integration/pg_fixture.h"

namespace migrate::itest {
namespace {

using namespace std::chrono_literals;

class PostgresFailure : public PgTest {};

TEST_F(PostgresFailure, FailedStatementIsRecordedAndRerunContinuesFromIt) {
  WriteMigration("0001_log.sql", "-- migrate:expand\nCREATE TABLE runlog (id bigserial PRIMARY KEY, what text);\n");
  ASSERT_EQ(Migrate("apply").exit_code, 0);
  WriteMigration("0002_three.sql",
                 "-- migrate:expand\n"
                 "INSERT INTO runlog (what) VALUES ('statement 1');\n"
                 "CREATE TABLE blocker (id int);\n"
                 "CREATE TABLE after_blocker (id int);\n");
  // The database's state makes statement 2 fail: the table exists already.
  Sql("CREATE TABLE blocker (other text)");

  auto a = Migrate("apply");
  EXPECT_EQ(a.exit_code, 5) << Show(a);
  EXPECT_CONTAINS(a.err, "0002_three.sql:3:1");
  EXPECT_CONTAINS(a.err, "already exists");
  EXPECT_EQ(Int("SELECT count(*) FROM runlog"), 1);
  EXPECT_EQ(Int("SELECT count(*) FROM pg_tables WHERE tablename = 'after_blocker'"), 0);
  EXPECT_EQ(Scalar("SELECT phase FROM migrate.history WHERE version = '0002'"), "expanding");
  EXPECT_EQ(Int("SELECT failed_statement FROM migrate.history WHERE version = '0002'"), 1);

  auto st = Migrate("status");
  EXPECT_EQ(st.exit_code, 0) << Show(st);
  EXPECT_CONTAINS(st.out, "0002_three.sql  expanding");
  EXPECT_CONTAINS(st.out, "failed at ");
  EXPECT_CONTAINS(st.out, "0002_three.sql:3:1");
  EXPECT_CONTAINS(st.out, "already exists");
  auto stj = Migrate("status", {"--format", "json"});
  nlohmann::json j = nlohmann::json::parse(stj.out);
  EXPECT_TRUE(j["migrations"][1]["failed_at"].get<std::string>().find("0002_three.sql:3:1") != std::string::npos)
      << stj.out;

  // Still failing: the same statement, statement 1 still not repeated.
  auto b = Migrate("apply");
  EXPECT_EQ(b.exit_code, 5) << Show(b);
  EXPECT_EQ(Int("SELECT count(*) FROM runlog"), 1);

  // Fix the cause; the rerun continues at statement 2.
  Sql("DROP TABLE blocker");
  auto c = Migrate("apply");
  ASSERT_EQ(c.exit_code, 0) << Show(c);
  EXPECT_EQ(Int("SELECT count(*) FROM runlog"), 1) << "statement 1 must not run again";
  EXPECT_EQ(Int("SELECT count(*) FROM pg_tables WHERE tablename IN ('blocker', 'after_blocker')"), 2);
  EXPECT_EQ(Scalar("SELECT phase FROM migrate.history WHERE version = '0002'"), "backfilled");
  EXPECT_EQ(Scalar("SELECT coalesce(error_message, 'none') FROM migrate.history WHERE version = '0002'"), "none");
  auto st2 = Migrate("status");
  EXPECT_EQ(st2.out.find("  failed"), std::string::npos) << st2.out;
}

TEST_F(PostgresFailure, SigintDuringALongStatementExits5RecordsAndReleasesTheLock) {
  Sql("CREATE TABLE slowctl (on_ int)");
  Sql("INSERT INTO slowctl VALUES (1)");
  WriteMigration("0001_slow.sql",
                 "-- migrate:expand\n"
                 "CREATE TABLE before_sleep (id int);\n"
                 "SELECT pg_sleep(CASE WHEN (SELECT count(*) FROM slowctl) > 0 THEN 60 ELSE 0 END);\n"
                 "CREATE TABLE after_sleep (id int);\n");
  auto p = StartMigrate("apply");
  ASSERT_TRUE(PollUntil([&] {
    return Int("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(CASE%'") > 0;
  }, 30s)) << p->Stderr();
  auto sent = std::chrono::steady_clock::now();
  p->Signal(SIGINT);
  auto r = p->Wait(30s);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
  std::cout << "[sigint] apply exited " << took << " s after SIGINT\n";
  ASSERT_TRUE(r.exited) << Show(r);
  EXPECT_EQ(r.exit_code, 5) << Show(r);
  EXPECT_LT(took, 10.0);
  EXPECT_CONTAINS(r.err, "0001_slow.sql:3");
  EXPECT_EQ(Int("SELECT failed_statement FROM migrate.history WHERE version = '0001'"), 1);
  EXPECT_NE(Scalar("SELECT coalesce(error_message, '') FROM migrate.history WHERE version = '0001'"), "");
  EXPECT_EQ(Int("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(CASE%'"), 0)
      << "the statement must be cancelled on the server";
  EXPECT_EQ(Int("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                "(SELECT oid FROM pg_database WHERE datname = current_database())"), 0) << "the migrator lock is released";

  // The lock is free at once, and the rerun finishes from statement 2.
  Sql("DELETE FROM slowctl");
  auto again = Migrate("apply", {"--lock-wait", "1s"});
  ASSERT_EQ(again.exit_code, 0) << Show(again);
  EXPECT_EQ(Int("SELECT count(*) FROM pg_tables WHERE tablename IN ('before_sleep', 'after_sleep')"), 2);
  EXPECT_EQ(Scalar("SELECT phase FROM migrate.history WHERE version = '0001'"), "backfilled");
}

TEST_F(PostgresFailure, SigintDuringABackfillExits5AndTheRerunResumes) {
  Sql("CREATE TABLE big (id bigint PRIMARY KEY, v int NOT NULL, updates int NOT NULL DEFAULT 0)");
  Sql("INSERT INTO big (id, v) SELECT g, g FROM generate_series(1, 200000) g");
  Sql("CREATE FUNCTION count_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updates := OLD.updates + 1; "
      "RETURN NEW; END $$");
  Sql("CREATE TRIGGER big_count BEFORE UPDATE ON big FOR EACH ROW EXECUTE FUNCTION count_update()");
  WriteMigration("0001_bump.sql",
                 "-- migrate:backfill batch=500\n"
                 "UPDATE big SET v = v + 1;\n");
  auto p = StartMigrate("apply");
  ASSERT_TRUE(PollUntil([&] {
    return IntOr("SELECT coalesce(max(rows_done), 0) FROM migrate.backfill", 0) > 5000;
  }, 60s)) << p->Stderr();
  p->Signal(SIGINT);
  auto r = p->Wait(30s);
  ASSERT_TRUE(r.exited) << Show(r);
  EXPECT_EQ(r.exit_code, 5) << Show(r);
  EXPECT_CONTAINS(r.err, "cancel");
  EXPECT_EQ(Scalar("SELECT phase FROM migrate.history WHERE version = '0001'"), "backfilling");
  int64_t done_at_stop = Int("SELECT rows_done FROM migrate.backfill");
  EXPECT_EQ(Int("SELECT count(*) FROM big WHERE updates = 1"), done_at_stop);

  auto again = Migrate("apply", {"--lock-wait", "1s"});
  ASSERT_EQ(again.exit_code, 0) << Show(again);
  EXPECT_CONTAINS(again.err, "resuming");
  EXPECT_EQ(Int("SELECT count(*) FROM big WHERE updates <> 1 OR v <> id + 1"), 0);
  EXPECT_EQ(Scalar("SELECT phase FROM migrate.history WHERE version = '0001'"), "backfilled");
}

TEST_F(PostgresFailure, ExplicitTransactionBlockIsOneStep) {
  WriteMigration("0001_log.sql", "-- migrate:expand\nCREATE TABLE runlog (id bigserial PRIMARY KEY, what text);\n");
  ASSERT_EQ(Migrate("apply").exit_code, 0);
  WriteMigration("0002_block.sql",
                 "-- migrate:expand\n"
                 "BEGIN;\n"
                 "INSERT INTO runlog (what) VALUES ('in block');\n"
                 "CREATE TABLE blocker (id int);\n"
                 "COMMIT;\n"
                 "CREATE TABLE after_block (id int);\n");
  Sql("CREATE TABLE blocker (other text)");
  auto a = Migrate("apply");
  EXPECT_EQ(a.exit_code, 5) << Show(a);
  EXPECT_CONTAINS(a.err, "0002_block.sql:4:1");
  EXPECT_EQ(Int("SELECT count(*) FROM runlog"), 0) << "the block rolls back as a whole";
  Sql("DROP TABLE blocker");
  auto b = Migrate("apply");
  ASSERT_EQ(b.exit_code, 0) << Show(b);
  EXPECT_EQ(Int("SELECT count(*) FROM runlog"), 1);
  EXPECT_EQ(Int("SELECT count(*) FROM pg_tables WHERE tablename IN ('blocker', 'after_block')"), 2);
}

TEST_F(PostgresFailure, InvalidConcurrentIndexIsDroppedAndRebuilt) {
  Sql("CREATE TABLE codes (id bigint PRIMARY KEY, code text)");
  Sql("INSERT INTO codes SELECT g, 'c' || (g % 1000) FROM generate_series(1, 3000) g");
  WriteMigration("0001_unique_code.sql",
                 "-- migrate:expand\n"
                 "CREATE UNIQUE INDEX CONCURRENTLY codes_code_key ON codes (code);\n");

  auto plan = Migrate("plan");
  EXPECT_CONTAINS(plan.out, "autocommit (CREATE INDEX CONCURRENTLY cannot run in a transaction)");
  EXPECT_CONTAINS(plan.out, "lock timeout none");

  // Duplicates: the concurrent build fails and leaves an INVALID index.
  auto a = Migrate("apply");
  EXPECT_EQ(a.exit_code, 5) << Show(a);
  EXPECT_CONTAINS(a.err, "0001_unique_code.sql:2:1");
  EXPECT_EQ(Scalar("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'codes_code_key'::regclass"), "false");

  // Fix the data; the rerun drops the INVALID index and builds it again.
  Sql("DELETE FROM codes WHERE id > 1000");
  auto b = Migrate("apply");
  ASSERT_EQ(b.exit_code, 0) << Show(b);
  EXPECT_CONTAINS(b.err, "INVALID");
  EXPECT_EQ(Scalar("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'codes_code_key'::regclass"), "true");
  EXPECT_EQ(Int("SELECT count(*) FROM pg_indexes WHERE tablename = 'codes'"), 2);
}

TEST_F(PostgresFailure, InvalidIndexLeftBeforeTheFirstRunIsRebuilt) {
  // An INVALID index of the same name left by some earlier attempt outside migrate's records.
  Sql("CREATE TABLE codes (id bigint PRIMARY KEY, code text)");
  Sql("INSERT INTO codes SELECT g, 'c' || (g % 10) FROM generate_series(1, 100) g");
  Result<Rows> failed = conn_->Query("CREATE UNIQUE INDEX CONCURRENTLY codes_code_key ON codes (code)");
  ASSERT_FALSE(failed.ok());
  ASSERT_EQ(Scalar("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'codes_code_key'::regclass"), "false");
  Sql("DELETE FROM codes WHERE id > 10");
  WriteMigration("0001_unique_code.sql",
                 "-- migrate:expand\n"
                 "CREATE UNIQUE INDEX CONCURRENTLY codes_code_key ON codes (code);\n");
  auto b = Migrate("apply");
  ASSERT_EQ(b.exit_code, 0) << Show(b);
  EXPECT_EQ(Scalar("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'codes_code_key'::regclass"), "true");
}

}  // namespace
}  // namespace migrate::itest
