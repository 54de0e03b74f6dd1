// The migrator on the fake driver (SQLite in memory, with injected faults) and a fake clock:
// state transitions, per-statement progress, reruns after failures, lock-timeout retries,
// validation, the contract gate, backfill batches and checkpoints, rollback and baseline.
#include "engine/migrator.h"

#include <gtest/gtest.h>

#include "drivers/fake/fake_connection.h"
#include "testing/fake_clock.h"
#include "testing/test_util.h"

namespace migrate {
namespace {

using testing::FakeClock;
using testing::MakeTempDir;
using testing::WriteAll;

class MigratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("migrations");
    conn_ = FakeConnection::InMemorySqlite();
    state_ = std::make_unique<StateStore>(conn_.get(), &clock_);
    ASSERT_TRUE(state_->Ensure().ok());
    options_.app = "api";
  }

  void Write(const std::string& name, const std::string& text) { WriteAll(dir_ / name, text); }

  // Loads the directory afresh (as each CLI run does) and runs `op` on a migrator.
  Status Run(const std::function<Status(Migrator&, OperationReport*)>& op, OperationReport* report = nullptr) {
    Result<MigrationSet> set = LoadMigrationSet(dir_.string(), Dialect::kSqlite, LintSettings{});
    if (!set.ok()) return set.status();
    set_ = std::move(set).value();
    Migrator m(set_, ExecContext{*conn_, *state_, clock_, &cancel_, settings_}, options_);
    OperationReport local;
    return op(m, report ? report : &local);
  }
  Status Apply() { return Run([](Migrator& m, OperationReport* r) { return m.Apply(r); }); }
  Status Contract() { return Run([](Migrator& m, OperationReport* r) { return m.Contract(r); }); }

  std::vector<std::vector<Value>> Query(const std::string& sql) {
    Result<Rows> r = conn_->inner().Query(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().message();
    return r.ok() ? r->rows : std::vector<std::vector<Value>>{};
  }
  std::string One(const std::string& sql) {
    auto rows = Query(sql);
    return rows.empty() || rows[0].empty() ? "<none>" : rows[0][0].value_or("NULL");
  }
  int Sent(const std::string& substring) {
    int n = 0;
    for (const std::string& s : conn_->log()) n += s.find(substring) != std::string::npos;
    return n;
  }
  HistoryRow Row(const std::string& version) {
    Result<std::vector<HistoryRow>> rows = state_->History();
    EXPECT_TRUE(rows.ok());
    for (const HistoryRow& r : *rows) {
      if (r.version == version) return r;
    }
    ADD_FAILURE() << "no history row " << version;
    return {};
  }

  std::filesystem::path dir_;
  FakeClock clock_;
  CancelToken cancel_;
  EngineSettings settings_;
  MigratorOptions options_;
  std::unique_ptr<FakeConnection> conn_;
  std::unique_ptr<StateStore> state_;
  MigrationSet set_;
};

const char* kUsers =
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, visits INTEGER NOT NULL DEFAULT 0);\n"
    "INSERT INTO users (name) VALUES ('a'), ('b'), ('c');\n";

const char* kFullName =
    "-- migrate:expand\n"
    "ALTER TABLE users ADD COLUMN full_name TEXT;\n"
    "-- migrate:backfill batch=2\n"
    "UPDATE users SET full_name = name WHERE full_name IS NULL;\n"
    "-- migrate:contract requires-app=2.0.0\n"
    "ALTER TABLE users DROP COLUMN name;\n";

TEST_F(MigratorTest, ApplyExpandsAndBackfillsAndRecordsPhases) {
  Write("0001_users.sql", kUsers);
  Write("0002_full_name.sql", kFullName);
  OperationReport report;
  Status s = Run([](Migrator& m, OperationReport* r) { return m.Apply(r); }, &report);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(Row("0001").phase, Phase::kBackfilled);
  EXPECT_EQ(Row("0002").phase, Phase::kBackfilled);  // the contract waits for the gate
  EXPECT_EQ(One("SELECT count(*) FROM users WHERE full_name = name"), "3");
  EXPECT_EQ(Row("0002").checksum.size(), 64u);
  ASSERT_FALSE(report.done.empty());
  // Batches of 2 over 3 rows: two batches, each with its checkpoint.
  Result<std::optional<BackfillCheckpoint>> cp = state_->Checkpoint("0002", 1);
  ASSERT_TRUE(cp.ok() && *cp);
  EXPECT_EQ((*cp)->rows_done, 3);
  EXPECT_EQ((*cp)->batches, 2);
  EXPECT_TRUE((*cp)->done);
  EXPECT_EQ((*cp)->key, std::vector<std::string>{"id"});
  // A second apply has nothing to do and sends no migration statement.
  conn_->ClearLog();
  ASSERT_TRUE(Apply().ok());
  EXPECT_EQ(Sent("ALTER TABLE users"), 0);
}

TEST_F(MigratorTest, EachStatementCommitsWithItsProgressRecord) {
  Write("0001_users.sql", kUsers);
  ASSERT_TRUE(Apply().ok());
  const auto& log = conn_->log();
  auto create = std::find_if(log.begin(), log.end(), [](const std::string& s) { return s.rfind("CREATE TABLE users", 0) == 0; });
  ASSERT_NE(create, log.end());
  // BEGIN, the statement, its progress row, COMMIT.
  EXPECT_EQ(*(create - 1), "BEGIN");
  EXPECT_NE((create + 1)->find("migrate_progress"), std::string::npos) << *(create + 1);
  EXPECT_EQ(*(create + 2), "COMMIT");
}

TEST_F(MigratorTest, AFailureIsRecordedAndTheRerunContinuesAtTheFailedStatement) {
  Write("0001_users.sql",
        "CREATE TABLE a (id INTEGER PRIMARY KEY);\n"
        "CREATE TABLE b (id INTEGER PRIMARY KEY);\n"
        "CREATE TABLE c (id INTEGER PRIMARY KEY);\n");
  conn_->FailNext("CREATE TABLE b", Status::Database("disk full"));
  Status s = Apply();
  ASSERT_EQ(s.code(), StatusCode::kDatabase);
  EXPECT_NE(s.message().find("0001_users.sql:2:1"), std::string::npos) << s.message();
  HistoryRow row = Row("0001");
  EXPECT_EQ(row.phase, Phase::kExpanding);
  EXPECT_EQ(row.error, "disk full");
  ASSERT_TRUE(row.failed_statement.has_value());
  EXPECT_EQ(*row.failed_statement, 1);
  EXPECT_EQ(One("SELECT count(*) FROM sqlite_master WHERE name = 'a'"), "1");
  EXPECT_EQ(One("SELECT count(*) FROM sqlite_master WHERE name = 'b'"), "0");

  conn_->ClearLog();
  s = Apply();
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(Sent("CREATE TABLE a"), 0);  // not run twice
  EXPECT_EQ(Sent("CREATE TABLE b"), 1);
  EXPECT_EQ(Sent("CREATE TABLE c"), 1);
  row = Row("0001");
  EXPECT_EQ(row.phase, Phase::kBackfilled);
  EXPECT_EQ(row.error, "");
  EXPECT_FALSE(row.failed_statement.has_value());
}

TEST_F(MigratorTest, LockTimeoutsAreRetriedWithBackoffUnderTheShortLockTimeout) {
  Write("0001_users.sql", kUsers);
  ASSERT_TRUE(Apply().ok());
  Write("0002_col.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n");
  conn_->FailNext("ALTER TABLE users ADD COLUMN email", Status::Retryable("database is locked"), 3);
  clock_.sleeps.clear();
  Status s = Apply();
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(Sent("ALTER TABLE users ADD COLUMN email"), 4);
  ASSERT_EQ(clock_.sleeps.size(), 3u);
  // Equal jitter around 200 ms, 400 ms, 800 ms.
  EXPECT_GE(clock_.sleeps[0].count(), 100);
  EXPECT_LE(clock_.sleeps[0].count(), 200);
  EXPECT_GE(clock_.sleeps[2].count(), 400);
  EXPECT_LE(clock_.sleeps[2].count(), 800);
  EXPECT_GE(Sent("SET LOCK TIMEOUT 1000ms"), 4);
  EXPECT_EQ(One("SELECT count(*) FROM pragma_table_info('users') WHERE name = 'email'"), "1");
}

TEST_F(MigratorTest, ALockThatNeverFreesEndsAfterDdlRetryFor) {
  Write("0001_users.sql", kUsers);
  ASSERT_TRUE(Apply().ok());
  Write("0002_col.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n");
  settings_.ddl_retry_for = Millis(10'000);
  conn_->FailNext("ADD COLUMN email", Status::Retryable("database is locked"), 1000);
  const int64_t start = clock_.NowMillis();
  Status s = Apply();
  EXPECT_EQ(s.code(), StatusCode::kDatabase);
  EXPECT_NE(s.message().find("gave up"), std::string::npos) << s.message();
  EXPECT_LE(clock_.NowMillis() - start, 10'000);
  EXPECT_EQ(Row("0002").phase, Phase::kExpanding);
  EXPECT_NE(Row("0002").error.find("database is locked"), std::string::npos);
}

TEST_F(MigratorTest, AnEditedAppliedFileIsAValidationError) {
  Write("0001_users.sql", kUsers);
  ASSERT_TRUE(Apply().ok());
  Write("0001_users.sql", std::string(kUsers) + "CREATE TABLE x (id int);\n");
  Status s = Apply();
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_NE(s.message().find("0001_users.sql was edited after it was applied"), std::string::npos) << s.message();
}

TEST_F(MigratorTest, CrlfLineEndsAreNotAnEdit) {
  Write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
  ASSERT_TRUE(Apply().ok());
  Write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\r\n");
  EXPECT_TRUE(Apply().ok());
}

TEST_F(MigratorTest, AnOlderPendingFileIsOutOfOrder) {
  Write("0002_users.sql", kUsers);
  ASSERT_TRUE(Apply().ok());
  Write("0001_early.sql", "CREATE TABLE early (id INTEGER PRIMARY KEY);\n");
  Status s = Apply();
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_NE(s.message().find("0001_early.sql is older than the newest applied migration (0002)"), std::string::npos)
      << s.message();
}

TEST_F(MigratorTest, AMissingAppliedFileIsAValidationError) {
  Write("0001_users.sql", kUsers);
  ASSERT_TRUE(Apply().ok());
  std::filesystem::remove(dir_ / "0001_users.sql");
  Status s = Apply();
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_NE(s.message().find("has no file"), std::string::npos) << s.message();
}

TEST_F(MigratorTest, ApplyRefusesLintErrorsBeforeTouchingTheDatabase) {
  Write("0001_users.sql", kUsers);
  ASSERT_TRUE(Apply().ok());
  Write("0002_rename.sql", "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
  conn_->ClearLog();
  Status s = Apply();
  EXPECT_EQ(s.code(), StatusCode::kLintErrors);
  EXPECT_NE(s.message().find("0002_rename.sql:1:1"), std::string::npos) << s.message();
  EXPECT_EQ(Sent("RENAME"), 0);
  EXPECT_EQ(Sent("INSERT INTO migrate_history"), 0);
}

TEST_F(MigratorTest, ContractWaitsForItsGate) {
  Write("0001_users.sql", kUsers);
  Write("0002_full_name.sql", kFullName);
  ASSERT_TRUE(Apply().ok());

  Status s = Contract();  // nobody registered: no information means closed
  EXPECT_EQ(s.code(), StatusCode::kGateClosed);
  EXPECT_NE(s.message().find("no information about live versions"), std::string::npos) << s.message();

  ASSERT_TRUE(state_->RegisterInstance("api", "web-1", "1.9.0", Millis(60'000)).ok());
  ASSERT_TRUE(state_->RegisterInstance("api", "web-2", "2.0.0", Millis(60'000)).ok());
  s = Contract();
  EXPECT_EQ(s.code(), StatusCode::kGateClosed);
  EXPECT_NE(s.message().find("web-1"), std::string::npos) << s.message();
  EXPECT_EQ(One("SELECT count(*) FROM pragma_table_info('users') WHERE name = 'name'"), "1");

  ASSERT_TRUE(state_->RegisterInstance("api", "web-1", "2.0.1", Millis(60'000)).ok());
  s = Contract();
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(Row("0002").phase, Phase::kContracted);
  EXPECT_EQ(One("SELECT count(*) FROM pragma_table_info('users') WHERE name = 'name'"), "0");
}

TEST_F(MigratorTest, AnExpiredHeartbeatIsNoLongerLive) {
  Write("0001_users.sql", kUsers);
  Write("0002_full_name.sql", kFullName);
  ASSERT_TRUE(Apply().ok());
  ASSERT_TRUE(state_->RegisterInstance("api", "old", "1.0.0", Millis(30'000)).ok());
  ASSERT_TRUE(state_->RegisterInstance("api", "new", "2.0.0", Millis(600'000)).ok());
  EXPECT_EQ(Contract().code(), StatusCode::kGateClosed);
  clock_.Advance(Millis(31'000));
  EXPECT_TRUE(Contract().ok());
}

TEST_F(MigratorTest, LiveVersionsReplaceTheRegistry) {
  Write("0001_users.sql", kUsers);
  Write("0002_full_name.sql", kFullName);
  ASSERT_TRUE(Apply().ok());
  ASSERT_TRUE(state_->RegisterInstance("api", "web-1", "1.0.0", Millis(60'000)).ok());
  options_.live_versions = std::vector<LiveInstance>{{"api", "entry 1", "2.0.0", "--live-versions"}};
  EXPECT_TRUE(Contract().ok());
}

TEST_F(MigratorTest, DeployGateNeedsExpandAndBackfillAndRespectsAppliedContracts) {
  Write("0001_users.sql", kUsers);
  Write("0002_full_name.sql", kFullName);
  auto gate = [&](const std::string& v) {
    Result<MigrationSet> set = LoadMigrationSet(dir_.string(), Dialect::kSqlite, LintSettings{});
    set_ = std::move(set).value();
    Migrator m(set_, ExecContext{*conn_, *state_, clock_, &cancel_, settings_}, options_);
    Result<GateDecision> d = m.DeployGate(v);
    EXPECT_TRUE(d.ok());
    return *d;
  };
  EXPECT_FALSE(gate("2.0.0").open);  // nothing applied yet
  ASSERT_TRUE(Apply().ok());
  EXPECT_TRUE(gate("2.0.0").open);
  EXPECT_TRUE(gate("1.5.0").open);  // the contract has not run: old versions may still deploy
  options_.live_versions = std::vector<LiveInstance>{{"api", "entry 1", "2.0.0", "--live-versions"}};
  ASSERT_TRUE(Contract().ok());
  GateDecision old = gate("1.5.0");
  EXPECT_FALSE(old.open);
  EXPECT_NE(old.reason.find("2.0.0"), std::string::npos) << old.reason;
  EXPECT_TRUE(gate("2.0.0").open);
}

TEST_F(MigratorTest, BackfillBatchesCommitWithTheirCheckpointAndResumeWithoutRepeating) {
  std::string rows;
  for (int i = 1; i <= 25; ++i) rows += (i > 1 ? ", " : "") + std::string("(") + std::to_string(i) + ", 0)";
  Write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL);\nINSERT INTO t (id, v) VALUES " + rows + ";\n");
  ASSERT_TRUE(Apply().ok());
  // A non-idempotent backfill: any repeated batch would show as v = 2.
  Write("0002_bump.sql", "-- migrate:backfill batch=10\nUPDATE t SET v = v + 1;\n");
  int updates_before = Sent("UPDATE t SET v = v + 1");
  // Fail the second batch (the first statement with a lower key bound): the first batch's rows
  // and checkpoint are committed.
  conn_->FailNext("> ?", Status::Database("connection lost"), 1);
  Status s = Apply();
  ASSERT_EQ(s.code(), StatusCode::kDatabase) << s.message();
  EXPECT_EQ(One("SELECT count(*) FROM t WHERE v = 1"), "10");
  Result<std::optional<BackfillCheckpoint>> cp = state_->Checkpoint("0002", 0);
  ASSERT_TRUE(cp.ok() && *cp);
  EXPECT_EQ((*cp)->rows_done, 10);
  EXPECT_FALSE((*cp)->done);
  ASSERT_TRUE((*cp)->last_key.has_value());
  EXPECT_EQ((*cp)->last_key->at(0).value_or(""), "10");
  EXPECT_EQ(Row("0002").phase, Phase::kBackfilling);

  s = Run([](Migrator& m, OperationReport* r) { return m.Backfill(r); });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(One("SELECT count(*) FROM t WHERE v = 1"), "25");
  EXPECT_EQ(One("SELECT count(*) FROM t WHERE v <> 1"), "0");
  cp = state_->Checkpoint("0002", 0);
  EXPECT_EQ((*cp)->rows_done, 25);
  EXPECT_TRUE((*cp)->done);
  EXPECT_EQ(Row("0002").phase, Phase::kBackfilled);
  EXPECT_GT(Sent("UPDATE t SET v = v + 1"), updates_before);
}

TEST_F(MigratorTest, ASectionKeyThatDoesNotExistIsRefusedNamingTheStatement) {
  // A key named in the section must exist (SQLite would read an unknown "nope" as a string).
  Write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER);\n");
  Write("0002_fill.sql", "-- migrate:backfill key=nope\nUPDATE t SET v = 1;\n");
  Status s = Apply();
  EXPECT_EQ(s.code(), StatusCode::kInput);
  EXPECT_NE(s.message().find("0002_fill.sql:2:1"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("has no column nope"), std::string::npos) << s.message();
}

TEST_F(MigratorTest, CancellationStopsBeforeTheNextStepAndIsRecorded) {
  Write("0001_users.sql", kUsers);
  cancel_.Cancel();
  Status s = Apply();
  EXPECT_EQ(s.code(), StatusCode::kCancelled);
  EXPECT_EQ(Row("0001").phase, Phase::kExpanding);
  EXPECT_NE(Row("0001").error.find("cancelled"), std::string::npos);
}

TEST_F(MigratorTest, RollbackUndoesTheNewestExpandAndForgetsIt) {
  Write("0001_users.sql", kUsers);
  Write("0002_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;\nCREATE INDEX users_email ON users (email);\n");
  ASSERT_TRUE(Apply().ok());
  Status s = Run([](Migrator& m, OperationReport* r) { return m.Rollback(r); });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(One("SELECT count(*) FROM pragma_table_info('users') WHERE name = 'email'"), "0");
  EXPECT_EQ(One("SELECT count(*) FROM sqlite_master WHERE name = 'users_email'"), "0");
  EXPECT_EQ(One("SELECT count(*) FROM migrate_history WHERE version = '0002'"), "0");
  // It can be applied again.
  ASSERT_TRUE(Apply().ok());
  EXPECT_EQ(Row("0002").phase, Phase::kBackfilled);
}

TEST_F(MigratorTest, RollbackRefusesAfterTheContractAndWhileNewerInstancesAreLive) {
  Write("0001_users.sql", kUsers);
  Write("0002_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n");
  ASSERT_TRUE(Apply().ok());
  clock_.Advance(Millis(5000));
  ASSERT_TRUE(state_->RegisterInstance("api", "web-1", "2.0.0", Millis(60'000)).ok());
  Status s = Run([](Migrator& m, OperationReport* r) { return m.Rollback(r); });
  EXPECT_EQ(s.code(), StatusCode::kGateClosed);
  EXPECT_NE(s.message().find("web-1"), std::string::npos) << s.message();
  options_.force = true;
  EXPECT_TRUE(Run([](Migrator& m, OperationReport* r) { return m.Rollback(r); }).ok());
  options_.force = false;

  Write("0002_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n");
  Write("0003_full_name.sql", kFullName);
  ASSERT_TRUE(Apply().ok());
  options_.live_versions = std::vector<LiveInstance>{{"api", "entry 1", "2.0.0", "--live-versions"}};
  ASSERT_TRUE(Contract().ok());
  s = Run([](Migrator& m, OperationReport* r) { return m.Rollback(r); });
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_NE(s.message().find("contract already ran"), std::string::npos) << s.message();
}

TEST_F(MigratorTest, BaselineRecordsWithoutRunning) {
  Write("0001_users.sql", kUsers);
  Write("0002_email.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n");
  Write("0003_phone.sql", "CREATE TABLE phones (id INTEGER PRIMARY KEY);\n");
  conn_->inner().Execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, visits INTEGER NOT NULL DEFAULT 0, email TEXT)");
  Status s = Run([](Migrator& m, OperationReport* r) { return m.Baseline("0002", r); });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_TRUE(Row("0001").baselined);
  EXPECT_TRUE(Row("0002").baselined);
  conn_->ClearLog();
  ASSERT_TRUE(Apply().ok());
  EXPECT_EQ(Sent("CREATE TABLE users"), 0);
  EXPECT_EQ(Sent("CREATE TABLE phones"), 1);
  EXPECT_EQ(Run([](Migrator& m, OperationReport* r) { return m.Baseline("0009", r); }).code(), StatusCode::kUsage);
}

}  // namespace
}  // namespace migrate
