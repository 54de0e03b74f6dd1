// The engine commands end to end, through the migrate binary, on a fresh MariaDB database and on
// a fresh SQLite file: one parameterised suite, instantiated as Mysql/EngineTest.* and
// Sqlite/EngineTest.*. Migration files are written in each dialect; the database is checked
// through a driver connection.
#include <signal.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "integration/db_fixture.h"

namespace migrate::dbtest {
namespace {

using nlohmann::json;

class EngineTest : public DbTest {
 protected:
  std::string Users() {
    return db().S("CREATE TABLE users (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL);\n",
                  "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
  }
  std::string FullName(const std::string& requires_app = "2.0.0") {
    return "-- migrate:expand\n" +
           db().S("ALTER TABLE users ADD COLUMN full_name VARCHAR(255) NULL;\n", "ALTER TABLE users ADD COLUMN full_name TEXT;\n") +
           "\n-- migrate:backfill batch=4\nUPDATE users SET full_name = name WHERE full_name IS NULL;\n\n"
           "-- migrate:contract requires-app=" + requires_app + "\nALTER TABLE users DROP COLUMN name;\n";
  }
  void FillUsers(int n) {
    ASSERT_TRUE(db().FillSequence("users", "id, name", db().S("n, CONCAT('user', n)", "n, 'user' || n"), n));
  }
  bool HasColumn(const std::string& table, const std::string& column) {
    return db().Int(db().S("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '" +
                               table + "' AND column_name = '" + column + "'",
                           "SELECT COUNT(*) FROM pragma_table_info('" + table + "') WHERE name = '" + column + "'")) == 1;
  }
  bool HasTable(const std::string& table) {
    return db().Int(db().S("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '" +
                               table + "'",
                           "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) == 1;
  }
  json Json(const RunResult& r) {
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j;
  }
  // Applies and expects exit 0.
  void Apply(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"apply"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = db().Migrate(args);
    ASSERT_EQ(r.exit_code, 0) << r.Describe() << "\nstdout: " << r.out;
  }
};

// apply: expand then backfill in batches over the primary key; the contract waits.
TEST_P(EngineTest, ApplyRunsExpandThenBackfillInBatches) {
  db().Write("0001_users.sql", Users());
  Apply();
  FillUsers(25);
  db().Write("0002_full_name.sql", FullName());
  RunResult r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "0002_full_name.sql: expanded"));
  EXPECT_TRUE(Contains(r.out, "0002_full_name.sql: backfilled"));
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM users WHERE full_name = name"), 25);
  EXPECT_TRUE(HasColumn("users", "name")) << "the contract must wait for the gate";
  // 25 rows in batches of 4: six batches up to a found upper key, then the last one.
  EXPECT_EQ(db().Int("SELECT batches FROM migrate_backfill WHERE version = '0002'"), 7);
  EXPECT_EQ(db().Int("SELECT rows_done FROM migrate_backfill WHERE version = '0002'"), 25);
  EXPECT_EQ(db().Scalar("SELECT phase FROM migrate_history WHERE version = '0002'"), "backfilled");

  r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "nothing to apply"));
}

// A failing backfill batch: exit 5, committed batches stay; `migrate backfill` resumes at the
// failed batch once the cause is fixed, and processes no row twice.
TEST_P(EngineTest, BackfillCommandResumesAfterAFailedBatch) {
  db().Write("0001_t.sql", "CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v INT NOT NULL, CHECK (v < 1000));\n");
  Apply();
  ASSERT_TRUE(db().FillSequence("t", "id, v", "n, n", 100));
  ASSERT_TRUE(db().Exec("UPDATE t SET v = 600 WHERE id = 50"));
  db().Write("0002_bump.sql", "-- migrate:backfill batch=10\nUPDATE t SET v = v + 500;\n");
  RunResult r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 5) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "0002_bump.sql:2:1"));
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM t WHERE v = id + 500"), 40) << "batches 1-4 committed, batch 5 rolled back";

  RunResult st = db().Migrate({"status", "--format", "json"});
  ASSERT_EQ(st.exit_code, 0) << st.Describe();
  json j = Json(st);
  ASSERT_EQ(j["migrations"].size(), 2u) << st.out;
  EXPECT_EQ(j["migrations"][1]["phase"], "backfilling");
  EXPECT_TRUE(j["migrations"][1].contains("error")) << st.out;
  EXPECT_EQ(j["migrations"][1]["backfills"][0]["rows_done"], 40) << st.out;
  EXPECT_EQ(j["migrations"][1]["backfills"][0]["done"], false);

  ASSERT_TRUE(db().Exec("UPDATE t SET v = 100 WHERE id = 50"));
  r = db().Migrate({"backfill"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "0002_bump.sql: backfilled"));
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM t WHERE v = id + 500"), 99);
  EXPECT_EQ(db().Int("SELECT v FROM t WHERE id = 50"), 600);
  EXPECT_EQ(db().Scalar("SELECT phase FROM migrate_history WHERE version = '0002'"), "backfilled");
  EXPECT_EQ(db().Scalar("SELECT COALESCE(error_message, 'none') FROM migrate_history WHERE version = '0002'"), "none");

  r = db().Migrate({"backfill"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "nothing to backfill"));
}

TEST_P(EngineTest, RegisterDeregisterAndTtlExpiry) {
  db().Write("0001_users.sql", Users());
  db().Write("0002_full_name.sql", FullName());
  Apply();

  RunResult r = db().Migrate({"register", "--instance", "web-1", "--app-version", "1.2.0"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "registered api/web-1 at 1.2.0"));
  EXPECT_EQ(db().Scalar("SELECT app_version FROM migrate_instances WHERE app = 'api' AND instance = 'web-1'"), "1.2.0");
  r = db().Migrate({"register", "--instance", "web-1", "--app-version", "1.3.0"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM migrate_instances"), 1);
  EXPECT_EQ(db().Scalar("SELECT app_version FROM migrate_instances WHERE instance = 'web-1'"), "1.3.0");
  r = db().Migrate({"register", "--instance", "web-1", "--deregister"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM migrate_instances"), 0);

  r = db().Migrate({"register", "--instance", "web-1", "--app-version", "banana"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();

  // A 1 s heartbeat opens the gate while it lives, and no longer once it has expired.
  r = db().Migrate({"register", "--instance", "web-2", "--app-version", "2.0.0", "--ttl", "1s"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  RunResult st = db().Migrate({"status", "--format", "json"});
  ASSERT_EQ(st.exit_code, 0) << st.Describe();
  EXPECT_EQ(Json(st)["migrations"][1]["gate"]["open"], true) << st.out;
  SleepMs(2200);
  st = db().Migrate({"status", "--format", "json"});
  ASSERT_EQ(st.exit_code, 0) << st.Describe();
  EXPECT_EQ(Json(st)["migrations"][1]["gate"]["open"], false) << st.out;
  r = db().Migrate({"contract"});
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
  EXPECT_TRUE(HasColumn("users", "name"));
}

TEST_P(EngineTest, StatusTextAndJson) {
  db().Write("0001_users.sql", Users());
  Apply();
  FillUsers(25);
  db().Write("0002_full_name.sql", FullName());
  Apply();
  db().Write("0003_pending.sql", db().S("CREATE TABLE later (id INT PRIMARY KEY);\n", "CREATE TABLE later (id INTEGER PRIMARY KEY);\n"));

  RunResult r = db().Migrate({"status"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "0001_users.sql  complete"));
  EXPECT_TRUE(Contains(r.out, "0002_full_name.sql  backfilled"));
  EXPECT_TRUE(Contains(r.out, "backfill users: 25 rows"));
  EXPECT_TRUE(Contains(r.out, "contract gate closed"));
  EXPECT_TRUE(Contains(r.out, "0003_pending.sql  pending"));
  EXPECT_EQ(r.out.find("migrate:migrate@"), std::string::npos) << "the password must not be printed: " << r.out;

  r = db().Migrate({"status", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  json j = Json(r);
  ASSERT_EQ(j["migrations"].size(), 3u);
  EXPECT_EQ(j["migrations"][0]["phase"], "complete");
  EXPECT_EQ(j["migrations"][1]["phase"], "backfilled");
  EXPECT_EQ(j["migrations"][1]["backfills"][0]["rows_done"], 25);
  EXPECT_EQ(j["migrations"][1]["backfills"][0]["table"], "users");
  EXPECT_EQ(j["migrations"][1]["gate"]["open"], false);
  EXPECT_EQ(j["migrations"][2]["phase"], "pending");
}

// plan reads only: on a fresh database no migrate_ table appears, and later nothing is written.
TEST_P(EngineTest, PlanWritesNothing) {
  db().Write("0001_users.sql", Users());
  db().Write("0002_full_name.sql", FullName());
  RunResult r = db().Migrate({"plan"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "0001_users.sql (pending)"));
  EXPECT_TRUE(Contains(r.out, "0002_full_name.sql (pending)"));
  EXPECT_TRUE(Contains(r.out, "ALTER TABLE users DROP COLUMN name;"));
  r = db().Migrate({"plan", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  json j = Json(r);
  ASSERT_EQ(j["migrations"].size(), 2u);
  EXPECT_EQ(j["migrations"][1]["steps"].size(), 3u) << r.out;
  EXPECT_EQ(j["migrations"][1]["gate"]["open"], false);
  EXPECT_TRUE(db().StateTables().empty()) << "plan created state tables";
  EXPECT_FALSE(HasTable("users"));

  Apply();
  int64_t log_rows = db().Int("SELECT COUNT(*) FROM migrate_log");
  r = db().Migrate({"plan", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  j = Json(r);
  ASSERT_EQ(j["migrations"].size(), 1u) << "only the pending contract remains: " << r.out;
  EXPECT_EQ(j["migrations"][0]["phase"], "backfilled");
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM migrate_log"), log_rows);
}

TEST_P(EngineTest, RollbackDerivesTheInverseAndRefusesWhatItCannotUndo) {
  db().Write("0001_users.sql", Users());
  db().Write("0002_nickname.sql", db().S("ALTER TABLE users ADD COLUMN nickname VARCHAR(64) NULL;\n"
                                         "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT);\n",
                                         "ALTER TABLE users ADD COLUMN nickname TEXT;\n"
                                         "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n"));
  Apply();
  ASSERT_TRUE(HasColumn("users", "nickname"));
  RunResult r = db().Migrate({"rollback"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "0002_nickname.sql: rolled back (2 statements)"));
  EXPECT_FALSE(HasColumn("users", "nickname"));
  EXPECT_FALSE(HasTable("notes"));
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM migrate_history WHERE version = '0002'"), 0);
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM migrate_progress WHERE version = '0002'"), 0);
  Apply();  // the file applies again after its rollback
  EXPECT_TRUE(HasColumn("users", "nickname"));

  // Inserted rows cannot be undone safely: refused, naming the statement.
  db().Write("0003_seed.sql", "INSERT INTO users (id, name) VALUES (1000, 'seed');\n");
  Apply();
  r = db().Migrate({"rollback"});
  EXPECT_EQ(r.exit_code, 6) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "cannot roll back 0003_seed.sql"));
  EXPECT_TRUE(Contains(r.err, "0003_seed.sql:1"));
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM users WHERE id = 1000"), 1);
}

TEST_P(EngineTest, RollbackRefusesAfterTheContractRan) {
  db().Write("0001_users.sql", Users());
  db().Write("0002_full_name.sql", FullName());
  Apply();
  RunResult r = db().Migrate({"contract", "--live-versions", "2.0.0"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  r = db().Migrate({"rollback"});
  EXPECT_EQ(r.exit_code, 6) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "its contract already ran"));
  EXPECT_TRUE(HasColumn("users", "full_name"));
}

TEST_P(EngineTest, RollbackRefusesWhileANewerInstanceIsLiveUnlessForced) {
  db().Write("0001_users.sql", Users());
  db().Write("0002_nickname.sql", db().S("ALTER TABLE users ADD COLUMN nickname VARCHAR(64) NULL;\n",
                                         "ALTER TABLE users ADD COLUMN nickname TEXT;\n"));
  Apply();
  RunResult r = db().Migrate({"register", "--instance", "web-9", "--app-version", "2.0.0"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  r = db().Migrate({"rollback"});
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "api/web-9 (2.0.0)"));
  EXPECT_TRUE(Contains(r.err, "--force"));
  EXPECT_TRUE(HasColumn("users", "nickname"));
  r = db().Migrate({"rollback", "--force"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_FALSE(HasColumn("users", "nickname"));
}

TEST_P(EngineTest, BaselineAdoptsAnExistingDatabase) {
  ASSERT_TRUE(db().Exec(Users()));  // created by hand, before migrate
  db().Write("0001_users.sql", Users());
  db().Write("0002_nickname.sql", db().S("ALTER TABLE users ADD COLUMN nickname VARCHAR(64) NULL;\n",
                                         "ALTER TABLE users ADD COLUMN nickname TEXT;\n"));
  RunResult r = db().Migrate({"baseline", "--version", "0099"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  r = db().Migrate({"baseline", "--version", "0001"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "0001_users.sql: baselined"));
  r = db().Migrate({"apply"});  // CREATE TABLE users would fail if it ran
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_EQ(r.out.find("0001_users.sql"), std::string::npos) << r.out;
  EXPECT_TRUE(HasColumn("users", "nickname"));
  r = db().Migrate({"status"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "0001_users.sql  baselined"));
  EXPECT_TRUE(Contains(r.out, "0002_nickname.sql  complete"));
  r = db().Migrate({"rollback"});  // 0002 can be undone; then 0001 is baselined: refused
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  r = db().Migrate({"rollback"});
  EXPECT_EQ(r.exit_code, 6) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "baselined"));
  EXPECT_TRUE(HasTable("users"));
}

// A failure in the middle of a migration, then a rerun that finishes it. On MariaDB each DDL
// commits implicitly, so progress is recorded per statement and statement 1 must not run again
// (it would fail with "Duplicate column"). On SQLite the failed statement leaves nothing behind.
TEST_P(EngineTest, FailureInTheMiddleThenRerunContinues) {
  db().Write("0001_t.sql", db().S("CREATE TABLE t (id INT PRIMARY KEY);\nCREATE TABLE colors (id INT PRIMARY KEY, name VARCHAR(20));\n",
                                  "CREATE TABLE t (id INTEGER PRIMARY KEY);\nCREATE TABLE colors (id INTEGER PRIMARY KEY, name TEXT);\n"));
  Apply();
  db().Write("0002_abc.sql", db().S("ALTER TABLE t ADD COLUMN a INT;\nALTER TABLE t ADD COLUMN b INT;\nALTER TABLE t ADD COLUMN c INT;\n",
                                    "ALTER TABLE t ADD COLUMN a INT;\nINSERT INTO colors (id, name) VALUES (1, 'red'), (2, 'green');\n"
                                    "ALTER TABLE t ADD COLUMN c INT;\n"));
  // The conflict: column b exists already (MariaDB), row 2 exists already (SQLite).
  ASSERT_TRUE(db().Exec(db().S("ALTER TABLE t ADD COLUMN b INT", "INSERT INTO colors (id, name) VALUES (2, 'taken')")));

  RunResult r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 5) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "0002_abc.sql:2:1"));
  EXPECT_TRUE(Contains(r.err, db().S("Duplicate column name 'b'", "UNIQUE constraint failed")));
  EXPECT_TRUE(HasColumn("t", "a"));
  EXPECT_FALSE(HasColumn("t", "c"));
  if (!db().mysql()) EXPECT_EQ(db().Int("SELECT COUNT(*) FROM colors"), 1) << "the failed INSERT left a row behind";
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM migrate_progress WHERE version = '0002'"), 1);

  RunResult st = db().Migrate({"status"});
  ASSERT_EQ(st.exit_code, 0) << st.Describe();
  EXPECT_TRUE(Contains(st.out, "0002_abc.sql  expanding"));
  EXPECT_TRUE(Contains(st.out, "failed at " + db().dir() + "/0002_abc.sql:2:1"));

  ASSERT_TRUE(db().Exec(db().S("ALTER TABLE t DROP COLUMN b", "DELETE FROM colors WHERE id = 2")));
  r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "continuing after the recorded failure"));
  EXPECT_TRUE(HasColumn("t", "b") || !db().mysql());
  EXPECT_TRUE(HasColumn("t", "c"));
  if (!db().mysql()) EXPECT_EQ(db().Scalar("SELECT group_concat(name) FROM (SELECT name FROM colors ORDER BY id)"), "red,green");
  st = db().Migrate({"status"});
  EXPECT_TRUE(Contains(st.out, "0002_abc.sql  complete"));
  EXPECT_EQ(st.out.find("failed"), std::string::npos) << st.out;
}

TEST_P(EngineTest, ChecksumMismatchAndOutOfOrderAreValidationErrors) {
  db().Write("0001_users.sql", Users());
  db().Write("0003_nickname.sql", db().S("ALTER TABLE users ADD COLUMN nickname VARCHAR(64) NULL;\n",
                                         "ALTER TABLE users ADD COLUMN nickname TEXT;\n"));
  Apply();
  const std::string original = db().Read("0003_nickname.sql");

  db().Write("0003_nickname.sql", original + "-- edited after the fact\n");
  RunResult r = db().Migrate({"apply"});
  EXPECT_EQ(r.exit_code, 6) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "0003_nickname.sql was edited after it was applied"));
  r = db().Migrate({"status"});
  EXPECT_EQ(r.exit_code, 6) << r.Describe();

  // CRLF line ends (a Windows checkout) are not an edit.
  std::string crlf;
  for (char c : original) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  db().Write("0003_nickname.sql", crlf);
  r = db().Migrate({"apply"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();

  db().Write("0002_late.sql", db().S("CREATE TABLE late (id INT PRIMARY KEY);\n", "CREATE TABLE late (id INTEGER PRIMARY KEY);\n"));
  r = db().Migrate({"apply"});
  EXPECT_EQ(r.exit_code, 6) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "0002_late.sql is older than the newest applied migration (0003)"));
  EXPECT_FALSE(HasTable("late"));
}

// Two applies at once: the second waits --lock-wait 1s, then exits 4 naming the holder; the
// migration's side effects happen once.
TEST_P(EngineTest, TwoAppliesAtOnceOnlyOneRuns) {
  db().WriteConfig("[engine]\nbatch-pause = \"150ms\"\n");
  db().Write("0001_t.sql", db().S("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL);\nCREATE TABLE marks (x INT);\n",
                                  "CREATE TABLE t (id INTEGER PRIMARY KEY, v INT NOT NULL);\nCREATE TABLE marks (x INT);\n"));
  Apply();
  ASSERT_TRUE(db().FillSequence("t", "id, v", "n, n", 300));
  db().Write("0002_slow.sql", "-- migrate:expand\nINSERT INTO marks (x) VALUES (1);\n\n"
                              "-- migrate:backfill batch=10\nUPDATE t SET v = v + 1;\n");
  Background first = db().Start({"apply"});
  // Wait until the first holds the lock and is in its backfill.
  bool started = false;
  for (int i = 0; i < 500 && !started; ++i) {
    SleepMs(20);
    started = db().Int("SELECT COUNT(*) FROM migrate_backfill WHERE version = '0002'") > 0;
  }
  ASSERT_TRUE(started) << first.Err();
  RunResult second = db().Migrate({"apply", "--lock-wait", "1s"});
  EXPECT_EQ(second.exit_code, 4) << second.Describe();
  EXPECT_TRUE(Contains(second.err, "another migrator holds"));
  if (db().mysql()) {
    EXPECT_TRUE(Contains(second.err, "(migrate@"));
  } else {
    EXPECT_TRUE(Contains(second.err, "migrate pid " + std::to_string(first.pid())));
  }
  EXPECT_GE(second.seconds, 0.9);
  std::optional<int> rc = first.Wait();
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, 0) << first.Err();
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM marks"), 1);
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM t WHERE v = id + 1"), 300);
  RunResult again = db().Migrate({"apply", "--lock-wait", "1s"});
  EXPECT_EQ(again.exit_code, 0) << again.Describe();
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM marks"), 1);
}

// Backfill keys: a composite primary key, a UNIQUE NOT NULL key, SQLite's rowid; on MariaDB a table
// without a usable key is refused.
TEST_P(EngineTest, BackfillBatchesOverCompositeAndUniqueKeys) {
  db().Write("0001_tables.sql",
             db().S("CREATE TABLE pairs (a INT NOT NULL, b INT NOT NULL, v INT NOT NULL, PRIMARY KEY (a, b));\n"
                    "CREATE TABLE codes (code VARCHAR(20) NOT NULL, v INT NOT NULL, UNIQUE KEY codes_code (code));\n",
                    "CREATE TABLE pairs (a INT NOT NULL, b INT NOT NULL, v INT NOT NULL, PRIMARY KEY (a, b));\n"
                    "CREATE TABLE codes (code TEXT NOT NULL, v INT NOT NULL, UNIQUE (code));\n"));
  Apply();
  ASSERT_TRUE(db().FillSequence("pairs", "a, b, v", db().S("(n - 1) DIV 10, (n - 1) MOD 10, 0", "(n - 1) / 10, (n - 1) % 10, 0"), 100));
  ASSERT_TRUE(db().FillSequence("codes", "code, v", db().S("CONCAT('c', n), 0", "'c' || n, 0"), 50));
  db().Write("0002_bump.sql", "-- migrate:backfill batch=7\nUPDATE pairs SET v = v + 1;\nUPDATE codes SET v = v + 1;\n");
  Apply();
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM pairs WHERE v = 1"), 100);
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM codes WHERE v = 1"), 50);
  EXPECT_EQ(db().Scalar("SELECT key_columns FROM migrate_backfill WHERE version = '0002' AND stmt_index = 0"), "[\"a\",\"b\"]");
  EXPECT_EQ(db().Int("SELECT batches FROM migrate_backfill WHERE version = '0002' AND stmt_index = 0"), 15);
  EXPECT_EQ(db().Scalar("SELECT key_columns FROM migrate_backfill WHERE version = '0002' AND stmt_index = 1"), "[\"code\"]");
  EXPECT_EQ(db().Int("SELECT batches FROM migrate_backfill WHERE version = '0002' AND stmt_index = 1"), 8);
}

// kill -9 during a backfill of 200,000 rows with a non-idempotent UPDATE (batch=500); the rerun
// resumes after the last committed batch: every row is updated exactly once.
TEST_P(EngineTest, KillDuringBackfillThenResumeUpdatesEveryRowOnce) {
  db().Write("0001_big.sql", db().S("CREATE TABLE big (id INT NOT NULL PRIMARY KEY, orig INT NOT NULL, v INT NOT NULL);\n",
                                    "CREATE TABLE big (id INTEGER PRIMARY KEY, orig INT NOT NULL, v INT NOT NULL);\n"));
  Apply();
  const int64_t kRows = 200000;
  ASSERT_TRUE(db().FillSequence("big", "id, orig, v", "n, n, n", kRows));
  db().Write("0002_bump.sql", "-- migrate:backfill batch=500\nUPDATE big SET v = v + 1;\n");

  // A rows-per-second ceiling keeps the backfill running long enough to be killed in the middle
  // (SQLite otherwise finishes 200,000 rows in about a second); it only spaces the batches.
  Background run = db().Start({"apply", "--max-rows-per-second", "40000"});
  int64_t seen = 0;
  for (int i = 0; i < 6000 && run.running(); ++i) {
    Result<Rows> r = db().conn().Query("SELECT rows_done FROM migrate_backfill WHERE version = '0002'");
    if (r.ok() && !r->rows.empty()) seen = std::stoll(r->rows[0][0].value_or("0"));
    if (seen >= 30000) break;
    SleepMs(2);
  }
  ASSERT_TRUE(run.running()) << "the backfill finished before it could be killed (" << seen << " rows seen)";
  run.Kill(SIGKILL);
  std::optional<int> rc = run.Wait();
  ASSERT_TRUE(rc.has_value());
  EXPECT_EQ(*rc, -SIGKILL);

  const int64_t recorded = db().Int("SELECT rows_done FROM migrate_backfill WHERE version = '0002'");
  const int64_t updated = db().Int("SELECT COUNT(*) FROM big WHERE v = orig + 1");
  const int64_t twice = db().Int("SELECT COUNT(*) FROM big WHERE v > orig + 1");
  std::cout << "[ kill -9 ] " << DialectName(GetParam()) << ": killed with " << recorded << " of " << kRows
            << " rows recorded in the checkpoint; " << updated << " rows updated\n";
  EXPECT_LT(recorded, kRows);
  EXPECT_EQ(updated, recorded) << "the checkpoint must commit with its batch";
  EXPECT_EQ(twice, 0);
  EXPECT_EQ(db().Int("SELECT done FROM migrate_backfill WHERE version = '0002'"), 0);

  RunResult r = db().Migrate({"apply"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "resuming the backfill of big"));
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM big WHERE v = orig + 1"), kRows);
  EXPECT_EQ(db().Int("SELECT COUNT(*) FROM big WHERE v <> orig + 1"), 0);
  EXPECT_EQ(db().Int("SELECT rows_done FROM migrate_backfill WHERE version = '0002'"), kRows);
  std::cout << "[ kill -9 ] " << DialectName(GetParam()) << ": after the rerun " << kRows
            << " rows updated exactly once\n";
}

// The version gate (SPEC §6).
TEST_P(EngineTest, ContractGateAndDeployGate) {
  db().Write("0001_users.sql", Users());
  db().Write("0002_full_name.sql", FullName("2.0.0"));
  db().Write("0003_tmp.sql", "-- migrate:expand\n" +
                                 db().S("ALTER TABLE users ADD COLUMN tmp INT NULL;\n", "ALTER TABLE users ADD COLUMN tmp INT;\n") +
                                 "\n-- migrate:contract requires-app=3.0.0\nALTER TABLE users DROP COLUMN tmp;\n");

  RunResult r = db().Migrate({"gate", "--app-version", "1.0.0"});
  EXPECT_EQ(r.exit_code, 3) << r.Describe();  // nothing applied yet
  Apply();
  r = db().Migrate({"gate", "--app-version", "1.5.0"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe() << r.out;  // expanded and backfilled, no contract ran

  r = db().Migrate({"contract"});  // no version information at all
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "0002_full_name.sql"));
  EXPECT_TRUE(HasColumn("users", "name"));

  ASSERT_EQ(db().Migrate({"register", "--instance", "web-1", "--app-version", "1.4.0"}).exit_code, 0);
  r = db().Migrate({"contract"});
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "web-1"));
  EXPECT_TRUE(HasColumn("users", "name"));

  // --live-versions replaces the registry for one run: it can close a gate the registry opens.
  ASSERT_EQ(db().Migrate({"register", "--instance", "web-1", "--app-version", "2.0.0"}).exit_code, 0);
  r = db().Migrate({"contract", "--live-versions", "1.9.0,2.0.0"});
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
  EXPECT_TRUE(HasColumn("users", "name"));

  // The same instance now at 2.0.0: 0002 contracts; 0003 needs 3.0.0 and waits.
  r = db().Migrate({"contract"});
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "0003_tmp.sql"));
  EXPECT_FALSE(HasColumn("users", "name"));
  EXPECT_TRUE(HasColumn("users", "tmp"));
  EXPECT_EQ(db().Scalar("SELECT phase FROM migrate_history WHERE version = '0002'"), "contracted");

  // Deploying 1.9.0 now would run old code against a schema without users.name.
  r = db().Migrate({"gate", "--app-version", "1.9.0"});
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "2.0.0"));
  r = db().Migrate({"gate", "--app-version", "2.0.0"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe() << r.out;
  r = db().Migrate({"gate", "--app-version", "2.0.0", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_EQ(Json(r)["open"], true);

  // --live-versions can also open a gate the registry keeps closed.
  r = db().Migrate({"contract", "--live-versions", "3.0.0"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_FALSE(HasColumn("users", "tmp"));
  r = db().Migrate({"gate", "--app-version", "2.5.0"});
  EXPECT_EQ(r.exit_code, 3) << r.Describe();
}

INSTANTIATE_TEST_SUITE_P(Mysql, EngineTest, ::testing::Values(Dialect::kMysql), DialectParamName);
INSTANTIATE_TEST_SUITE_P(Sqlite, EngineTest, ::testing::Values(Dialect::kSqlite), DialectParamName);

}  // namespace
}  // namespace migrate::dbtest
