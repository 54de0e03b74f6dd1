// Backfills on PostgreSQL 15: kill -9 in the middle of a large keyed backfill and a rerun (every
// row processed exactly once: a BEFORE UPDATE trigger counts updates), a composite primary key,
// and a table without a usable key (refused with a clear error).
// MIGRATE_TEST_BACKFILL_ROWS sets the size of the kill -9 table (default 1,000,000).
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "integration/pg_fixture.h"

namespace migrate::itest {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

int64_t BackfillRows() {
  const char* v = std::getenv("MIGRATE_TEST_BACKFILL_ROWS");
  if (v != nullptr && *v != '\0') return std::max<int64_t>(1000, std::atoll(v));
  return 1'000'000;
}

class PostgresBackfill : public PgTest {
 protected:
  int64_t RowsDone() {
    return IntOr("SELECT coalesce(max(rows_done), 0) FROM migrate.backfill", 0);
  }
};

TEST_F(PostgresBackfill, KillDashNineMidBackfillThenRerunProcessesEveryRowOnce) {
  const int64_t rows = BackfillRows();
  const int64_t kill_after = std::max<int64_t>(rows / 10, 1);
  auto setup0 = SteadyClock::now();
  Sql("CREATE TABLE items (id bigint PRIMARY KEY, v int NOT NULL, updates int NOT NULL DEFAULT 0)");
  Sql("INSERT INTO items (id, v) SELECT g, g % 1000 FROM generate_series(1, " + std::to_string(rows) + ") g");
  Sql("CREATE FUNCTION count_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updates := OLD.updates + 1; "
      "RETURN NEW; END $$");
  Sql("CREATE TRIGGER items_count BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION count_update()");
  Sql("VACUUM ANALYZE items");
  std::cout << "[backfill] setup of " << rows << " rows took "
            << std::chrono::duration<double>(SteadyClock::now() - setup0).count() << " s\n";

  WriteMigration("0001_items.sql",
                 "-- migrate:expand\n"
                 "ALTER TABLE items ADD COLUMN note text;\n"
                 "\n"
                 "-- migrate:backfill batch=2000\n"
                 "UPDATE items SET v = v + 1;\n");

  auto t0 = SteadyClock::now();
  auto first = StartMigrate("apply");
  const bool progressed = PollUntil([&] { return RowsDone() > kill_after; }, 300s, 20ms);
  ASSERT_TRUE(progressed) << first->Stderr();
  first->Signal(SIGKILL);
  auto killed = first->Wait(30s);
  const double first_run = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  ASSERT_FALSE(killed.exited) << Show(killed);
  ASSERT_EQ(killed.term_signal, SIGKILL);
  const int64_t done_at_kill = RowsDone();
  EXPECT_LT(done_at_kill, rows) << "killed too late to test a resume";
  EXPECT_EQ(Scalar("SELECT phase FROM migrate.history WHERE version = '0001'"), "backfilling");

  // The state after the kill agrees with the table: exactly the checkpointed rows were updated.
  // (The killed backend may still be rolling back its last batch: wait for it.)
  ASSERT_TRUE(PollUntil([&] { return Int("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'migrate' "
                                         "AND datname = current_database()") == 0; },
                        30s));
  EXPECT_EQ(Int("SELECT count(*) FROM items WHERE updates = 1"), done_at_kill);

  auto st = Migrate("status");
  EXPECT_CONTAINS(st.out, "in progress or interrupted");

  auto t1 = SteadyClock::now();
  auto second = Migrate("backfill", {}, 600s);
  const double second_run = std::chrono::duration<double>(SteadyClock::now() - t1).count();
  ASSERT_EQ(second.exit_code, 0) << Show(second);
  EXPECT_CONTAINS(second.err, "resuming the backfill of items");
  EXPECT_CONTAINS(second.out, "0001_items.sql: backfilled");

  const double total = first_run + second_run;
  std::cout << "[backfill] " << rows << " rows, batch 2000: killed after " << done_at_kill << " rows (" << first_run
            << " s), resumed run " << second_run << " s; total " << total << " s, " << static_cast<int64_t>(rows / total)
            << " rows/s\n";

  EXPECT_EQ(Int("SELECT count(*) FROM items WHERE updates <> 1"), 0) << "every row updated exactly once";
  EXPECT_EQ(Int("SELECT count(*) FROM items WHERE v <> id % 1000 + 1"), 0);
  EXPECT_EQ(Scalar("SELECT phase FROM migrate.history WHERE version = '0001'"), "backfilled");
  EXPECT_EQ(Int("SELECT rows_done FROM migrate.backfill WHERE version = '0001'"), rows);
  EXPECT_EQ(Int("SELECT done FROM migrate.backfill WHERE version = '0001'"), 1);
  std::cout << "[backfill] resume check: rows with updates <> 1: " << Int("SELECT count(*) FROM items WHERE updates <> 1")
            << "\n";
}

TEST_F(PostgresBackfill, CompositePrimaryKey) {
  Sql("CREATE TABLE pairs (a int NOT NULL, b text NOT NULL, v int, PRIMARY KEY (a, b))");
  Sql("INSERT INTO pairs (a, b) SELECT x, 'k' || y FROM generate_series(1, 30) x, generate_series(1, 100) y");
  WriteMigration("0001_pairs.sql",
                 "-- migrate:backfill batch=333\n"
                 "UPDATE pairs SET v = a * 1000 + length(b) WHERE v IS NULL;\n");
  auto plan = Migrate("plan");
  EXPECT_CONTAINS(plan.out, "batches of 333 rows over pairs by a, b");
  auto a = Migrate("apply");
  ASSERT_EQ(a.exit_code, 0) << Show(a);
  EXPECT_EQ(Int("SELECT count(*) FROM pairs WHERE v IS NULL OR v <> a * 1000 + length(b)"), 0);
  EXPECT_EQ(Scalar("SELECT key_columns FROM migrate.backfill"), "[\"a\",\"b\"]");
  EXPECT_EQ(Int("SELECT rows_done FROM migrate.backfill"), 3000);
  EXPECT_EQ(Int("SELECT batches FROM migrate.backfill"), 10);  // ceil(3000 / 333)
}

TEST_F(PostgresBackfill, CompositeKeyKilledAndResumed) {
  Sql("CREATE TABLE pairs (a int NOT NULL, b int NOT NULL, v int NOT NULL DEFAULT 0, updates int NOT NULL DEFAULT 0, "
      "PRIMARY KEY (a, b))");
  Sql("INSERT INTO pairs (a, b) SELECT x, y FROM generate_series(1, 200) x, generate_series(1, 1000) y");
  Sql("CREATE FUNCTION count_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updates := OLD.updates + 1; "
      "RETURN NEW; END $$");
  Sql("CREATE TRIGGER pairs_count BEFORE UPDATE ON pairs FOR EACH ROW EXECUTE FUNCTION count_update()");
  WriteMigration("0001_pairs.sql", "-- migrate:backfill batch=700\nUPDATE pairs SET v = v + 1;\n");
  auto first = StartMigrate("apply");
  ASSERT_TRUE(PollUntil([&] { return RowsDone() > 20000; }, 120s, 20ms)) << first->Stderr();
  first->Signal(SIGKILL);
  first->Wait(30s);
  auto second = Migrate("apply", {}, 300s);
  ASSERT_EQ(second.exit_code, 0) << Show(second);
  EXPECT_EQ(Int("SELECT count(*) FROM pairs WHERE updates <> 1 OR v <> 1"), 0);
}

TEST_F(PostgresBackfill, UniqueNotNullKeyIsUsedWithoutAPrimaryKey) {
  Sql("CREATE TABLE u (code text NOT NULL UNIQUE, v int)");
  Sql("INSERT INTO u (code) SELECT 'c' || g FROM generate_series(1, 1000) g");
  WriteMigration("0001_u.sql", "-- migrate:backfill batch=100\nUPDATE u SET v = length(code);\n");
  auto a = Migrate("apply");
  ASSERT_EQ(a.exit_code, 0) << Show(a);
  EXPECT_CONTAINS(a.err, "unique index");
  EXPECT_EQ(Int("SELECT count(*) FROM u WHERE v IS NULL"), 0);
}

TEST_F(PostgresBackfill, TableWithoutUsableKeyIsRefused) {
  Sql("CREATE TABLE nokey (x int, v int)");
  Sql("CREATE UNIQUE INDEX nokey_x ON nokey (x)");  // unique but nullable: not usable
  Sql("INSERT INTO nokey (x) SELECT g FROM generate_series(1, 100) g");
  WriteMigration("0001_nokey.sql", "-- migrate:backfill batch=10\nUPDATE nokey SET v = x;\n");
  auto plan = Migrate("plan");
  EXPECT_CONTAINS(plan.out, "none: the backfill would be refused");
  auto a = Migrate("apply");
  std::cout << "[no-key] apply exit code " << a.exit_code << "\n";
  EXPECT_EQ(a.exit_code, 2) << Show(a);
  EXPECT_CONTAINS(a.err, "0001_nokey.sql:2:1");
  EXPECT_CONTAINS(a.err, "no primary key and no unique NOT NULL key");
  EXPECT_CONTAINS(a.err, "key=col");
  EXPECT_EQ(Int("SELECT count(*) FROM nokey WHERE v IS NOT NULL"), 0) << "nothing was updated";
  EXPECT_EQ(Int("SELECT failed_statement FROM migrate.history WHERE version = '0001'"), 0);

  // Naming a key with key=… works (the user vouches for it).
  Sql("TRUNCATE migrate.history, migrate.progress, migrate.backfill");
  WriteMigration("0001_nokey.sql", "-- migrate:backfill batch=10 key=x\nUPDATE nokey SET v = x;\n");
  auto b = Migrate("apply");
  ASSERT_EQ(b.exit_code, 0) << Show(b);
  EXPECT_EQ(Int("SELECT count(*) FROM nokey WHERE v IS NULL"), 0);
}

// SPEC §5: a table without a usable key is batched when the statement's own WHERE makes a
// repeated batch a no-op (`WHERE v IS NULL`). The engine refuses it today (see the report).
TEST_F(PostgresBackfill, KeylessTableWithSelfLimitingWhereIsBatchedByBlockRanges) {
  Sql("CREATE TABLE nokey (x int, v int, updates int NOT NULL DEFAULT 0)");
  Sql("CREATE FUNCTION count_updates() RETURNS trigger LANGUAGE plpgsql AS "
      "$$ BEGIN NEW.updates := OLD.updates + 1; RETURN NEW; END $$");
  Sql("CREATE TRIGGER nokey_updates BEFORE UPDATE ON nokey FOR EACH ROW EXECUTE FUNCTION count_updates()");
  Sql("INSERT INTO nokey (x) SELECT g FROM generate_series(1, 20000) g");
  Sql("ANALYZE nokey");
  WriteMigration("0001_nokey.sql", "-- migrate:backfill batch=1000\nUPDATE nokey SET v = x WHERE v IS NULL;\n");
  auto a = Migrate("apply");
  ASSERT_EQ(a.exit_code, 0) << Show(a);
  EXPECT_NE(a.err.find("walks the table by block ranges"), std::string::npos) << a.err;
  EXPECT_EQ(Int("SELECT count(*) FROM nokey WHERE v IS DISTINCT FROM x"), 0);
  // The guard keeps a row from being updated twice even when it moved to a later block.
  EXPECT_EQ(Int("SELECT count(*) FROM nokey WHERE updates <> 1"), 0);
  EXPECT_EQ(Int("SELECT count(*) FROM migrate.backfill WHERE key_columns = '[\"ctid\"]' AND done = 1"), 1);
}

TEST_F(PostgresBackfill, KeylessTableWithARepeatableUpdateIsRefused) {
  Sql("CREATE TABLE nokey (x int)");
  Sql("INSERT INTO nokey (x) SELECT g FROM generate_series(1, 100) g");
  WriteMigration("0001_nokey.sql", "-- migrate:backfill\nUPDATE nokey SET x = x + 1;\n");
  auto a = Migrate("apply");
  EXPECT_EQ(a.exit_code, 2) << Show(a);
  EXPECT_NE(a.err.find("SET x = x + 1 reads x"), std::string::npos) << a.err;
  EXPECT_EQ(Int("SELECT sum(x) FROM nokey"), 5050);
}

}  // namespace
}  // namespace migrate::itest
