// End-to-end: `migrate lint --dialect mysql` through the MySQL front end, the replay of earlier
// migrations, the online DDL prediction (JSON "lock") and the MySQL rules, with exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/run_binary.h"

namespace migrate::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path FreshDir() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(::testing::TempDir()) / ("migrate_mysql_e2e_" + std::string(info->name()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void Write(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

RunResult LintJson(const fs::path& path) {
  std::vector<std::string> args = {MIGRATE_BINARY, "--config", "/dev/null", "--format", "json", "lint",
                                   "--dialect", "mysql", path.string()};
  return RunBinary(args);
}

TEST(MysqlLintTest, InstantAddColumnIsCleanAndReportsItsAlgorithm) {
  fs::path dir = FreshDir();
  Write(dir / "0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL);\n");
  Write(dir / "0002_full_name.sql", "-- migrate:expand\nALTER TABLE users ADD COLUMN full_name varchar(255) NULL;\n");
  RunResult r = LintJson(dir);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  json report = json::parse(r.out);
  const json& st = report["files"][1]["statements"][0];
  EXPECT_EQ(st["class"], "expand");
  EXPECT_EQ(st["lock"]["algorithm"], "INSTANT");
  EXPECT_EQ(st["lock"]["level"], "NONE");
  EXPECT_TRUE(st["findings"].empty());
}

TEST(MysqlLintTest, ChangeColumnRenameIsBreakingAndFailsTheRun) {
  fs::path dir = FreshDir();
  Write(dir / "0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL);\n");
  Write(dir / "0002_rename.sql", "ALTER TABLE users CHANGE name full_name varchar(100) NOT NULL;\n");
  RunResult r = LintJson(dir);
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  json report = json::parse(r.out);
  const json& st = report["files"][1]["statements"][0];
  EXPECT_EQ(st["class"], "breaking");
  bool rename = false;
  for (const json& f : st["findings"]) rename = rename || f["rule"] == "rename-column";
  EXPECT_TRUE(rename) << st.dump();
}

TEST(MysqlLintTest, ExplicitCopyAlgorithmIsRejected) {
  fs::path dir = FreshDir();
  Write(dir / "copy.sql", "ALTER TABLE users ADD COLUMN note text NULL, ALGORITHM=COPY;\n");
  RunResult r = LintJson(dir / "copy.sql");
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  json report = json::parse(r.out);
  const json& st = report["files"][0]["statements"][0];
  EXPECT_EQ(st["lock"]["algorithm"], "COPY");
  bool copy = false;
  for (const json& f : st["findings"]) copy = copy || f["rule"] == "mysql-algorithm-copy";
  EXPECT_TRUE(copy) << st.dump();
}

TEST(MysqlLintTest, SyntaxErrorNamesLineAndColumn) {
  fs::path dir = FreshDir();
  Write(dir / "bad.sql", "CREATE TABLE t (id int,\n  name varchar(10) NOT NULL,,\n);\n");
  RunResult r = RunBinary({MIGRATE_BINARY, "--config", "/dev/null", "lint", "--dialect", "mysql", (dir / "bad.sql").string()});
  ASSERT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("bad.sql:2:29: error:"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace migrate::testing
