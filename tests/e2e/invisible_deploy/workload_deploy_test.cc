// The invisible-deploy harness on MariaDB and SQLite: the project's own client (tools/app_workload)
// plays both app versions while migrate rewrites, expands, backfills and contracts a column rename.
//
//   - the old app (api 1.0.0) writes and reads `name`, the new app (api 2.0.0) `full_name`, three
//     connections each, 300 transactions/s each; each registers itself for the gate and records
//     every value it writes in an audit table, in the same transaction;
//   - expand with the old app at full load (the backfill waits on a pause file), backfill with
//     both apps, the old app stops, the gate opens, contract with the new app at full load;
//   - asserted: no failed query and no wrong read in either app, `migrate contract` refused (exit 3)
//     while the old instance is registered and allowed after it deregisters, and every row's final
//     value equals the last value either app wrote.
//
// SQLite runs in WAL mode, as an app with concurrent connections would; each connection waits up
// to 10 s for the write lock (busy timeout), which migrate's short transactions never come near.
// Sizes: 20,000 rows (times MIGRATE_DEPLOY_SCALE). Without MIGRATE_TEST_MYSQL_URL the MariaDB case
// skips (fails with MIGRATE_REQUIRE_SERVERS=1).
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>

#include "e2e/invisible_deploy/deploy_report.h"
#include "integration/db_fixture.h"

namespace migrate::dbtest {
namespace {

class InvisibleDeploy : public DbTest {
 protected:
  // An app version under load, registered as `instance` at `version`, writing `column`.
  Background StartApp(const std::string& version, const std::string& instance, const std::string& column, int64_t rows,
                      int64_t new_ids_from) {
    return db().StartProgram({APP_WORKLOAD_BINARY, "--database", db().url(), "--app", "api", "--app-version", version,
                              "--instance", instance, "--table", "items", "--column", column, "--rows",
                              std::to_string(rows), "--connections", "3", "--rate", "300", "--new-ids-from",
                              std::to_string(new_ids_from), "--value-prefix", instance, "--latency-log",
                              db().tmp() + "/" + instance + ".csv"});
  }
  // Stops an app (SIGTERM), and reads its summary and samples.
  deploy::AppRun StopApp(Background& app, const std::string& instance) {
    deploy::AppRun run;
    app.Kill(SIGTERM);
    std::optional<int> code = app.Wait(std::chrono::seconds(60));
    EXPECT_EQ(code, std::optional<int>(0)) << app.Err();
    nlohmann::json j = nlohmann::json::parse(app.Out(), nullptr, false);
    if (j.is_discarded()) {
      ADD_FAILURE() << instance << " printed no summary: " << app.Out() << app.Err();
      return run;
    }
    run.transactions = j["transactions"];
    run.queries = j["queries"];
    run.failed = j["failed_queries"];
    run.wrong_reads = j["wrong_reads"];
    EXPECT_EQ(run.failed, 0) << instance << " errors: " << j["errors"].dump();
    EXPECT_EQ(run.wrong_reads, 0) << instance;
    EXPECT_GT(run.transactions, 0) << instance;
    Result<std::vector<workload::Sample>> samples = workload::ReadSamples(db().tmp() + "/" + instance + ".csv");
    EXPECT_TRUE(samples.ok()) << samples.status().message();
    if (samples.ok()) run.samples = std::move(samples).value();
    return run;
  }
  int64_t LiveInstances(const std::string& version) {
    return db().Int("SELECT COUNT(*) FROM migrate_instances WHERE app_version = '" + version + "'");
  }
};

TEST_P(InvisibleDeploy, RenameColumnUnderOldAndNewTraffic) {
  const int64_t rows = 20'000 * deploy::Scale();
  const Dialect d = db().dialect();
  db().Write("0001_items.sql",
             db().S("CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL DEFAULT '', note TEXT);\n"
                    "CREATE TABLE audit (seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, id BIGINT NOT NULL, val VARCHAR(255) NOT NULL);\n"
                    "CREATE INDEX audit_id ON audit (id, seq);\n",
                    "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', note TEXT);\n"
                    "CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, id INTEGER NOT NULL, val TEXT NOT NULL);\n"
                    "CREATE INDEX audit_id ON audit (id, seq);\n"));
  if (d == Dialect::kSqlite) ASSERT_EQ(db().Scalar("PRAGMA journal_mode=WAL"), "wal");
  RunResult r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  ASSERT_TRUE(db().FillSequence("items", "id, name", db().S("n, CONCAT('init-', n)", "n, 'init-' || n"), rows));
  ASSERT_TRUE(db().Exec(deploy::SeedAuditSql(d, "items", "id", "name")));

  db().Write("0002_rename.sql", "ALTER TABLE items RENAME COLUMN name TO full_name;\n");
  RunResult rw = db().Migrate({"rewrite", db().dir() + "/0002_rename.sql", "--requires-app", "api@2.0.0", "--write"});
  ASSERT_EQ(rw.exit_code, 0) << rw.Describe();

  deploy::Timeline t;
  t.baseline = deploy::NowMs();
  Background old_app = StartApp("1.0.0", "old-app", "name", rows, 1'000'000'000);
  ASSERT_TRUE(WaitFor([&] { return LiveInstances("1.0.0") == 1; }, std::chrono::seconds(30))) << old_app.Err();
  SleepMs(deploy::BaselineSeconds() * 1000);

  const std::string pause = db().tmp() + "/pause";
  std::ofstream(pause) << "";
  t.expand = deploy::NowMs();
  Background apply = db().Start({"apply", "--pause-file", pause});
  ASSERT_TRUE(WaitFor([&] { return db().Int("SELECT COUNT(*) FROM migrate_backfill WHERE version = '0002'") > 0; },
                      std::chrono::seconds(120)))
      << apply.Err();
  Background new_app = StartApp("2.0.0", "new-app", "full_name", rows, 2'000'000'000);
  ASSERT_TRUE(WaitFor([&] { return LiveInstances("2.0.0") == 1; }, std::chrono::seconds(30))) << new_app.Err();
  SleepMs(2000);
  t.backfill = deploy::NowMs();
  std::filesystem::remove(pause);
  std::optional<int> applied = apply.Wait(std::chrono::seconds(600));
  ASSERT_EQ(applied, std::optional<int>(0)) << apply.Err();

  RunResult closed = db().Migrate({"contract"});
  EXPECT_EQ(closed.exit_code, 3) << closed.Describe();
  EXPECT_TRUE(Contains(closed.err, "1.0.0"));
  t.gate = deploy::NowMs();
  deploy::AppRun old_run = StopApp(old_app, "old-app");
  EXPECT_EQ(LiveInstances("1.0.0"), 0);  // it deregistered itself

  t.contract = deploy::NowMs();
  RunResult contracted = db().Migrate({"contract"});
  EXPECT_EQ(contracted.exit_code, 0) << contracted.Describe();
  t.after = deploy::NowMs();
  SleepMs(deploy::BaselineSeconds() * 1000);
  t.end = deploy::NowMs();
  deploy::AppRun new_run = StopApp(new_app, "new-app");

  EXPECT_EQ(db().Int(db().S("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND "
                            "table_name = 'items' AND column_name = 'name'",
                            "SELECT COUNT(*) FROM pragma_table_info('items') WHERE name = 'name'")),
            0);
  EXPECT_EQ(db().Int(db().S("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE()",
                            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'")),
            0);
  const int64_t diverged = db().Int(deploy::DivergedRowsSql(d, "items", "id", "full_name"));
  EXPECT_EQ(diverged, 0);
  deploy::Report("rename column", d == Dialect::kMysql ? "MariaDB" : "SQLite", rows, t, old_run, new_run, diverged);
}

INSTANTIATE_TEST_SUITE_P(Mysql, InvisibleDeploy, ::testing::Values(Dialect::kMysql), DialectParamName);
INSTANTIATE_TEST_SUITE_P(Sqlite, InvisibleDeploy, ::testing::Values(Dialect::kSqlite), DialectParamName);

}  // namespace
}  // namespace migrate::dbtest
