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
//     either app wrote.
//
// pgbench runs in 5-second rounds until the harness stops the app, so an app lives exactly as
// long as its phases, however long the backfill takes; each round logs every transaction (-l),
// which the report cuts into phases. Sizes are small (20,000 and 100,000 rows, times
// MIGRATE_DEPLOY_SCALE), so the suite stays short in CI. Without MIGRATE_TEST_POSTGRES_URL the
// tests skip (fail with MIGRATE_REQUIRE_SERVERS=1).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "e2e/invisible_deploy/deploy_report.h"
#include "integration/pg_fixture.h"

namespace migrate::itest {
namespace {

using namespace std::chrono_literals;

// What an app's pgbench script does, per transaction: BEGIN, an UPDATE of a random row's `column`
// (or one time in ten an INSERT of a new row), the value into the audit table, a read back of
// `read_columns`, END.
struct AppScript {
  std::string table;
  std::string column;        // the column this app version writes
  std::string read_columns;  // what it reads back (named: never SELECT *, see docs/recipes.md)
  std::string new_id;        // the key of an inserted row ("nextval('item_ids')"); empty: the table's default
  std::string tag;           // values written are "<tag>-<random>"
  static constexpr int kStatements = 5;

  std::string Text() const {
    const std::string insert =
        new_id.empty() ? "INSERT INTO " + table + " (" + column + ") VALUES ('" + tag + "-' || :v)"
                       : "INSERT INTO " + table + " (id, " + column + ") VALUES (" + new_id + ", '" + tag + "-' || :v)";
    return "\\set v random(1, 1000000000)\n"
           "\\set op random(1, 10)\n"
           "BEGIN;\n"
           "\\if :op = 1\n" +
           insert + " RETURNING id AS id \\gset\n"
           "\\else\n"
           "\\set id random(1, :rows)\n"
           "UPDATE " + table + " SET " + column + " = '" + tag + "-' || :v WHERE id = :id;\n"
           "\\endif\n"
           "INSERT INTO audit (id, val) VALUES (:id, '" + tag + "-' || :v);\n"
           "SELECT " + read_columns + " FROM " + table + " WHERE id = :id;\n"
           "END;\n";
  }
};

// One app version driven by pgbench: 3 clients at kRate transactions/s, in kRound-second runs
// until Stop(). Counts and per-transaction samples come from pgbench's summary and -l logs.
class PgbenchApp {
 public:
  static constexpr int kRate = 300;
  static constexpr int kRound = 5;

  using Starter =
      std::function<std::unique_ptr<BackgroundProcess>(std::vector<std::string>, std::map<std::string, std::string>)>;
  // `start` starts a program in the background (the fixture's StartProcess).
  PgbenchApp(Starter start, std::string url, std::string script_path, std::string app_name, int64_t rows,
             std::string log_dir)
      : start_(std::move(start)), url_(std::move(url)), script_(std::move(script_path)), app_(std::move(app_name)), rows_(rows),
        log_dir_(std::move(log_dir)) {
    std::filesystem::create_directories(log_dir_);
    thread_ = std::thread([this] { Loop(); });
  }
  ~PgbenchApp() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  bool Running() const { return !ended_.load(); }

  // Ends the current round, then reads every round's log.
  deploy::AppRun Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    run_.queries = run_.transactions * AppScript::kStatements;
    for (const auto& entry : std::filesystem::directory_iterator(log_dir_)) ReadLog(entry.path().string());
    std::sort(run_.samples.begin(), run_.samples.end(),
              [](const workload::Sample& a, const workload::Sample& b) { return a.start_ms < b.start_ms; });
    return run_;
  }
  const std::string& errors() const { return errors_; }

 private:
  void Loop() {
    for (int round = 0; !stop_.load(); ++round) {
      auto p = start_({"pgbench", "-n", "-f", script_, "-c", "3", "-j", "3", "-R", std::to_string(kRate), "-T",
                       std::to_string(kRound), "-D", "rows=" + std::to_string(rows_), "-l",
                       "--log-prefix=" + log_dir_ + "/round" + std::to_string(round), url_},
                      {{"PGAPPNAME", app_}});
      testing::RunResult r = p->Wait(std::chrono::seconds(kRound + 120));
      const std::string out = r.out + r.err;
      std::smatch m;
      static const std::regex kDone(R"(number of transactions actually processed: (\d+))");
      static const std::regex kFailed(R"(number of failed transactions: (\d+))");
      if (std::regex_search(out, m, kDone)) run_.transactions += std::stoll(m[1]);
      if (std::regex_search(out, m, kFailed)) run_.failed += std::stoll(m[1]);
      if (!r.exited || r.exit_code != 0 || out.find("aborted") != std::string::npos) {
        ++run_.failed;
        errors_ += out + "\n";
        break;  // the app is down: what it failed is in errors_
      }
    }
    ended_ = true;
  }
  // "client_id transaction_no time script_no time_epoch time_us [schedule_lag]": `time` is the
  // latency in µs (or "failed"), time_epoch/time_us when the transaction ended.
  void ReadLog(const std::string& path) {
    std::ifstream f(path);
    std::string line;
    while (std::getline(f, line)) {
      std::istringstream in(line);
      std::string client, no, time, script;
      int64_t epoch = 0, us = 0;
      if (!(in >> client >> no >> time >> script >> epoch >> us)) continue;
      workload::Sample s;
      s.ok = time != "failed" && time != "skipped";
      s.latency_us = s.ok ? std::stoll(time) : 0;
      s.start_ms = epoch * 1000 + us / 1000 - s.latency_us / 1000;
      run_.samples.push_back(s);
    }
  }

  Starter start_;
  std::string url_, script_, app_;
  int64_t rows_;
  std::string log_dir_;
  std::atomic<bool> stop_{false}, ended_{false};
  std::thread thread_;
  deploy::AppRun run_;
  std::string errors_;
};

class InvisibleDeployPostgres : public PgTest {
 protected:
  std::unique_ptr<PgbenchApp> StartApp(const AppScript& script, const std::string& app_name, int64_t rows) {
    const std::string path = tmp() + "/" + script.tag + ".sql";  // no '@': pgbench reads file@weight
    std::ofstream(path) << script.Text();
    return std::make_unique<PgbenchApp>(
        [this](std::vector<std::string> argv, std::map<std::string, std::string> env) { return StartProcess(argv, env); },
        url(), path, app_name, rows, tmp() + "/" + script.tag + ".logs");
  }
  static void ExpectClean(const deploy::AppRun& run, const PgbenchApp& app, const std::string& who) {
    EXPECT_GT(run.transactions, 0) << who;
    EXPECT_EQ(run.failed, 0) << who << ": " << app.errors();
  }

  // The deploy of migration `version` (already rewritten) under traffic, phase by phase (see
  // deploy_report.h for the timeline); the apps write `table` through old.column / new_.column.
  void Deploy(const std::string& scenario, const std::string& version, const AppScript& old_script,
              const AppScript& new_script, int64_t rows) {
    const std::string pause = tmp() + "/pause";
    std::ofstream(pause) << "";
    deploy::Timeline t;
    t.baseline = deploy::NowMs();
    ASSERT_EQ(Migrate("register", {"--app-version", "1.0.0", "--instance", "old-app", "--ttl", "3600s"}).exit_code, 0);
    auto old_app = StartApp(old_script, "api@1.0.0", rows);
    std::this_thread::sleep_for(std::chrono::seconds(deploy::BaselineSeconds()));
    t.expand = deploy::NowMs();
    auto apply = StartMigrate("apply", {"--pause-file", pause});
    ASSERT_TRUE(PollUntil(
        [&] { return IntOr("SELECT count(*) FROM migrate.backfill WHERE version = '" + version + "'", 0) > 0; }, 120s))
        << apply->Stderr();
    ASSERT_EQ(Migrate("register", {"--app-version", "2.0.0", "--instance", "new-app", "--ttl", "3600s"}).exit_code, 0);
    auto new_app = StartApp(new_script, "api@2.0.0", rows);
    std::this_thread::sleep_for(2s);
    t.backfill = deploy::NowMs();
    std::filesystem::remove(pause);
    testing::RunResult applied = apply->Wait(std::chrono::seconds(600 * deploy::Scale()));
    ASSERT_EQ(applied.exit_code, 0) << Show(applied);
    ASSERT_TRUE(old_app->Running()) << old_app->errors();

    testing::RunResult closed = Migrate("contract");
    EXPECT_EQ(closed.exit_code, 3) << Show(closed);
    EXPECT_CONTAINS(closed.err, "1.0.0");
    t.gate = deploy::NowMs();
    deploy::AppRun old_run = old_app->Stop();
    ASSERT_EQ(Migrate("register", {"--app-version", "1.0.0", "--instance", "old-app", "--deregister"}).exit_code, 0);
    ASSERT_TRUE(PollUntil(
        [&] { return IntOr("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'api@1.0.0'", 1) == 0; }, 10s));
    ASSERT_TRUE(new_app->Running()) << new_app->errors();
    t.contract = deploy::NowMs();
    testing::RunResult contracted = Migrate("contract");
    EXPECT_EQ(contracted.exit_code, 0) << Show(contracted);
    t.after = deploy::NowMs();
    std::this_thread::sleep_for(std::chrono::seconds(deploy::BaselineSeconds()));
    t.end = deploy::NowMs();
    deploy::AppRun new_run = new_app->Stop();

    ExpectClean(old_run, *old_app, "old app");
    ExpectClean(new_run, *new_app, "new app");
    // No lost or diverging write: each row holds the last value either app wrote (or its initial one).
    const int64_t diverged = Int(deploy::DivergedRowsSql(Dialect::kPostgres, old_script.table, "id", new_script.column));
    EXPECT_EQ(diverged, 0);
    deploy::Report(scenario, "PostgreSQL", rows, t, old_run, new_run, diverged);
  }

  // migrate rewrite --write of migration file `name`, for api@2.0.0.
  void Rewrite(const std::string& name) {
    auto rw = testing::RunBinary({MIGRATE_BINARY, "rewrite", "--dialect", "postgres", dir() + "/" + name,
                                  "--requires-app", "api@2.0.0", "--write"});
    ASSERT_EQ(rw.exit_code, 0) << rw.Describe();
  }
  // The audit table (every value written, by seq) and its initial content.
  void SeedAudit(const std::string& table, const std::string& column) {
    Sql("CREATE TABLE audit (seq bigserial PRIMARY KEY, id bigint NOT NULL, val text NOT NULL)");
    Sql(deploy::SeedAuditSql(Dialect::kPostgres, table, "id", column));
    Sql("CREATE INDEX audit_id ON audit (id, seq)");
    Sql("ANALYZE");
  }
};

TEST_F(InvisibleDeployPostgres, RenameColumnUnderOldAndNewTraffic) {
  const int64_t rows = 20'000 * deploy::Scale();
  WriteMigration("0001_items.sql",
                 "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL DEFAULT '', note text);\n"
                 "CREATE SEQUENCE item_ids START WITH 1000000000;\n");
  auto r = Migrate("apply");
  ASSERT_EQ(r.exit_code, 0) << Show(r);
  Sql("INSERT INTO items (id, name) SELECT g, 'init-' || g FROM generate_series(1, " + std::to_string(rows) + ") g");
  SeedAudit("items", "name");

  WriteMigration("0002_rename.sql", "ALTER TABLE items RENAME COLUMN name TO full_name;\n");
  ASSERT_NO_FATAL_FAILURE(Rewrite("0002_rename.sql"));
  ASSERT_NO_FATAL_FAILURE(Deploy("rename column", "0002", {"items", "name", "name", "nextval('item_ids')", "old"},
                                 {"items", "full_name", "full_name", "nextval('item_ids')", "new"}, rows));
  EXPECT_EQ(Int("SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'name'"), 0);
}

// int -> bigint on a serial primary key: both app versions use `id` throughout (the old one
// with values that fit int); the contract swaps the bigint column in, with the key and sequence.
TEST_F(InvisibleDeployPostgres, IntToBigintPrimaryKeyUnderTraffic) {
  const int64_t rows = 100'000 * deploy::Scale();
  WriteMigration("0001_accounts.sql", "CREATE TABLE accounts (id serial PRIMARY KEY, note text);\n");
  auto r = Migrate("apply");
  ASSERT_EQ(r.exit_code, 0) << Show(r);
  Sql("INSERT INTO accounts (note) SELECT 'init-' || g FROM generate_series(1, " + std::to_string(rows) + ") g");
  SeedAudit("accounts", "note");

  WriteMigration("0002_bigint.sql", "ALTER TABLE accounts ALTER COLUMN id TYPE bigint;\n");
  ASSERT_NO_FATAL_FAILURE(Rewrite("0002_bigint.sql"));
  ASSERT_NO_FATAL_FAILURE(Deploy("int to bigint primary key", "0002", {"accounts", "note", "id, note", "", "old"},
                                 {"accounts", "note", "id, note", "", "new"}, rows));

  // The column kept its name and got the new type, the key and the sequence came along.
  EXPECT_EQ(Scalar("SELECT data_type FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'id'"),
            "bigint");
  EXPECT_EQ(Scalar("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
                   "WHERE i.indrelid = 'accounts'::regclass AND i.indisprimary"),
            "id");
  EXPECT_EQ(Scalar("SELECT pg_get_serial_sequence('accounts', 'id')"), "public.accounts_id_seq");
  EXPECT_EQ(Int("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'id_new'"), 0);
  EXPECT_EQ(Int("SELECT count(*) FROM accounts WHERE id IS NULL"), 0);
  // A new row after the contract takes the next id from the same sequence.
  EXPECT_GT(Int("INSERT INTO accounts (note) VALUES ('after') RETURNING id"), rows);
}

}  // namespace
}  // namespace migrate::itest
