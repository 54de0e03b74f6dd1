// The SQLite driver against real databases (in memory and in temporary files).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "drivers/driver.h"

namespace migrate {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr const char* kEndless =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";

std::unique_ptr<Connection> Open(const std::string& url_text) {
  auto url = ParseDatabaseUrl(url_text);
  EXPECT_TRUE(url.ok()) << url.status().message();
  if (!url.ok()) return nullptr;
  auto conn = Connect(*url);
  EXPECT_TRUE(conn.ok()) << conn.status().message();
  if (!conn.ok()) return nullptr;
  return std::move(conn).value();
}

class TempDb {
 public:
  TempDb() {
    dir_ = std::filesystem::temp_directory_path() /
           ("migrate-driver-test-" + std::to_string(getpid()) + "-" +
            std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
  }
  ~TempDb() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string url() const { return "sqlite:" + (dir_ / "test.db").string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
};

TEST(SqliteConnection, DialectAndVersion) {
  auto conn = Open("sqlite::memory:");
  ASSERT_TRUE(conn);
  EXPECT_EQ(conn->dialect(), Dialect::kSqlite);
  EXPECT_EQ(conn->ServerVersion().rfind("SQLite 3.", 0), 0u) << conn->ServerVersion();
}

TEST(SqliteConnection, QueryWithParamsAndNull) {
  auto conn = Open("sqlite::memory:");
  ASSERT_TRUE(conn);
  auto r = conn->Query("SELECT ? + 1 AS n, ? AS s, ? IS NULL AS is_null, NULL AS absent",
                       {"41", "hello", std::nullopt});
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->columns, (std::vector<std::string>{"n", "s", "is_null", "absent"}));
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0][0], Value("42"));
  EXPECT_EQ(r->rows[0][1], Value("hello"));
  EXPECT_EQ(r->rows[0][2], Value("1"));
  EXPECT_EQ(r->rows[0][3], std::nullopt);
  EXPECT_EQ(r->affected, 0);
}

TEST(SqliteConnection, DdlDmlAndAffectedRows) {
  auto conn = Open("sqlite::memory:");
  ASSERT_TRUE(conn);
  ASSERT_TRUE(conn->Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").ok());
  for (int i = 1; i <= 3; ++i) {
    auto ins = conn->Query("INSERT INTO t (id, v) VALUES (?, ?)", {std::to_string(i), "x"});
    ASSERT_TRUE(ins.ok()) << ins.status().message();
    EXPECT_EQ(ins->affected, 1);
  }
  auto upd = conn->Query("UPDATE t SET v = ? WHERE id >= ?", {"y", "2"});
  ASSERT_TRUE(upd.ok());
  EXPECT_EQ(upd->affected, 2);
  auto none = conn->Query("UPDATE t SET v = 'z' WHERE id > 100");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->affected, 0);
  auto ddl = conn->Query("CREATE INDEX t_v ON t (v)");
  ASSERT_TRUE(ddl.ok());
  EXPECT_EQ(ddl->affected, 0);
  auto sel = conn->Query("SELECT id, v FROM t ORDER BY id");
  ASSERT_TRUE(sel.ok());
  ASSERT_EQ(sel->rows.size(), 3u);
  EXPECT_EQ(sel->rows[2][1], Value("y"));
  EXPECT_EQ(sel->affected, 0);
  auto del = conn->Query("DELETE FROM t");
  ASSERT_TRUE(del.ok());
  EXPECT_EQ(del->affected, 3);
}

TEST(SqliteConnection, SeveralStatementsWithoutParams) {
  auto conn = Open("sqlite::memory:");
  ASSERT_TRUE(conn);
  auto r = conn->Query(
      "CREATE TABLE a (x); -- comment\nINSERT INTO a VALUES (1), (2); SELECT count(*) AS n FROM a;");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0][0], Value("2"));
}

TEST(SqliteConnection, ParamsNeedExactlyOneStatement) {
  auto conn = Open("sqlite::memory:");
  ASSERT_TRUE(conn);
  EXPECT_FALSE(conn->Query("SELECT ?; SELECT 2", {"1"}).ok());
  EXPECT_FALSE(conn->Query("SELECT ?, ?", {"1"}).ok());
}

TEST(SqliteConnection, ErrorsAreDatabase) {
  auto conn = Open("sqlite::memory:");
  ASSERT_TRUE(conn);
  auto r = conn->Query("SELEC 1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDatabase);
  EXPECT_NE(r.status().message().find("syntax error"), std::string::npos);
  auto missing = conn->Query("SELECT * FROM nope");
  EXPECT_EQ(missing.status().code(), StatusCode::kDatabase);
  ASSERT_TRUE(conn->Execute("CREATE TABLE u (id INTEGER PRIMARY KEY)").ok());
  ASSERT_TRUE(conn->Execute("INSERT INTO u VALUES (1)").ok());
  EXPECT_EQ(conn->Execute("INSERT INTO u VALUES (1)").code(), StatusCode::kDatabase);
}

TEST(SqliteConnection, OpenFailureIsDatabase) {
  auto url = ParseDatabaseUrl("sqlite:/nonexistent-dir-for-migrate-tests/x/y.db");
  ASSERT_TRUE(url.ok());
  auto conn = Connect(*url);
  ASSERT_FALSE(conn.ok());
  EXPECT_EQ(conn.status().code(), StatusCode::kDatabase);
}

TEST(SqliteConnection, Transactions) {
  auto conn = Open("sqlite::memory:");
  ASSERT_TRUE(conn);
  ASSERT_TRUE(conn->Execute("CREATE TABLE t (x)").ok());
  EXPECT_FALSE(conn->InTransaction());
  EXPECT_TRUE(conn->Rollback().ok());  // no-op outside a transaction
  ASSERT_TRUE(conn->Begin().ok());
  EXPECT_TRUE(conn->InTransaction());
  ASSERT_TRUE(conn->Execute("INSERT INTO t VALUES (1)").ok());
  ASSERT_TRUE(conn->Rollback().ok());
  EXPECT_FALSE(conn->InTransaction());
  EXPECT_EQ(conn->Query("SELECT count(*) FROM t")->rows[0][0], Value("0"));
  ASSERT_TRUE(conn->Begin().ok());
  ASSERT_TRUE(conn->Execute("INSERT INTO t VALUES (1)").ok());
  ASSERT_TRUE(conn->Commit().ok());
  EXPECT_FALSE(conn->InTransaction());
  EXPECT_EQ(conn->Query("SELECT count(*) FROM t")->rows[0][0], Value("1"));
  EXPECT_FALSE(conn->Commit().ok());  // nothing to commit
}

TEST(SqliteConnection, BusyIsRetryable) {
  TempDb db;
  auto a = Open(db.url());
  auto b = Open(db.url());
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->Execute("CREATE TABLE t (x)").ok());
  ASSERT_TRUE(a->Begin().ok());  // BEGIN IMMEDIATE: holds the write lock
  ASSERT_TRUE(b->SetLockTimeout(milliseconds(50)).ok());
  auto start = Clock::now();
  Status begin = b->Begin();
  EXPECT_EQ(begin.code(), StatusCode::kRetryable) << begin.message();
  Status write = b->Execute("INSERT INTO t VALUES (1)");
  EXPECT_EQ(write.code(), StatusCode::kRetryable) << write.message();
  EXPECT_LT(Clock::now() - start, milliseconds(2000));
  EXPECT_FALSE(b->InTransaction());
  // Readers are not blocked by the write lock.
  EXPECT_TRUE(b->Query("SELECT count(*) FROM t").ok());
  ASSERT_TRUE(a->Commit().ok());
  EXPECT_TRUE(b->Begin().ok());
  EXPECT_TRUE(b->Execute("INSERT INTO t VALUES (1)").ok());
  EXPECT_TRUE(b->Commit().ok());
}

TEST(SqliteConnection, LockTimeoutWaits) {
  TempDb db;
  auto a = Open(db.url());
  auto b = Open(db.url());
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->Execute("CREATE TABLE t (x)").ok());
  ASSERT_TRUE(a->Begin().ok());
  std::thread release([&] {
    std::this_thread::sleep_for(milliseconds(200));
    EXPECT_TRUE(a->Commit().ok());
  });
  ASSERT_TRUE(b->SetLockTimeout(milliseconds(5000)).ok());
  Status s = b->Execute("INSERT INTO t VALUES (1)");
  release.join();
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(SqliteConnection, CancelFromAnotherThread) {
  auto conn = Open("sqlite::memory:");
  ASSERT_TRUE(conn);
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(200));
    conn->Cancel();
  });
  auto start = Clock::now();
  auto r = conn->Query(kEndless);
  canceller.join();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled) << r.status().message();
  EXPECT_LT(Clock::now() - start, milliseconds(3000));
  // The connection is usable afterwards.
  auto after = conn->Query("SELECT 1");
  EXPECT_TRUE(after.ok()) << after.status().message();
}

TEST(SqliteConnection, CancelBetweenStatementsDoesNotLinger) {
  auto conn = Open("sqlite::memory:");
  ASSERT_TRUE(conn);
  conn->Cancel();
  EXPECT_TRUE(conn->Query("SELECT 1").ok());
  EXPECT_TRUE(conn->Query("SELECT 2").ok());
}

TEST(SqliteConnection, StatementTimeout) {
  auto conn = Open("sqlite::memory:");
  ASSERT_TRUE(conn);
  ASSERT_TRUE(conn->SetStatementTimeout(milliseconds(100)).ok());
  auto start = Clock::now();
  auto r = conn->Query(kEndless);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDatabase);
  EXPECT_NE(r.status().message().find("statement timeout"), std::string::npos);
  EXPECT_LT(Clock::now() - start, milliseconds(3000));
  // Short statements still run; zero removes the limit.
  EXPECT_TRUE(conn->Query("SELECT 1").ok());
  ASSERT_TRUE(conn->SetStatementTimeout(milliseconds(0)).ok());
  auto bounded = conn->Query(
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) "
      "SELECT count(*) FROM c");
  ASSERT_TRUE(bounded.ok()) << bounded.status().message();
  EXPECT_EQ(bounded->rows[0][0], Value("200000"));
}

TEST(SqliteConnection, ForeignKeysLeftAtDefault) {
  auto conn = Open("sqlite::memory:");
  ASSERT_TRUE(conn);
  auto r = conn->Query("PRAGMA foreign_keys");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0][0], Value("0"));
}

TEST(SqliteConnection, FileDatabasePersists) {
  TempDb db;
  {
    auto conn = Open(db.url());
    ASSERT_TRUE(conn);
    ASSERT_TRUE(conn->Execute("CREATE TABLE t (x); INSERT INTO t VALUES ('kept')").ok());
  }
  auto conn = Open(db.url());
  ASSERT_TRUE(conn);
  EXPECT_EQ(conn->Query("SELECT x FROM t")->rows[0][0], Value("kept"));
}

}  // namespace
}  // namespace migrate
