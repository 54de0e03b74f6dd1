// Every engine command on PostgreSQL 15, end to end through the binary: apply (expand +
// backfill), backfill, contract behind the gate, gate, register (TTL, --deregister), status and
// plan (text and JSON; plan writes nothing), rollback (the derived inverse, its refusals) and
// baseline; checksum and order validation (exit 6).
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "integration/pg_fixture.h"

namespace migrate::itest {
namespace {

constexpr const char* kUsers =
    "-- migrate:expand\n"
    "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n"
    "INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'bob'), (3, 'cy'), (4, 'di'), (5, 'ed');\n";

constexpr const char* kFullName =
    "-- migrate:expand\n"
    "ALTER TABLE users ADD COLUMN full_name text;\n"
    "\n"
    "-- migrate:backfill batch=2\n"
    "UPDATE users SET full_name = upper(name) WHERE full_name IS NULL;\n"
    "\n"
    "-- migrate:contract requires-app=2.0.0\n"
    "ALTER TABLE users DROP COLUMN name;\n";

class PostgresCommands : public PgTest {
 protected:
  std::string Phase(const std::string& version) {
    return Scalar("SELECT phase FROM migrate.history WHERE version = '" + version + "'");
  }
  bool ColumnExists(const std::string& table, const std::string& column) {
    return Int("SELECT count(*) FROM information_schema.columns WHERE table_name = '" + table +
               "' AND column_name = '" + column + "'") > 0;
  }
};

TEST_F(PostgresCommands, PlanWritesNothingThenApplyStatusBackfillContractGate) {
  WriteMigration("0001_users.sql", kUsers);
  WriteMigration("0002_full_name.sql", kFullName);

  // plan on a fresh database: text and JSON, and nothing written (no `migrate` schema).
  auto plan = Migrate("plan");
  ASSERT_EQ(plan.exit_code, 0) << Show(plan);
  EXPECT_CONTAINS(plan.out, "0001_users.sql (pending)");
  EXPECT_CONTAINS(plan.out, "ALTER TABLE users ADD COLUMN full_name text;");
  EXPECT_CONTAINS(plan.out, "lock ACCESS EXCLUSIVE");
  EXPECT_CONTAINS(plan.out, "contract gate closed");
  auto plan_json = Migrate("plan", {"--format", "json"});
  ASSERT_EQ(plan_json.exit_code, 0) << Show(plan_json);
  nlohmann::json pj = nlohmann::json::parse(plan_json.out);
  ASSERT_EQ(pj["migrations"].size(), 2u) << plan_json.out;
  EXPECT_EQ(pj["migrations"][1]["name"], "0002_full_name.sql");
  EXPECT_EQ(pj["migrations"][1]["phase"], "pending");
  EXPECT_EQ(pj["migrations"][1]["gate"]["open"], false);
  bool saw_backfill = false;
  for (const auto& step : pj["migrations"][1]["steps"]) {
    if (step["section"] == "backfill") {
      saw_backfill = true;
      EXPECT_EQ(step["batches"]["batch_size"], 2);
      EXPECT_EQ(step["batches"]["table"], "users");
    }
  }
  EXPECT_TRUE(saw_backfill) << plan_json.out;
  EXPECT_FALSE(SchemaExists("migrate")) << "plan must not create the state store";
  EXPECT_EQ(Int("SELECT count(*) FROM pg_tables WHERE tablename = 'users'"), 0);

  // status on a fresh database is read only too.
  auto st0 = Migrate("status");
  ASSERT_EQ(st0.exit_code, 0) << Show(st0);
  EXPECT_CONTAINS(st0.out, "0001_users.sql  pending");
  EXPECT_FALSE(SchemaExists("migrate"));

  // gate before anything is applied: closed.
  auto g0 = Migrate("gate", {"--app-version", "2.0.0"});
  EXPECT_EQ(g0.exit_code, 3) << Show(g0);

  // apply: expand then backfill, in version order.
  auto apply = Migrate("apply");
  ASSERT_EQ(apply.exit_code, 0) << Show(apply);
  EXPECT_CONTAINS(apply.out, "0001_users.sql: expanded");
  EXPECT_CONTAINS(apply.out, "0002_full_name.sql: expanded");
  EXPECT_CONTAINS(apply.out, "0002_full_name.sql: backfilled");
  EXPECT_EQ(Int("SELECT count(*) FROM users WHERE full_name = upper(name)"), 5);
  EXPECT_EQ(Phase("0001"), "backfilled");
  EXPECT_EQ(Phase("0002"), "backfilled");
  // The role is `migrate`: its "$user" schema (the state store) must not catch the app's tables.
  EXPECT_EQ(Scalar("SELECT string_agg(schemaname, ',') FROM pg_tables WHERE tablename = 'users'"), "public");
  EXPECT_EQ(Int("SELECT rows_done FROM migrate.backfill WHERE version = '0002'"), 5);
  EXPECT_EQ(Int("SELECT batches FROM migrate.backfill WHERE version = '0002'"), 3);
  EXPECT_EQ(Int("SELECT done FROM migrate.backfill WHERE version = '0002'"), 1);

  // status: text and JSON.
  auto st = Migrate("status");
  ASSERT_EQ(st.exit_code, 0) << Show(st);
  EXPECT_CONTAINS(st.out, "0001_users.sql  complete");
  EXPECT_CONTAINS(st.out, "0002_full_name.sql  backfilled");
  EXPECT_CONTAINS(st.out, "backfill users: 5 rows");
  EXPECT_CONTAINS(st.out, "contract gate closed");
  EXPECT_EQ(st.out.find("migrate:migrate@"), std::string::npos) << "the password must not be printed";
  auto stj = Migrate("status", {"--format", "json"});
  ASSERT_EQ(stj.exit_code, 0) << Show(stj);
  nlohmann::json sj = nlohmann::json::parse(stj.out);
  ASSERT_EQ(sj["migrations"].size(), 2u);
  EXPECT_EQ(sj["migrations"][0]["phase"], "complete");
  EXPECT_EQ(sj["migrations"][1]["phase"], "backfilled");
  EXPECT_EQ(sj["migrations"][1]["backfills"][0]["rows_done"], 5);
  EXPECT_EQ(sj["migrations"][1]["backfills"][0]["done"], true);
  EXPECT_EQ(sj["migrations"][1]["backfills"][0]["key"], nlohmann::json::array({"id"}));
  EXPECT_EQ(sj["migrations"][1]["gate"]["open"], false);

  // Nothing left for apply or backfill.
  auto again = Migrate("apply");
  ASSERT_EQ(again.exit_code, 0) << Show(again);
  EXPECT_CONTAINS(again.out, "nothing to apply");
  auto bf = Migrate("backfill");
  ASSERT_EQ(bf.exit_code, 0) << Show(bf);
  EXPECT_CONTAINS(bf.out, "nothing to");

  // The deploy gate: every migration is backfilled and no contract ran: any version deploys.
  EXPECT_EQ(Migrate("gate", {"--app-version", "1.4.0"}).exit_code, 0);
  EXPECT_EQ(Migrate("gate", {"--app-version", "2.0.0"}).exit_code, 0);

  // contract: closed without any version information.
  auto c0 = Migrate("contract");
  EXPECT_EQ(c0.exit_code, 3) << Show(c0);
  EXPECT_CONTAINS(c0.err, "0002_full_name.sql");
  EXPECT_TRUE(ColumnExists("users", "name"));

  // plan after apply shows the contract step only, the gate closed.
  auto plan2 = Migrate("plan", {"--format", "json"});
  ASSERT_EQ(plan2.exit_code, 0) << Show(plan2);
  nlohmann::json pj2 = nlohmann::json::parse(plan2.out);
  ASSERT_EQ(pj2["migrations"].size(), 1u) << plan2.out;
  ASSERT_EQ(pj2["migrations"][0]["steps"].size(), 1u) << plan2.out;
  EXPECT_EQ(pj2["migrations"][0]["steps"][0]["section"], "contract");

  // A 2.0.0 instance registers: the gate opens and the contract runs.
  auto reg = Migrate("register", {"--app-version", "2.0.0", "--instance", "pod-a"});
  ASSERT_EQ(reg.exit_code, 0) << Show(reg);
  auto c1 = Migrate("contract");
  ASSERT_EQ(c1.exit_code, 0) << Show(c1);
  EXPECT_CONTAINS(c1.out, "0002_full_name.sql: contracted");
  EXPECT_FALSE(ColumnExists("users", "name"));
  EXPECT_EQ(Phase("0002"), "contracted");
  auto c2 = Migrate("contract");
  EXPECT_EQ(c2.exit_code, 0) << Show(c2);
  EXPECT_CONTAINS(c2.out, "nothing to contract");

  // After the contract, deploying 1.4.0 is unsafe, 2.0.0 fine.
  auto g1 = Migrate("gate", {"--app-version", "1.4.0"});
  EXPECT_EQ(g1.exit_code, 3) << Show(g1);
  EXPECT_CONTAINS(g1.out, "0002");
  auto g2 = Migrate("gate", {"--app-version", "2.0.0"});
  EXPECT_EQ(g2.exit_code, 0) << Show(g2);

  // Rollback of a contracted migration is refused with the reason.
  auto rb = Migrate("rollback");
  EXPECT_EQ(rb.exit_code, 6) << Show(rb);
  EXPECT_CONTAINS(rb.err, "contract already ran");
  EXPECT_FALSE(ColumnExists("users", "name"));
  EXPECT_EQ(Phase("0002"), "contracted");
}

TEST_F(PostgresCommands, GateRegistryTtlDeregisterObservedSessionsAndLiveVersions) {
  WriteMigration("0001_users.sql", kUsers);
  ASSERT_EQ(Migrate("apply").exit_code, 0);
  // gate before a migration is backfilled: 0002 is not applied yet.
  WriteMigration("0002_full_name.sql", kFullName);
  auto g0 = Migrate("gate", {"--app-version", "2.0.0"});
  EXPECT_EQ(g0.exit_code, 3) << Show(g0);
  EXPECT_CONTAINS(g0.out, "0002");
  ASSERT_EQ(Migrate("apply").exit_code, 0);

  // No version information: closed.
  auto c0 = Migrate("contract");
  EXPECT_EQ(c0.exit_code, 3) << Show(c0);

  // A 1.x instance registered (next to a 2.0.0 one): closed, naming it.
  ASSERT_EQ(Migrate("register", {"--app-version", "2.0.0", "--instance", "pod-new"}).exit_code, 0);
  ASSERT_EQ(Migrate("register", {"--app-version", "1.4.0", "--instance", "pod-old"}).exit_code, 0);
  auto c1 = Migrate("contract");
  EXPECT_EQ(c1.exit_code, 3) << Show(c1);
  EXPECT_CONTAINS(c1.err, "pod-old");
  auto st = Migrate("status");
  EXPECT_CONTAINS(st.out, "contract gate closed");

  // --live-versions replaces the registry for one run: the status shows it open.
  auto stlv = Migrate("status", {"--live-versions", "2.0.0", "--format", "json"});
  ASSERT_EQ(stlv.exit_code, 0) << Show(stlv);
  EXPECT_EQ(nlohmann::json::parse(stlv.out)["migrations"][1]["gate"]["open"], true) << stlv.out;

  // --deregister removes it at once.
  auto dereg = Migrate("register", {"--instance", "pod-old", "--deregister"});
  ASSERT_EQ(dereg.exit_code, 0) << Show(dereg);

  // An old session visibly connected (application_name api@1.4.0) closes the gate even though the
  // registry only has 2.0.0.
  {
    std::unique_ptr<Connection> old_app = Connect("api@1.4.0");
    ASSERT_NE(old_app, nullptr);
    auto c2 = Migrate("contract");
    EXPECT_EQ(c2.exit_code, 3) << Show(c2);
    EXPECT_CONTAINS(c2.err, "1.4.0");
    // --live-versions cannot open it either: pg_stat_activity can only close.
    auto c3 = Migrate("contract", {"--live-versions", "2.0.0"});
    EXPECT_EQ(c3.exit_code, 3) << Show(c3);
  }
  ASSERT_TRUE(PollUntil([&] { return Int("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'api@1.4.0'") == 0; },
                        std::chrono::seconds(10)));

  // A short-lived 1.x registration closes the gate until its TTL runs out.
  auto reg = Migrate("register", {"--app-version", "1.9.0", "--instance", "pod-ttl", "--ttl", "1s"});
  ASSERT_EQ(reg.exit_code, 0) << Show(reg);
  auto c4 = Migrate("contract");
  EXPECT_EQ(c4.exit_code, 3) << Show(c4);
  EXPECT_CONTAINS(c4.err, "pod-ttl");
  ::sleep(2);
  auto c5 = Migrate("contract");
  ASSERT_EQ(c5.exit_code, 0) << Show(c5);
  EXPECT_CONTAINS(c5.out, "0002_full_name.sql: contracted");

  // After the contract: deploying 1.4.0 is closed, 2.0.0 open.
  EXPECT_EQ(Migrate("gate", {"--app-version", "1.4.0"}).exit_code, 3);
  EXPECT_EQ(Migrate("gate", {"--app-version", "2.0.0"}).exit_code, 0);
}

TEST_F(PostgresCommands, ContractOpenedByLiveVersions) {
  WriteMigration("0001_users.sql", kUsers);
  WriteMigration("0002_full_name.sql", kFullName);
  ASSERT_EQ(Migrate("apply").exit_code, 0);
  ASSERT_EQ(Migrate("register", {"--app-version", "1.4.0", "--instance", "pod-old"}).exit_code, 0);
  EXPECT_EQ(Migrate("contract").exit_code, 3);
  EXPECT_EQ(Migrate("contract", {"--live-versions", "1.4.0,2.0.0"}).exit_code, 3);
  auto c = Migrate("contract", {"--live-versions", "2.0.0"});
  ASSERT_EQ(c.exit_code, 0) << Show(c);
  EXPECT_CONTAINS(c.out, "contracted");
}

TEST_F(PostgresCommands, RollbackDerivesTheInverseAndRefusesWhatItCannotUndo) {
  WriteMigration("0001_users.sql", kUsers);
  WriteMigration("0002_nick.sql",
                 "-- migrate:expand\n"
                 "ALTER TABLE users ADD COLUMN nick text;\n"
                 "CREATE INDEX CONCURRENTLY users_nick_idx ON users (nick);\n"
                 "CREATE TABLE audit (id bigint PRIMARY KEY, what text);\n");
  ASSERT_EQ(Migrate("apply").exit_code, 0);
  ASSERT_TRUE(ColumnExists("users", "nick"));

  // An instance registered after 0002 was applied is live: refused unless --force.
  ASSERT_EQ(Migrate("register", {"--app-version", "2.1.0", "--instance", "pod-b"}).exit_code, 0);
  auto r0 = Migrate("rollback");
  EXPECT_EQ(r0.exit_code, 3) << Show(r0);
  EXPECT_CONTAINS(r0.err, "pod-b");
  EXPECT_CONTAINS(r0.err, "--force");
  EXPECT_TRUE(ColumnExists("users", "nick"));

  auto r1 = Migrate("rollback", {"--force"});
  ASSERT_EQ(r1.exit_code, 0) << Show(r1);
  EXPECT_CONTAINS(r1.out, "0002_nick.sql: rolled back");
  EXPECT_FALSE(ColumnExists("users", "nick"));
  EXPECT_EQ(Int("SELECT count(*) FROM pg_class WHERE relname IN ('users_nick_idx', 'audit')"), 0);
  EXPECT_EQ(Int("SELECT count(*) FROM migrate.history WHERE version = '0002'"), 0);
  EXPECT_EQ(Int("SELECT count(*) FROM migrate.progress WHERE version = '0002'"), 0);
  EXPECT_EQ(Int("SELECT count(*) FROM users"), 5) << "0001 is untouched";

  // Applied again after the rollback.
  auto again = Migrate("apply");
  ASSERT_EQ(again.exit_code, 0) << Show(again);
  EXPECT_TRUE(ColumnExists("users", "nick"));
  EXPECT_EQ(Scalar("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'users_nick_idx'::regclass"), "true");

  // A migration without a safe inverse is refused, with the statement's position.
  WriteMigration("0003_relax.sql",
                 "-- migrate:expand\n"
                 "ALTER TABLE users ALTER COLUMN name DROP NOT NULL;\n");
  ASSERT_EQ(Migrate("apply").exit_code, 0);
  auto r2 = Migrate("rollback", {"--force"});
  EXPECT_EQ(r2.exit_code, 6) << Show(r2);
  EXPECT_CONTAINS(r2.err, "0003_relax.sql:2");
  EXPECT_CONTAINS(r2.err, "cannot be rolled back");
  EXPECT_EQ(Scalar("SELECT phase FROM migrate.history WHERE version = '0003'"), "backfilled");
}

TEST_F(PostgresCommands, BaselineAdoptsAnExistingDatabase) {
  // The schema of 0001 exists already (made by another tool).
  Sql("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)");
  Sql("INSERT INTO users VALUES (7, 'legacy')");
  WriteMigration("0001_users.sql", kUsers);
  WriteMigration("0002_full_name.sql", kFullName);

  auto bad = Migrate("baseline", {"--version", "0042"});
  EXPECT_EQ(bad.exit_code, 2) << Show(bad);

  auto b = Migrate("baseline", {"--version", "0001"});
  ASSERT_EQ(b.exit_code, 0) << Show(b);
  EXPECT_CONTAINS(b.out, "0001_users.sql: baselined");
  EXPECT_EQ(Int("SELECT baselined FROM migrate.history WHERE version = '0001'"), 1);
  auto st = Migrate("status");
  EXPECT_CONTAINS(st.out, "0001_users.sql  baselined");
  EXPECT_CONTAINS(st.out, "0002_full_name.sql  pending");

  // apply runs only 0002: 0001's INSERT never ran.
  auto apply = Migrate("apply");
  ASSERT_EQ(apply.exit_code, 0) << Show(apply);
  EXPECT_EQ(apply.out.find("0001_users.sql"), std::string::npos) << apply.out;
  EXPECT_EQ(Int("SELECT count(*) FROM users"), 1);
  EXPECT_EQ(Scalar("SELECT full_name FROM users WHERE id = 7"), "LEGACY");

  auto b2 = Migrate("baseline", {"--version", "0001"});
  ASSERT_EQ(b2.exit_code, 0) << Show(b2);
  EXPECT_CONTAINS(b2.out, "nothing to baseline");
}

TEST_F(PostgresCommands, ChecksumMismatchAndOutOfOrderAreExit6) {
  WriteMigration("0010_users.sql", kUsers);
  WriteMigration("0020_full_name.sql", kFullName);
  ASSERT_EQ(Migrate("apply").exit_code, 0);

  // An applied file edited.
  WriteMigration("0010_users.sql", std::string(kUsers) + "CREATE TABLE extra (id int);\n");
  auto a = Migrate("apply");
  EXPECT_EQ(a.exit_code, 6) << Show(a);
  EXPECT_CONTAINS(a.err, "0010_users.sql");
  EXPECT_CONTAINS(a.err, "edited");
  EXPECT_EQ(Int("SELECT count(*) FROM pg_tables WHERE tablename = 'extra'"), 0);
  EXPECT_EQ(Migrate("status").exit_code, 6);
  EXPECT_EQ(Migrate("contract", {"--live-versions", "2.0.0"}).exit_code, 6);
  WriteMigration("0010_users.sql", kUsers);
  EXPECT_EQ(Migrate("apply").exit_code, 0);

  // CRLF line endings do not change the checksum (SPEC §5).
  std::string crlf;
  for (char c : std::string(kUsers)) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  WriteMigration("0010_users.sql", crlf);
  EXPECT_EQ(Migrate("apply").exit_code, 0);

  // A file older than the newest applied one.
  WriteMigration("0015_late.sql", "-- migrate:expand\nCREATE TABLE late (id int);\n");
  auto o = Migrate("apply");
  EXPECT_EQ(o.exit_code, 6) << Show(o);
  EXPECT_CONTAINS(o.err, "0015_late.sql");
  EXPECT_EQ(Int("SELECT count(*) FROM pg_tables WHERE tablename = 'late'"), 0);

  // An applied file deleted.
  RemoveMigration("0015_late.sql");
  RemoveMigration("0010_users.sql");
  auto d = Migrate("apply");
  EXPECT_EQ(d.exit_code, 6) << Show(d);
  EXPECT_CONTAINS(d.err, "0010");
}

}  // namespace
}  // namespace migrate::itest
