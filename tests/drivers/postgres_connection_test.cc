// The PostgreSQL driver: placeholder rewriting (always), and a real server from
// MIGRATE_TEST_POSTGRES_URL (scripts/dev-db).
#include "drivers/postgres/postgres_connection.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "drivers/server_test_util.h"

namespace migrate {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

std::string Rewrite(const std::string& sql, int* n = nullptr) {
  int count = 0;
  std::string out = PostgresConnection::RewritePlaceholders(sql, &count);
  if (n != nullptr) *n = count;
  return out;
}

TEST(PostgresPlaceholders, Rewrites) {
  int n = 0;
  EXPECT_EQ(Rewrite("SELECT ?, ? FROM t WHERE a = ?", &n), "SELECT $1, $2 FROM t WHERE a = $3");
  EXPECT_EQ(n, 3);
  EXPECT_EQ(Rewrite("SELECT 1", &n), "SELECT 1");
  EXPECT_EQ(n, 0);
}

TEST(PostgresPlaceholders, SkipsQuotesCommentsAndDollarStrings) {
  int n = 0;
  EXPECT_EQ(Rewrite("SELECT '?', 'it''s ?', \"q?\", ? -- what?\n, ?", &n),
            "SELECT '?', 'it''s ?', \"q?\", $1 -- what?\n, $2");
  EXPECT_EQ(n, 2);
  EXPECT_EQ(Rewrite("SELECT /* a? /* nested? */ b? */ ?", &n), "SELECT /* a? /* nested? */ b? */ $1");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(Rewrite("SELECT $$ ? $$, $fn$ ? $fn$, ?", &n), "SELECT $$ ? $$, $fn$ ? $fn$, $1");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(Rewrite("SELECT E'\\'?', ?", &n), "SELECT E'\\'?', $1");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(Rewrite("SELECT 'a\\', ?", &n), "SELECT 'a\\', $1");  // standard strings
  EXPECT_EQ(n, 1);
}

class PostgresTest : public testing::ServerTest {
 protected:
  PostgresTest() : ServerTest("MIGRATE_TEST_POSTGRES_URL") {}
};

TEST_F(PostgresTest, VersionAndDialect) {
  EXPECT_EQ(conn_->dialect(), Dialect::kPostgres);
  EXPECT_EQ(conn_->ServerVersion().rfind("PostgreSQL 1", 0), 0u) << conn_->ServerVersion();
}

TEST_F(PostgresTest, ParamsAndNull) {
  auto r = conn_->Query(
      "SELECT CAST(? AS int) + 1 AS n, ? AS s, CAST(? AS text) IS NULL AS is_null, '?' AS q, "
      "NULL::text AS nothing",
      {"41", "hello", std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->columns, (std::vector<std::string>{"n", "s", "is_null", "q", "nothing"}));
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0][0], Value("42"));
  EXPECT_EQ(r->rows[0][1], Value("hello"));
  EXPECT_EQ(r->rows[0][2], Value("t"));
  EXPECT_EQ(r->rows[0][3], Value("?"));
  EXPECT_EQ(r->rows[0][4], std::nullopt);
}

TEST_F(PostgresTest, PlaceholderCountMismatch) {
  auto r = conn_->Query("SELECT ?, ?", {"1"});
  ASSERT_FALSE(r.ok());
}

TEST_F(PostgresTest, DdlAndAffectedRows) {
  std::string t = testing::UniqueName("pg_ddl");
  ASSERT_TRUE(conn_->Execute("DROP TABLE IF EXISTS " + t).ok());
  ASSERT_TRUE(conn_->Execute("CREATE TABLE " + t + " (id int PRIMARY KEY, v text)").ok());
  for (int i = 1; i <= 3; ++i) {
    auto ins = conn_->Query("INSERT INTO " + t + " VALUES (?, ?)", {std::to_string(i), "x"});
    ASSERT_TRUE(ins.ok()) << ins.status().message();
    EXPECT_EQ(ins->affected, 1);
  }
  auto upd = conn_->Query("UPDATE " + t + " SET v = ? WHERE id >= ?", {"y", "2"});
  ASSERT_TRUE(upd.ok()) << upd.status().message();
  EXPECT_EQ(upd->affected, 2);
  auto sel = conn_->Query("SELECT id, v FROM " + t + " ORDER BY id");
  ASSERT_TRUE(sel.ok());
  ASSERT_EQ(sel->rows.size(), 3u);
  EXPECT_EQ(sel->rows[2][1], Value("y"));
  auto del = conn_->Query("DELETE FROM " + t);
  ASSERT_TRUE(del.ok());
  EXPECT_EQ(del->affected, 3);
  auto dup = conn_->Query("CREATE TABLE " + t + " (id int)");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), StatusCode::kDatabase);
  EXPECT_NE(dup.status().message().find("42P07"), std::string::npos) << dup.status().message();
  ASSERT_TRUE(conn_->Execute("DROP TABLE " + t).ok());
}

TEST_F(PostgresTest, Transactions) {
  std::string t = testing::UniqueName("pg_txn");
  ASSERT_TRUE(conn_->Execute("DROP TABLE IF EXISTS " + t).ok());
  ASSERT_TRUE(conn_->Execute("CREATE TABLE " + t + " (x int)").ok());
  EXPECT_FALSE(conn_->InTransaction());
  EXPECT_TRUE(conn_->Rollback().ok());
  ASSERT_TRUE(conn_->Begin().ok());
  EXPECT_TRUE(conn_->InTransaction());
  ASSERT_TRUE(conn_->Execute("INSERT INTO " + t + " VALUES (1)").ok());
  ASSERT_TRUE(conn_->Rollback().ok());
  EXPECT_FALSE(conn_->InTransaction());
  EXPECT_EQ(conn_->Query("SELECT count(*) FROM " + t)->rows[0][0], Value("0"));
  ASSERT_TRUE(conn_->Begin().ok());
  ASSERT_TRUE(conn_->Execute("INSERT INTO " + t + " VALUES (1)").ok());
  ASSERT_TRUE(conn_->Commit().ok());
  EXPECT_EQ(conn_->Query("SELECT count(*) FROM " + t)->rows[0][0], Value("1"));
  // A failed statement aborts the transaction: COMMIT then reports the rollback.
  ASSERT_TRUE(conn_->Begin().ok());
  ASSERT_TRUE(conn_->Execute("INSERT INTO " + t + " VALUES (2)").ok());
  EXPECT_FALSE(conn_->Execute("SELECT * FROM no_such_table_for_driver_tests").ok());
  Status commit = conn_->Commit();
  EXPECT_EQ(commit.code(), StatusCode::kDatabase);
  EXPECT_FALSE(conn_->InTransaction());
  EXPECT_EQ(conn_->Query("SELECT count(*) FROM " + t)->rows[0][0], Value("1"));
  ASSERT_TRUE(conn_->Execute("DROP TABLE " + t).ok());
}

TEST_F(PostgresTest, LockTimeoutIsRetryable) {
  std::string t = testing::UniqueName("pg_lock");
  ASSERT_TRUE(conn_->Execute("DROP TABLE IF EXISTS " + t).ok());
  ASSERT_TRUE(conn_->Execute("CREATE TABLE " + t + " (x int)").ok());
  auto holder = NewConnection();
  ASSERT_TRUE(holder);
  ASSERT_TRUE(holder->Begin().ok());
  ASSERT_TRUE(holder->Execute("LOCK TABLE " + t + " IN ACCESS EXCLUSIVE MODE").ok());
  ASSERT_TRUE(conn_->SetLockTimeout(milliseconds(200)).ok());
  auto start = Clock::now();
  Status s = conn_->Execute("ALTER TABLE " + t + " ADD COLUMN y int");
  auto took = Clock::now() - start;
  EXPECT_EQ(s.code(), StatusCode::kRetryable) << s.message();
  EXPECT_NE(s.message().find("55P03"), std::string::npos) << s.message();
  EXPECT_LT(took, milliseconds(2000));
  EXPECT_GE(took, milliseconds(150));
  ASSERT_TRUE(holder->Rollback().ok());
  ASSERT_TRUE(conn_->SetLockTimeout(milliseconds(0)).ok());
  EXPECT_EQ(conn_->Query("SHOW lock_timeout")->rows[0][0], Value("0"));
  EXPECT_TRUE(conn_->Execute("DROP TABLE " + t).ok());
}

TEST_F(PostgresTest, CancelFromAnotherThread) {
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(300));
    conn_->Cancel();
  });
  auto start = Clock::now();
  auto r = conn_->Query("SELECT pg_sleep(10)");
  auto took = Clock::now() - start;
  canceller.join();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled) << r.status().message();
  EXPECT_LT(took, milliseconds(1500));
  auto after = conn_->Query("SELECT 1");
  EXPECT_TRUE(after.ok()) << after.status().message();
}

TEST_F(PostgresTest, StatementTimeoutIsDatabase) {
  ASSERT_TRUE(conn_->SetStatementTimeout(milliseconds(200)).ok());
  auto start = Clock::now();
  auto r = conn_->Query("SELECT pg_sleep(5)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDatabase) << r.status().message();
  EXPECT_NE(r.status().message().find("57014"), std::string::npos) << r.status().message();
  EXPECT_LT(Clock::now() - start, milliseconds(2000));
  ASSERT_TRUE(conn_->SetStatementTimeout(milliseconds(0)).ok());
  EXPECT_TRUE(conn_->Query("SELECT pg_sleep(0.3)").ok());
}

TEST_F(PostgresTest, ApplicationName) {
  auto r = conn_->Query("SHOW application_name");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0][0], Value("migrate"));
  ConnectOptions options;
  options.application_name = "billing@1.2.3";
  auto other = Connect(url_, options);
  ASSERT_TRUE(other.ok()) << other.status().message();
  EXPECT_EQ((*other)->Query("SHOW application_name")->rows[0][0], Value("billing@1.2.3"));
}

TEST_F(PostgresTest, BadPasswordIsRedacted) {
  DatabaseUrl bad = url_;
  bad.password = "wrong-Secret-pw-7391";
  auto conn = Connect(bad);
  ASSERT_FALSE(conn.ok());
  EXPECT_EQ(conn.status().code(), StatusCode::kDatabase);
  EXPECT_EQ(conn.status().message().find("wrong-Secret-pw-7391"), std::string::npos)
      << conn.status().message();
  EXPECT_NE(conn.status().message().find("password authentication failed"), std::string::npos)
      << conn.status().message();
}

TEST_F(PostgresTest, UnreachableServerIsDatabase) {
  DatabaseUrl bad = url_;
  bad.port = 1;  // nothing listens there
  ConnectOptions options;
  options.connect_timeout = std::chrono::seconds(2);
  auto conn = Connect(bad, options);
  ASSERT_FALSE(conn.ok());
  EXPECT_EQ(conn.status().code(), StatusCode::kDatabase);
  if (!url_.password.empty()) {
    EXPECT_EQ(conn.status().message().find(":" + url_.password + "@"), std::string::npos);
  }
}

TEST_F(PostgresTest, DeadlockIsRetryable) {
  std::string t = testing::UniqueName("pg_deadlock");
  ASSERT_TRUE(conn_->Execute("DROP TABLE IF EXISTS " + t).ok());
  ASSERT_TRUE(conn_->Execute("CREATE TABLE " + t + " (id int PRIMARY KEY, v int)").ok());
  ASSERT_TRUE(conn_->Execute("INSERT INTO " + t + " VALUES (1, 0), (2, 0)").ok());
  auto other = NewConnection();
  ASSERT_TRUE(other);
  ASSERT_TRUE(conn_->Begin().ok());
  ASSERT_TRUE(other->Begin().ok());
  ASSERT_TRUE(conn_->Execute("UPDATE " + t + " SET v = 1 WHERE id = 1").ok());
  ASSERT_TRUE(other->Execute("UPDATE " + t + " SET v = 1 WHERE id = 2").ok());
  Status second;
  std::thread blocked([&] { second = other->Execute("UPDATE " + t + " SET v = 2 WHERE id = 1"); });
  std::this_thread::sleep_for(milliseconds(200));
  Status first = conn_->Execute("UPDATE " + t + " SET v = 2 WHERE id = 2");
  // The deadlock detector aborts one of the two, after deadlock_timeout (1 s by default).
  if (!first.ok()) ASSERT_TRUE(conn_->Rollback().ok());
  blocked.join();
  const Status& failed = first.ok() ? second : first;
  EXPECT_EQ(failed.code(), StatusCode::kRetryable) << failed.message();
  EXPECT_NE(failed.message().find("40P01"), std::string::npos) << failed.message();
  EXPECT_TRUE(first.ok() != second.ok());
  EXPECT_TRUE(conn_->Rollback().ok());
  EXPECT_TRUE(other->Rollback().ok());
  EXPECT_TRUE(conn_->Execute("DROP TABLE " + t).ok());
}

TEST_F(PostgresTest, CancelBetweenStatementsDoesNotLinger) {
  conn_->Cancel();
  std::this_thread::sleep_for(milliseconds(100));
  EXPECT_TRUE(conn_->Query("SELECT 1").ok());
  EXPECT_TRUE(conn_->Query("SELECT pg_sleep(0.2)").ok());
}

}  // namespace
}  // namespace migrate
