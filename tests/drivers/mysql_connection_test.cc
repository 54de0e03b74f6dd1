// The MySQL/MariaDB driver against a real server from MIGRATE_TEST_MYSQL_URL (scripts/dev-db
// starts MariaDB 10.11).
#include "drivers/mysql/mysql_connection.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "drivers/server_test_util.h"

namespace migrate {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

class MysqlTest : public testing::ServerTest {
 protected:
  MysqlTest() : ServerTest("MIGRATE_TEST_MYSQL_URL") {}
  bool IsMariaDb() const { return conn_->ServerVersion().find("MariaDB") != std::string::npos; }
};

TEST_F(MysqlTest, VersionAndDialect) {
  EXPECT_EQ(conn_->dialect(), Dialect::kMysql);
  EXPECT_FALSE(conn_->ServerVersion().empty());
}

TEST_F(MysqlTest, ParamsAndNull) {
  auto r = conn_->Query(
      "SELECT CAST(? AS SIGNED) + 1 AS n, ? AS s, ? IS NULL AS is_null, '?' AS q, NULL AS nothing",
      {"41", "hello", std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->columns, (std::vector<std::string>{"n", "s", "is_null", "q", "nothing"}));
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0][0], Value("42"));
  EXPECT_EQ(r->rows[0][1], Value("hello"));
  EXPECT_EQ(r->rows[0][2], Value("1"));
  EXPECT_EQ(r->rows[0][3], Value("?"));
  EXPECT_EQ(r->rows[0][4], std::nullopt);
}

TEST_F(MysqlTest, QueryWithoutParamsReturnsRows) {
  auto r = conn_->Query("SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, NULL");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->rows.size(), 2u);
  EXPECT_EQ(r->rows[1][0], Value("2"));
  EXPECT_EQ(r->rows[1][1], std::nullopt);
}

TEST_F(MysqlTest, DdlAndAffectedRows) {
  std::string t = testing::UniqueName("my_ddl");
  ASSERT_TRUE(conn_->Execute("DROP TABLE IF EXISTS " + t).ok());
  ASSERT_TRUE(conn_->Execute("CREATE TABLE " + t + " (id int PRIMARY KEY, v varchar(10))").ok());
  for (int i = 1; i <= 3; ++i) {
    auto ins = conn_->Query("INSERT INTO " + t + " VALUES (?, ?)", {std::to_string(i), "x"});
    ASSERT_TRUE(ins.ok()) << ins.status().message();
    EXPECT_EQ(ins->affected, 1);
  }
  auto upd = conn_->Query("UPDATE " + t + " SET v = ? WHERE id >= ?", {"y", "2"});
  ASSERT_TRUE(upd.ok()) << upd.status().message();
  EXPECT_EQ(upd->affected, 2);
  auto upd_plain = conn_->Query("UPDATE " + t + " SET v = 'z' WHERE id = 1");
  ASSERT_TRUE(upd_plain.ok()) << upd_plain.status().message();
  EXPECT_EQ(upd_plain->affected, 1);
  auto alter = conn_->Query("ALTER TABLE " + t + " ADD COLUMN w int NULL, ALGORITHM=INSTANT");
  ASSERT_TRUE(alter.ok()) << alter.status().message();
  auto sel = conn_->Query("SELECT id, v, w FROM " + t + " ORDER BY id");
  ASSERT_TRUE(sel.ok());
  ASSERT_EQ(sel->rows.size(), 3u);
  EXPECT_EQ(sel->rows[2][1], Value("y"));
  EXPECT_EQ(sel->rows[2][2], std::nullopt);
  auto del = conn_->Query("DELETE FROM " + t + " WHERE id > ?", {"0"});
  ASSERT_TRUE(del.ok()) << del.status().message();
  EXPECT_EQ(del->affected, 3);
  auto dup = conn_->Query("CREATE TABLE " + t + " (id int)");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), StatusCode::kDatabase);
  EXPECT_NE(dup.status().message().find("1050"), std::string::npos) << dup.status().message();
  ASSERT_TRUE(conn_->Execute("DROP TABLE " + t).ok());
}

TEST_F(MysqlTest, Transactions) {
  std::string t = testing::UniqueName("my_txn");
  ASSERT_TRUE(conn_->Execute("DROP TABLE IF EXISTS " + t).ok());
  ASSERT_TRUE(conn_->Execute("CREATE TABLE " + t + " (x int) ENGINE=InnoDB").ok());
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
  ASSERT_TRUE(conn_->Execute("DROP TABLE " + t).ok());
}

TEST_F(MysqlTest, RowLockTimeoutIsRetryable) {
  std::string t = testing::UniqueName("my_lock");
  ASSERT_TRUE(conn_->Execute("DROP TABLE IF EXISTS " + t).ok());
  ASSERT_TRUE(conn_->Execute("CREATE TABLE " + t + " (id int PRIMARY KEY, v int) ENGINE=InnoDB").ok());
  ASSERT_TRUE(conn_->Execute("INSERT INTO " + t + " VALUES (1, 0)").ok());
  auto holder = NewConnection();
  ASSERT_TRUE(holder);
  ASSERT_TRUE(holder->Begin().ok());
  ASSERT_TRUE(holder->Execute("UPDATE " + t + " SET v = 1 WHERE id = 1").ok());
  ASSERT_TRUE(conn_->SetLockTimeout(milliseconds(200)).ok());  // rounds up to 1 s
  auto start = Clock::now();
  Status s = conn_->Execute("UPDATE " + t + " SET v = 2 WHERE id = 1");
  EXPECT_EQ(s.code(), StatusCode::kRetryable) << s.message();
  EXPECT_NE(s.message().find("1205"), std::string::npos) << s.message();
  EXPECT_LT(Clock::now() - start, milliseconds(3000));
  ASSERT_TRUE(holder->Rollback().ok());
  ASSERT_TRUE(conn_->SetLockTimeout(milliseconds(0)).ok());
  EXPECT_TRUE(conn_->Execute("DROP TABLE " + t).ok());
}

TEST_F(MysqlTest, MetadataLockTimeoutIsRetryable) {
  std::string t = testing::UniqueName("my_mdl");
  ASSERT_TRUE(conn_->Execute("DROP TABLE IF EXISTS " + t).ok());
  ASSERT_TRUE(conn_->Execute("CREATE TABLE " + t + " (id int PRIMARY KEY) ENGINE=InnoDB").ok());
  auto holder = NewConnection();
  ASSERT_TRUE(holder);
  ASSERT_TRUE(holder->Begin().ok());
  ASSERT_TRUE(holder->Query("SELECT * FROM " + t).ok());  // holds a shared metadata lock
  ASSERT_TRUE(conn_->SetLockTimeout(milliseconds(200)).ok());
  auto start = Clock::now();
  Status s = conn_->Execute("ALTER TABLE " + t + " ADD COLUMN y int");
  EXPECT_EQ(s.code(), StatusCode::kRetryable) << s.message();
  EXPECT_LT(Clock::now() - start, milliseconds(3000));
  ASSERT_TRUE(holder->Rollback().ok());
  EXPECT_TRUE(conn_->Execute("DROP TABLE " + t).ok());
}

TEST_F(MysqlTest, CancelFromAnotherThread) {
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(300));
    conn_->Cancel();
  });
  auto start = Clock::now();
  auto r = conn_->Query("SELECT SLEEP(10)");
  auto took = Clock::now() - start;
  canceller.join();
  ASSERT_FALSE(r.ok()) << "SLEEP returned normally";
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled) << r.status().message();
  EXPECT_LT(took, milliseconds(1500));
  auto after = conn_->Query("SELECT 1");
  EXPECT_TRUE(after.ok()) << after.status().message();
}

TEST_F(MysqlTest, StatementTimeoutIsDatabase) {
  ASSERT_TRUE(conn_->SetStatementTimeout(milliseconds(200)).ok());
  auto start = Clock::now();
  auto r = conn_->Query("SELECT SLEEP(5) FROM (SELECT 1 UNION SELECT 2) AS t");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDatabase) << r.status().message();
  EXPECT_LT(Clock::now() - start, milliseconds(3000));
  ASSERT_TRUE(conn_->SetStatementTimeout(milliseconds(0)).ok());
  EXPECT_TRUE(conn_->Query("SELECT SLEEP(0.3)").ok());
}

TEST_F(MysqlTest, BadPasswordIsRedacted) {
  DatabaseUrl bad = url_;
  bad.password = "wrong-Secret-pw-7391";
  auto conn = Connect(bad);
  ASSERT_FALSE(conn.ok());
  EXPECT_EQ(conn.status().code(), StatusCode::kDatabase);
  EXPECT_EQ(conn.status().message().find("wrong-Secret-pw-7391"), std::string::npos)
      << conn.status().message();
  EXPECT_NE(conn.status().message().find("1045"), std::string::npos) << conn.status().message();
}

TEST_F(MysqlTest, DeadlockIsRetryable) {
  std::string t = testing::UniqueName("my_deadlock");
  ASSERT_TRUE(conn_->Execute("DROP TABLE IF EXISTS " + t).ok());
  ASSERT_TRUE(conn_->Execute("CREATE TABLE " + t + " (id int PRIMARY KEY, v int) ENGINE=InnoDB").ok());
  ASSERT_TRUE(conn_->Execute("INSERT INTO " + t + " VALUES (1, 0), (2, 0)").ok());
  auto other = NewConnection();
  ASSERT_TRUE(other);
  ASSERT_TRUE(conn_->Begin().ok());
  ASSERT_TRUE(other->Begin().ok());
  ASSERT_TRUE(conn_->Execute("UPDATE " + t + " SET v = 1 WHERE id = 1").ok());
  ASSERT_TRUE(other->Execute("UPDATE " + t + " SET v = 1 WHERE id = 2").ok());
  Status second;
  std::thread blocked([&] { second = other->Execute("UPDATE " + t + " SET v = 2 WHERE id = 1"); });
  std::this_thread::sleep_for(milliseconds(300));
  Status first = conn_->Execute("UPDATE " + t + " SET v = 2 WHERE id = 2");
  if (!first.ok()) ASSERT_TRUE(conn_->Rollback().ok());
  blocked.join();
  const Status& failed = first.ok() ? second : first;
  EXPECT_EQ(failed.code(), StatusCode::kRetryable) << failed.message();
  EXPECT_NE(failed.message().find("1213"), std::string::npos) << failed.message();
  EXPECT_TRUE(conn_->Rollback().ok());
  EXPECT_TRUE(other->Rollback().ok());
  EXPECT_TRUE(conn_->Execute("DROP TABLE " + t).ok());
}

TEST_F(MysqlTest, CancelBetweenStatementsDoesNotLinger) {
  conn_->Cancel();
  std::this_thread::sleep_for(milliseconds(100));
  EXPECT_TRUE(conn_->Query("SELECT 1").ok());
  EXPECT_TRUE(conn_->Query("SELECT SLEEP(0.2)").ok());
}

}  // namespace
}  // namespace migrate
