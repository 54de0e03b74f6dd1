// The invisible-deploy harness on PostgreSQL: real traffic from pgbench (custom scripts, a real
// client) while migrate rewrites, expands, backfills and contracts a breaking change.
//
//   - the "old app" (application_name api@1.0.0, so the gate sees it) updates, inserts and reads
//     through the old column; the "new app" (api@2.0.0) through the new one. Every write also goes
//     to an audit table in the same transaction, so the last value written to each row is known;
//   - expand with the old app at full load (the backfill is held by a pause file), backfill with
//     both apps, the old app stops, the gate opens, contract with the new app at full load;
//   - asserted: no failed transaction in either app, `migrate contract` refused (exit 3) while an
//     old instance is live and allowed after, and every row's final value equals the last value
//     either app wrote (or its initial value when nobody wrote it).
//
// Sizes are small (20,000 and 100,000 rows), so the suite stays short in CI. Without
// MIGRATE_TEST_POSTGRES_URL the tests skip (fail with MIGRATE_REQUIRE_SERVERS=1).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "integration/pg_fixture.h"

namespace migrate::itest {
namespace {

using namespace std::chrono_literals;

struct PgbenchRun {
  int64_t transactions = 0;
  int64_t failed = 0;
  bool aborted = false;
  std::string output;
};

PgbenchRun ParsePgbench(const testing::RunResult& r) {
  PgbenchRun run;
  run.output = r.out + r.err;
  std::smatch m;
  static const std::regex kDone(R"(number of transactions actually processed: (\d+))");
  static const std::regex kFailed(R"(number of failed transactions: (\d+))");
  if (std::regex_search(run.output, m, kDone)) run.transactions = std::stoll(m[1]);
  if (std::regex_search(run.output, m, kFailed)) run.failed = std::stoll(m[1]);
  run.aborted = !r.exited || r.exit_code != 0 || run.output.find("aborted") != std::string::npos;
  return run;
}

class InvisibleDeployPostgres : public PgTest {
 protected:
  // A pgbench script in the temp dir.
  std::string Script(const std::string& name, const std::string& text) {
    const std::string path = tmp() + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  // pgbench with `script`, `clients` connections, for `seconds`, as application `app`, at
  // kRate transactions per second: a busy app that leaves the machine some room (unthrottled,
  // pgbench alone saturates a small CI machine, and the backfill would wait for the whole run).
  std::unique_ptr<BackgroundProcess> Pgbench(const std::string& script, int clients, int seconds,
                                             const std::string& app, int64_t rows) {
    return StartProcess({"pgbench", "-n", "-f", script, "-c", std::to_string(clients), "-j", std::to_string(clients),
                         "-R", std::to_string(kRate), "-T", std::to_string(seconds), "-D", "rows=" + std::to_string(rows),
                         url()},
                        {{"PGAPPNAME", app}});
  }
  static constexpr int kRate = 300;
  // Polls until migrate's expand of `version` is recorded and its backfill has a checkpoint row.
  bool WaitForBackfillStart(const std::string& version, std::chrono::milliseconds timeout) {
    return PollUntil(
        [&] { return IntOr("SELECT count(*) FROM migrate.backfill WHERE version = '" + version + "'", 0) > 0; },
        timeout);
  }

  // The deploy of migration `version` (already rewritten) under traffic, phase by phase:
  //   expand   - the old app (api@1.0.0, registered) at full load; the backfill waits on a pause file
  //   backfill - the new app (api@2.0.0, registered) joins; the pause file goes
  //   the gate - `migrate contract` refused (exit 3) while the old app runs; it stops, deregisters
  //   contract - with the new app at full load
  // The runs' counts and failures land in *old_run / *new_run.
  void Deploy(const std::string& version, const std::string& old_script, const std::string& new_script, int64_t rows,
              PgbenchRun* old_run, PgbenchRun* new_run) {
    const std::string pause = tmp() + "/pause";
    std::ofstream(pause) << "";
    ASSERT_EQ(Migrate("register", {"--app-version", "1.0.0", "--instance", "old-app"}).exit_code, 0);
    auto old_app = Pgbench(Script("old.sql", old_script), 3, 90, "api@1.0.0", rows);
    std::this_thread::sleep_for(2s);
    auto apply = StartMigrate("apply", {"--pause-file", pause});
    ASSERT_TRUE(WaitForBackfillStart(version, 120s)) << apply->Stderr();
    ASSERT_EQ(Migrate("register", {"--app-version", "2.0.0", "--instance", "new-app"}).exit_code, 0);
    auto new_app = Pgbench(Script("new.sql", new_script), 3, 120, "api@2.0.0", rows);
    std::this_thread::sleep_for(2s);
    std::filesystem::remove(pause);
    testing::RunResult applied = apply->Wait(180s);
    ASSERT_EQ(applied.exit_code, 0) << Show(applied);
    ASSERT_TRUE(old_app->Running()) << "the old app ended before the backfill did: raise its -T";

    testing::RunResult closed = Migrate("contract");
    EXPECT_EQ(closed.exit_code, 3) << Show(closed);
    EXPECT_CONTAINS(closed.err, "1.0.0");
    *old_run = ParsePgbench(old_app->Wait(120s));
    ASSERT_EQ(Migrate("register", {"--app-version", "1.0.0", "--instance", "old-app", "--deregister"}).exit_code, 0);
    ASSERT_TRUE(PollUntil(
        [&] { return IntOr("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'api@1.0.0'", 1) == 0; }, 10s));
    ASSERT_TRUE(new_app->Running()) << "the new app ended before the contract: raise its -T";
    testing::RunResult contracted = Migrate("contract");
    EXPECT_EQ(contracted.exit_code, 0) << Show(contracted);
    *new_run = ParsePgbench(new_app->Wait(150s));

    std::cout << "[deploy " << version << "] old app " << old_run->transactions << " transactions, " << old_run->failed
              << " failed; new app " << new_run->transactions << " transactions, " << new_run->failed << " failed\n";
    EXPECT_GT(old_run->transactions, 0);
    EXPECT_GT(new_run->transactions, 0);
    EXPECT_EQ(old_run->failed, 0) << old_run->output;
    EXPECT_FALSE(old_run->aborted) << old_run->output;
    EXPECT_EQ(new_run->failed, 0) << new_run->output;
    EXPECT_FALSE(new_run->aborted) << new_run->output;
  }

  // migrate rewrite --write of migration file `name`, for api@2.0.0.
  void Rewrite(const std::string& name) {
    auto rw = testing::RunBinary({MIGRATE_BINARY, "rewrite", "--dialect", "postgres", dir() + "/" + name,
                                  "--requires-app", "api@2.0.0", "--write"});
    ASSERT_EQ(rw.exit_code, 0) << rw.Describe();
  }
};

// The old app and the new app of a column rename; `col` is the column each writes.
std::string AppScript(const std::string& col, const std::string& tag) {
  return "\\set v random(1, 1000000000)\n"
         "\\set op random(1, 10)\n"
         "BEGIN;\n"
         "\\if :op = 1\n"
         "INSERT INTO items (id, " + col + ") VALUES (nextval('item_ids'), '" + tag + "-' || :v) RETURNING id AS id \\gset\n"
         "\\else\n"
         "\\set id random(1, :rows)\n"
         "UPDATE items SET " + col + " = '" + tag + "-' || :v WHERE id = :id;\n"
         "\\endif\n"
         "INSERT INTO audit (id, val) VALUES (:id, '" + tag + "-' || :v);\n"
         "SELECT " + col + " FROM items WHERE id = :id;\n"
         "END;\n";
}

TEST_F(InvisibleDeployPostgres, RenameColumnUnderOldAndNewTraffic) {
  const int64_t rows = 20'000;
  WriteMigration("0001_items.sql",
                 "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL DEFAULT '', note text);\n"
                 "CREATE SEQUENCE item_ids START WITH 1000000;\n"
                 "CREATE TABLE audit (seq bigserial PRIMARY KEY, id bigint NOT NULL, val text NOT NULL);\n");
  auto r = Migrate("apply");
  ASSERT_EQ(r.exit_code, 0) << Show(r);
  Sql("INSERT INTO items (id, name) SELECT g, 'init-' || g FROM generate_series(1, " + std::to_string(rows) + ") g");

  WriteMigration("0002_rename.sql", "ALTER TABLE items RENAME COLUMN name TO full_name;\n");
  ASSERT_NO_FATAL_FAILURE(Rewrite("0002_rename.sql"));
  PgbenchRun old_run, new_run;
  ASSERT_NO_FATAL_FAILURE(Deploy("0002", AppScript("name", "old"), AppScript("full_name", "new"), rows, &old_run, &new_run));

  // No lost or diverging write: each row holds the last value either app wrote, else its initial one.
  EXPECT_EQ(Int("SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'name'"), 0);
  EXPECT_EQ(Int("SELECT count(*) FROM items i LEFT JOIN (SELECT DISTINCT ON (id) id, val FROM audit ORDER BY id, seq DESC) a "
                "USING (id) WHERE i.full_name IS DISTINCT FROM coalesce(a.val, 'init-' || i.id)"),
            0);
  EXPECT_EQ(Int("SELECT count(*) FROM items WHERE id >= 1000000"),
            Int("SELECT count(DISTINCT id) FROM audit WHERE id >= 1000000"));
}

// int -> bigint on a serial primary key: both app versions use `id` throughout (the old one
// with values that fit int); the contract swaps the bigint column in, with the key and sequence.
std::string AccountsScript(const std::string& tag) {
  return "\\set v random(1, 1000000000)\n"
         "\\set op random(1, 10)\n"
         "BEGIN;\n"
         "\\if :op = 1\n"
         "INSERT INTO accounts (note) VALUES ('" + tag + "-' || :v) RETURNING id AS id \\gset\n"
         "\\else\n"
         "\\set id random(1, :rows)\n"
         "UPDATE accounts SET note = '" + tag + "-' || :v WHERE id = :id;\n"
         "\\endif\n"
         "INSERT INTO audit (id, val) VALUES (:id, '" + tag + "-' || :v);\n"
         "SELECT id, note FROM accounts WHERE id = :id;\n"
         "END;\n";
}

TEST_F(InvisibleDeployPostgres, IntToBigintPrimaryKeyUnderTraffic) {
  const int64_t rows = 100'000;
  WriteMigration("0001_accounts.sql",
                 "CREATE TABLE accounts (id serial PRIMARY KEY, note text);\n"
                 "CREATE TABLE audit (seq bigserial PRIMARY KEY, id bigint NOT NULL, val text NOT NULL);\n");
  auto r = Migrate("apply");
  ASSERT_EQ(r.exit_code, 0) << Show(r);
  Sql("INSERT INTO accounts (note) SELECT 'init-' || g FROM generate_series(1, " + std::to_string(rows) + ") g");

  WriteMigration("0002_bigint.sql", "ALTER TABLE accounts ALTER COLUMN id TYPE bigint;\n");
  ASSERT_NO_FATAL_FAILURE(Rewrite("0002_bigint.sql"));
  PgbenchRun old_run, new_run;
  ASSERT_NO_FATAL_FAILURE(Deploy("0002", AccountsScript("old"), AccountsScript("new"), rows, &old_run, &new_run));

  // The column kept its name and got the new type, the key and the sequence came along.
  EXPECT_EQ(Scalar("SELECT data_type FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'id'"),
            "bigint");
  EXPECT_EQ(Scalar("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
                   "WHERE i.indrelid = 'accounts'::regclass AND i.indisprimary"),
            "id");
  EXPECT_EQ(Scalar("SELECT pg_get_serial_sequence('accounts', 'id')"), "public.accounts_id_seq");
  EXPECT_EQ(Int("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'id_new'"), 0);
  EXPECT_EQ(Int("SELECT count(*) FROM accounts WHERE id IS NULL"), 0);
  // No lost or diverging write.
  EXPECT_EQ(Int("SELECT count(*) FROM accounts c LEFT JOIN (SELECT DISTINCT ON (id) id, val FROM audit ORDER BY id, seq DESC) a "
                "USING (id) WHERE c.note IS DISTINCT FROM coalesce(a.val, 'init-' || c.id)"),
            0);
  EXPECT_EQ(Int("SELECT count(*) FROM accounts WHERE id > " + std::to_string(rows)),
            Int("SELECT count(DISTINCT id) FROM audit WHERE id > " + std::to_string(rows)));
  // A new row after the contract takes the next id from the same sequence.
  EXPECT_GT(Int("INSERT INTO accounts (note) VALUES ('after') RETURNING id"), rows);
}

}  // namespace
}  // namespace migrate::itest
