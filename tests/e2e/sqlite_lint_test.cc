// End-to-end: `migrate lint --dialect sqlite` on migration directories, through the SQLite front
// end, the replay of the earlier migrations and the SQLite rules (JSON report, exit codes).
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

fs::path FreshDir(const std::string& name) {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(::testing::TempDir()) / ("migrate_sqlite_e2e_" + std::string(info->name()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void Write(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

struct Lint {
  RunResult run;
  json report;
};

Lint LintDir(const fs::path& dir) {
  Lint l;
  l.run = RunBinary({MIGRATE_BINARY, "--config", "/dev/null", "--format", "json", "lint", "--dialect", "sqlite",
                     dir.string()});
  l.report = json::parse(l.run.out, nullptr, /*allow_exceptions=*/false);
  return l;
}

// (file name, line, rule) of every finding.
std::vector<std::string> Findings(const json& report) {
  std::vector<std::string> out;
  for (const json& f : report["files"]) {
    const std::string name = fs::path(f["path"].get<std::string>()).filename().string();
    for (const json& st : f["statements"]) {
      for (const json& x : st["findings"]) {
        out.push_back(name + ":" + std::to_string(x["line"].get<int>()) + " " + x["rule"].get<std::string>());
      }
    }
  }
  return out;
}

const char* kCreateOrders =
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, total TEXT, note TEXT);\n"
    "CREATE INDEX orders_note_idx ON orders (note);\n";

TEST(SqliteLintTest, RebuildSpreadOverSectionsIsClean) {
  fs::path dir = FreshDir("m");
  Write(dir / "0001_orders.sql", kCreateOrders);
  Write(dir / "0002_total_integer.sql",
        "-- migrate:expand\n"
        "CREATE TABLE new_orders (id INTEGER PRIMARY KEY, total INTEGER NOT NULL DEFAULT 0, note TEXT);\n"
        "CREATE TRIGGER orders_sync AFTER INSERT ON orders\n"
        "BEGIN\n"
        "  INSERT OR REPLACE INTO new_orders (id, total, note) VALUES (NEW.id, CAST(NEW.total AS INTEGER), NEW.note);\n"
        "END;\n"
        "-- migrate:backfill batch=1000 table=orders key=id\n"
        "INSERT INTO new_orders (id, total, note) SELECT id, CAST(total AS INTEGER), note FROM orders\n"
        "WHERE NOT EXISTS (SELECT 1 FROM new_orders WHERE new_orders.id = orders.id);\n"
        "-- migrate:contract requires-app=2.0.0\n"
        "DROP TRIGGER orders_sync;\n"
        "DROP TABLE orders;\n"
        "ALTER TABLE new_orders RENAME TO orders;\n");
  Lint l = LintDir(dir);
  EXPECT_EQ(l.run.exit_code, 0) << l.run.Describe() << l.run.out;
  EXPECT_EQ(Findings(l.report), std::vector<std::string>{});
}

TEST(SqliteLintTest, RebuildInOneSectionIsOneBreakingFinding) {
  fs::path dir = FreshDir("m");
  Write(dir / "0001_orders.sql", kCreateOrders);
  Write(dir / "0002_total_integer.sql",
        "CREATE TABLE new_orders (id INTEGER PRIMARY KEY, total INTEGER NOT NULL DEFAULT 0, note TEXT);\n"
        "INSERT INTO new_orders SELECT id, CAST(total AS INTEGER), note FROM orders;\n"
        "DROP TABLE orders;\n"
        "ALTER TABLE new_orders RENAME TO orders;\n"
        "CREATE INDEX orders_note_idx ON orders (note);\n");
  Lint l = LintDir(dir);
  EXPECT_EQ(l.run.exit_code, 1) << l.run.Describe();
  ASSERT_EQ(Findings(l.report), std::vector<std::string>{"0002_total_integer.sql:1 sqlite-table-rebuild"});
  const json& first = l.report["files"][1]["statements"][0];
  EXPECT_EQ(first["class"], "breaking");
  EXPECT_NE(first["findings"][0]["message"].get<std::string>().find("table rebuild of orders"), std::string::npos);
}

TEST(SqliteLintTest, DropColumnJudgedAgainstTheReplay) {
  fs::path dir = FreshDir("m");
  Write(dir / "0001_orders.sql", kCreateOrders);
  Write(dir / "0002_drop.sql",
        "-- migrate:contract requires-app=2.0.0\n"
        "ALTER TABLE orders DROP COLUMN note;\n"
        "ALTER TABLE orders DROP COLUMN total;\n");
  Lint l = LintDir(dir);
  EXPECT_EQ(l.run.exit_code, 1) << l.run.Describe();
  EXPECT_EQ(Findings(l.report), std::vector<std::string>{"0002_drop.sql:2 sqlite-drop-column-unsupported"});

  Write(dir / "0002_drop.sql",
        "-- migrate:contract requires-app=2.0.0\n"
        "DROP INDEX orders_note_idx;\n"
        "ALTER TABLE orders DROP COLUMN note;\n");
  l = LintDir(dir);
  EXPECT_EQ(l.run.exit_code, 0) << l.run.Describe() << l.run.out;
}

TEST(SqliteLintTest, TheExampleStoryIsClean) {
  Lint l = LintDir(fs::path(MIGRATE_SOURCE_DIR) / "migrations-examples" / "sqlite");
  EXPECT_EQ(l.run.exit_code, 0) << l.run.Describe() << l.run.out;
  EXPECT_EQ(l.report["summary"]["statements"], 11);
  EXPECT_EQ(Findings(l.report), std::vector<std::string>{});
}

}  // namespace
}  // namespace migrate::testing
