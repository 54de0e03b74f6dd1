// FakeConnection: statement log, fault injection, dialect override.
#include "drivers/fake/fake_connection.h"

#include <gtest/gtest.h>

namespace migrate {
namespace {

TEST(FakeConnection, RecordsStatementsAndRunsThem) {
  auto fake = FakeConnection::InMemorySqlite();
  ASSERT_TRUE(fake);
  EXPECT_EQ(fake->dialect(), Dialect::kSqlite);
  ASSERT_TRUE(fake->Execute("CREATE TABLE t (x)").ok());
  ASSERT_TRUE(fake->Begin().ok());
  EXPECT_TRUE(fake->InTransaction());
  ASSERT_TRUE(fake->Execute("INSERT INTO t VALUES (?)", {"1"}).ok());
  ASSERT_TRUE(fake->Commit().ok());
  auto r = fake->Query("SELECT x FROM t");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0][0], Value("1"));
  EXPECT_EQ(fake->log(), (std::vector<std::string>{"CREATE TABLE t (x)", "BEGIN",
                                                   "INSERT INTO t VALUES (?)", "COMMIT",
                                                   "SELECT x FROM t"}));
  fake->ClearLog();
  EXPECT_TRUE(fake->log().empty());
}

TEST(FakeConnection, FailNextInjectsErrorsWithoutRunning) {
  auto fake = FakeConnection::InMemorySqlite();
  ASSERT_TRUE(fake);
  ASSERT_TRUE(fake->Execute("CREATE TABLE t (x)").ok());
  fake->FailNext("INSERT", Status::Retryable("lock timeout"), 2);
  Status first = fake->Execute("INSERT INTO t VALUES (1)");
  EXPECT_EQ(first.code(), StatusCode::kRetryable);
  EXPECT_EQ(first.message(), "lock timeout");
  EXPECT_EQ(fake->Execute("INSERT INTO t VALUES (2)").code(), StatusCode::kRetryable);
  EXPECT_TRUE(fake->Execute("INSERT INTO t VALUES (3)").ok());
  auto r = fake->Query("SELECT x FROM t");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 1u);  // the failed inserts never reached SQLite
  EXPECT_EQ(r->rows[0][0], Value("3"));
  EXPECT_EQ(fake->log().size(), 5u);
}

TEST(FakeConnection, NonMatchingStatementsPass) {
  auto fake = FakeConnection::InMemorySqlite();
  ASSERT_TRUE(fake);
  fake->FailNext("DROP", Status::Database("boom"));
  EXPECT_TRUE(fake->Execute("SELECT 1").ok());
  EXPECT_EQ(fake->Execute("DROP TABLE x").code(), StatusCode::kDatabase);
  EXPECT_EQ(fake->Execute("DROP TABLE x").code(), StatusCode::kDatabase);  // real error now
}

TEST(FakeConnection, FailBeginAndCommit) {
  auto fake = FakeConnection::InMemorySqlite();
  ASSERT_TRUE(fake);
  fake->FailNext("BEGIN", Status::Retryable("busy"));
  EXPECT_EQ(fake->Begin().code(), StatusCode::kRetryable);
  EXPECT_FALSE(fake->InTransaction());
  ASSERT_TRUE(fake->Begin().ok());
  fake->FailNext("COMMIT", Status::Database("commit failed"));
  EXPECT_EQ(fake->Commit().code(), StatusCode::kDatabase);
  EXPECT_TRUE(fake->InTransaction());  // the real transaction is still open
  EXPECT_TRUE(fake->Rollback().ok());
  EXPECT_FALSE(fake->InTransaction());
  EXPECT_EQ(fake->log(),
            (std::vector<std::string>{"BEGIN", "BEGIN", "COMMIT", "ROLLBACK"}));
}

TEST(FakeConnection, EmptySubstringMatchesEverything) {
  auto fake = FakeConnection::InMemorySqlite();
  ASSERT_TRUE(fake);
  fake->FailNext("", Status::Cancelled("stop"), 1);
  EXPECT_EQ(fake->Execute("SELECT 1").code(), StatusCode::kCancelled);
  EXPECT_TRUE(fake->Execute("SELECT 1").ok());
}

TEST(FakeConnection, RulesApplyInOrder) {
  auto fake = FakeConnection::InMemorySqlite();
  ASSERT_TRUE(fake);
  fake->FailNext("SELECT", Status::Database("first"));
  fake->FailNext("SELECT", Status::Retryable("second"));
  EXPECT_EQ(fake->Execute("SELECT 1").message(), "first");
  EXPECT_EQ(fake->Execute("SELECT 1").message(), "second");
  EXPECT_TRUE(fake->Execute("SELECT 1").ok());
}

TEST(FakeConnection, TimeoutsAreRecorded) {
  auto fake = FakeConnection::InMemorySqlite();
  ASSERT_TRUE(fake);
  EXPECT_TRUE(fake->SetLockTimeout(std::chrono::milliseconds(200)).ok());
  EXPECT_TRUE(fake->SetStatementTimeout(std::chrono::milliseconds(0)).ok());
  fake->FailNext("LOCK TIMEOUT", Status::Database("in failed transaction"));
  EXPECT_FALSE(fake->SetLockTimeout(std::chrono::milliseconds(100)).ok());
  EXPECT_EQ(fake->log(), (std::vector<std::string>{"SET LOCK TIMEOUT 200ms",
                                                   "SET STATEMENT TIMEOUT 0ms",
                                                   "SET LOCK TIMEOUT 100ms"}));
}

TEST(FakeConnection, DialectOverride) {
  auto pg = FakeConnection::InMemorySqlite(Dialect::kPostgres);
  ASSERT_TRUE(pg);
  EXPECT_EQ(pg->dialect(), Dialect::kPostgres);
  EXPECT_EQ(pg->ServerVersion().rfind("SQLite", 0), 0u);
  EXPECT_TRUE(pg->Execute("SELECT 1").ok());  // still runs on SQLite
  auto my = FakeConnection::InMemorySqlite(Dialect::kMysql);
  EXPECT_EQ(my->dialect(), Dialect::kMysql);
}

TEST(FakeConnection, WrapsAnyConnection) {
  auto url = ParseDatabaseUrl("sqlite::memory:");
  ASSERT_TRUE(url.ok());
  auto inner = Connect(*url);
  ASSERT_TRUE(inner.ok());
  FakeConnection fake(std::move(inner).value());
  EXPECT_TRUE(fake.Execute("SELECT 1").ok());
  EXPECT_EQ(fake.inner().dialect(), Dialect::kSqlite);
}

}  // namespace
}  // namespace migrate
