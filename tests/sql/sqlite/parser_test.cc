// Tests of the SQLite front end. Golden tests: every statement of testdata/<case>.sql is split
// and parsed, its Changes rendered (testing/change_dump.h), and the dump must equal
// testdata/<case>.expected (UPDATE_GOLDEN=1 rewrites them; review the diff). Then facts spelled
// out directly: type names, volatility, syntax error messages and offsets.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "sql/front_end.h"
#include "testing/change_dump.h"
#include "testing/test_util.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;

const FrontEnd& Lite() {
  static const std::unique_ptr<FrontEnd> fe = MakeFrontEnd(Dialect::kSqlite);
  return *fe;
}

fs::path TestdataDir() { return testing::SourceDir() / "tests/sql/sqlite/testdata"; }

const std::set<std::string> kCases = {"create_table", "alter_table", "index", "drop",
                                      "dml",          "misc",        "syntax_errors"};

class SqliteGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SqliteGoldenTest, MatchesExpected) {
  const fs::path sql = TestdataDir() / (GetParam() + ".sql");
  ASSERT_TRUE(fs::exists(sql)) << sql;
  testing::ExpectGolden(TestdataDir() / (GetParam() + ".expected"),
                        testing::DumpParsedFile(Lite(), testing::ReadAll(sql)));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, SqliteGoldenTest, ::testing::ValuesIn(kCases.begin(), kCases.end()));

TEST(SqliteGoldenCoverageTest, EveryCaseFileIsInTheList) {
  testing::ExpectEveryCaseListed(TestdataDir(), kCases);
}

std::vector<Change> ParseOk(std::string_view sql) { return testing::ParseOkWith(Lite(), sql); }

template <typename T>
T ParseOne(std::string_view sql) {
  return testing::ParseOneWith<T>(Lite(), sql);
}

TEST(SqliteParserTest, TypeNamesAreKeptAsWrittenLowerCased) {
  auto type_of = [](const std::string& type) {
    return ParseOne<AddColumn>("ALTER TABLE t ADD COLUMN a " + type).column.type.ToString();
  };
  EXPECT_EQ(type_of("INTEGER"), "integer");
  EXPECT_EQ(type_of("INT"), "int");  // not folded: only INTEGER PRIMARY KEY is the rowid
  EXPECT_EQ(type_of("VARCHAR(255)"), "varchar(255)");
  EXPECT_EQ(type_of("unsigned  big INT"), "unsigned big int");
  EXPECT_EQ(type_of("DECIMAL(10, -2)"), "decimal(10,-2)");
  EXPECT_EQ(type_of(""), "");
  EXPECT_EQ(type_of("DATETIME NOT NULL DEFAULT 0"), "datetime");
}

TEST(SqliteParserTest, DefaultVolatility) {
  auto default_of = [](const std::string& def) {
    AddColumn c = ParseOne<AddColumn>("ALTER TABLE t ADD COLUMN a DEFAULT " + def);
    return c.column.default_value.value_or(Expr{});
  };
  EXPECT_EQ(default_of("0").volatility, Volatility::kImmutable);
  EXPECT_EQ(default_of("'x'").text, "'x'");
  EXPECT_TRUE(default_of("NULL").is_null);
  EXPECT_EQ(default_of("CURRENT_TIMESTAMP").volatility, Volatility::kStable);
  EXPECT_EQ(default_of("(datetime('now'))").volatility, Volatility::kStable);
  Expr blob = default_of("(randomblob(16))");
  EXPECT_EQ(blob.volatility, Volatility::kVolatile);
  EXPECT_EQ(blob.volatile_function, "randomblob()");
  EXPECT_EQ(default_of("(abs(-1))").volatility, Volatility::kImmutable);
}

TEST(SqliteParserTest, TheMainSchemaIsDropped) {
  EXPECT_EQ(ParseOne<CreateTable>("CREATE TABLE main.users (a)").table, "users");
  EXPECT_EQ(ParseOne<CreateTable>("CREATE TABLE other.users (a)").table, "other.users");
  EXPECT_EQ(ParseOne<DropIndex>("DROP INDEX \"main\".i").index, "i");
}

TEST(SqliteParserTest, GeneratedColumnsAreVirtualUnlessStored) {
  CreateTable t = ParseOne<CreateTable>("CREATE TABLE t (a, b AS (a + 1), c GENERATED ALWAYS AS (a) STORED)");
  ASSERT_EQ(t.columns.size(), 3u);
  EXPECT_EQ(t.columns[1].generated, Generated::kVirtual);
  EXPECT_EQ(t.columns[2].generated, Generated::kStored);
}

TEST(SqliteParserTest, UnknownStatementsAreUnanalyzedNotErrors) {
  for (const char* sql : {"CREATE FOO BAR", "UPSERT x", "ALTER VIEW v RENAME TO w"}) {
    std::vector<Change> changes = ParseOk(sql);
    ASSERT_EQ(changes.size(), 1u) << sql;
    EXPECT_TRUE(std::holds_alternative<Unanalyzed>(changes[0])) << sql;
  }
}

struct ErrorCase {
  const char* sql;
  size_t offset;
  const char* message;
};

TEST(SqliteParserTest, SyntaxErrorsNameWhatWasExpectedAtTheOffendingToken) {
  const ErrorCase cases[] = {
      {"CREATE TABLE t (a INTEGER PRIMARY KEY,)", 38, "expected a column name but found \")\""},
      {"CREATE TABLE t (a INTEGER NOT)", 29, "expected \"NULL\" but found \")\""},
      {"CREATE TABLE t (a TEXT) WITHOUT", 31, "expected \"ROWID\" but found end of statement"},
      {"CREATE TABLE t (a TEXT ON CONFLICT IGNORE)", 23, "expected \")\" but found \"ON\""},
      {"ALTER TABLE t RENAME COLUMN a b", 30, "expected \"TO\" but found \"b\""},
      {"ALTER TABLE t MODIFY a INTEGER", 14, "expected RENAME, ADD or DROP but found \"MODIFY\""},
      {"CREATE INDEX i ON t", 19, "expected \"(\" but found end of statement"},
      {"INSERT INTO t (a) FOO", 18, "expected VALUES, SELECT or DEFAULT VALUES but found \"FOO\""},
      {"DELETE t WHERE a = 1", 7, "expected \"FROM\" but found \"t\""},
      {"PRAGMA foreign_keys =", 21, "expected an expression but found end of statement"},
      {"SELECT [a", 7, "unterminated [identifier]"},
  };
  for (const ErrorCase& c : cases) {
    ParseOutcome out = Lite().Parse(c.sql);
    const auto* err = std::get_if<SyntaxError>(&out);
    ASSERT_NE(err, nullptr) << c.sql << " parsed: " << testing::DumpChanges(std::get<std::vector<Change>>(out));
    EXPECT_EQ(err->offset, c.offset) << c.sql;
    EXPECT_EQ(err->message, c.message) << c.sql;
  }
}

TEST(SqliteParserTest, LintDialectIsRegistered) {
  ASSERT_NE(MakeFrontEnd(Dialect::kSqlite), nullptr);
  EXPECT_EQ(MakeFrontEnd(Dialect::kSqlite)->dialect(), Dialect::kSqlite);
}

}  // namespace
}  // namespace migrate
