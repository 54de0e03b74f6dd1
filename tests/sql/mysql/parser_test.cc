// Tests of the MySQL/MariaDB front end. Golden tests: every statement of testdata/<case>.sql is
// split and parsed, its Changes rendered (testing/change_dump.h), and the dump must equal
// testdata/<case>.expected (UPDATE_GOLDEN=1 rewrites them; review the diff). Then facts spelled
// out directly: type canonicalisation, volatility, syntax error messages and offsets.
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

const FrontEnd& My() {
  static const std::unique_ptr<FrontEnd> fe = MakeFrontEnd(Dialect::kMysql);
  return *fe;
}

fs::path TestdataDir() { return testing::SourceDir() / "tests/sql/mysql/testdata"; }

const std::set<std::string> kCases = {"create_table", "alter_table", "index",   "drop",          "rename",
                                      "dml",          "session",     "objects", "types",         "volatility",
                                      "dump",         "syntax_errors"};

class MysqlGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(MysqlGoldenTest, MatchesExpected) {
  const fs::path sql = TestdataDir() / (GetParam() + ".sql");
  ASSERT_TRUE(fs::exists(sql)) << sql;
  testing::ExpectGolden(TestdataDir() / (GetParam() + ".expected"),
                        testing::DumpParsedFile(My(), testing::ReadAll(sql)));
}

INSTANTIATE_TEST_SUITE_P(Mysql, MysqlGoldenTest, ::testing::ValuesIn(kCases.begin(), kCases.end()));

TEST(MysqlGoldenCoverageTest, EveryCaseFileIsInTheList) {
  testing::ExpectEveryCaseListed(TestdataDir(), kCases);
}

std::vector<Change> ParseOk(std::string_view sql) { return testing::ParseOkWith(My(), sql); }

template <typename T>
T ParseOne(std::string_view sql) {
  return testing::ParseOneWith<T>(My(), sql);
}

TEST(MysqlParserTest, TypeNamesAreCanonical) {
  auto type_of = [](const std::string& type) {
    return ParseOne<AddColumn>("ALTER TABLE t ADD COLUMN a " + type).column.type.ToString();
  };
  EXPECT_EQ(type_of("INTEGER"), "int");
  EXPECT_EQ(type_of("int(11)"), "int");
  EXPECT_EQ(type_of("INT(10) UNSIGNED"), "int unsigned");
  EXPECT_EQ(type_of("int zerofill"), "int unsigned");
  EXPECT_EQ(type_of("bigint(20) signed"), "bigint");
  EXPECT_EQ(type_of("BOOL"), "tinyint(1)");
  EXPECT_EQ(type_of("boolean"), "tinyint(1)");
  EXPECT_EQ(type_of("tinyint(1)"), "tinyint(1)");
  EXPECT_EQ(type_of("tinyint(4)"), "tinyint");
  EXPECT_EQ(type_of("VARCHAR(255)"), "varchar(255)");
  EXPECT_EQ(type_of("character varying(10)"), "varchar(10)");
  EXPECT_EQ(type_of("NUMERIC(12, 2)"), "decimal(12,2)");
  EXPECT_EQ(type_of("decimal"), "decimal(10,0)");
  EXPECT_EQ(type_of("decimal(5)"), "decimal(5,0)");
  EXPECT_EQ(type_of("decimal(10,2) unsigned"), "decimal(10,2) unsigned");
  EXPECT_EQ(type_of("double precision"), "double");
  EXPECT_EQ(type_of("real"), "double");
  EXPECT_EQ(type_of("float(25)"), "double");
  EXPECT_EQ(type_of("float(10)"), "float");
  EXPECT_EQ(type_of("char"), "char(1)");
  EXPECT_EQ(type_of("timestamp(0)"), "timestamp");
  EXPECT_EQ(type_of("datetime(6)"), "datetime(6)");
  EXPECT_EQ(type_of("enum('a','b')"), "enum('a','b')");
  EXPECT_EQ(type_of("SET('x')"), "set('x')");
  EXPECT_EQ(type_of("long varchar"), "mediumtext");
  EXPECT_EQ(type_of("json"), "json");
}

Expr DefaultOf(const std::string& sql) {
  AddColumn c = ParseOne<AddColumn>(sql);
  if (!c.column.default_value) {
    ADD_FAILURE() << sql << ": no default";
    return {};
  }
  return *c.column.default_value;
}

TEST(MysqlParserTest, DefaultVolatility) {
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD a int DEFAULT 0").volatility, Volatility::kImmutable);
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD a int DEFAULT -1").text, "-1");
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD a varchar(3) DEFAULT 'x'").text, "'x'");
  EXPECT_TRUE(DefaultOf("ALTER TABLE t ADD a int DEFAULT NULL").is_null);
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD a timestamp DEFAULT CURRENT_TIMESTAMP").volatility, Volatility::kStable);
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD a datetime DEFAULT NOW()").volatility, Volatility::kStable);
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD a datetime(6) DEFAULT CURRENT_TIMESTAMP(6)").volatility, Volatility::kStable);
  Expr uuid = DefaultOf("ALTER TABLE t ADD a char(36) DEFAULT (UUID())");
  EXPECT_EQ(uuid.volatility, Volatility::kVolatile);
  EXPECT_EQ(uuid.volatile_function, "uuid()");
  EXPECT_EQ(uuid.text, "(UUID())");  // the parentheses mark an expression default
  Expr rand = DefaultOf("ALTER TABLE t ADD a double DEFAULT (1 + RAND())");
  EXPECT_EQ(rand.volatility, Volatility::kVolatile);
  EXPECT_EQ(rand.volatile_function, "rand()");
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD a int DEFAULT (my_func())").volatile_function, "my_func()");
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD a int DEFAULT (1 + 2)").volatility, Volatility::kImmutable);
}

TEST(MysqlParserTest, ChangeColumnThatRenamesReportsTheRenameFirst) {
  std::vector<Change> changes = ParseOk("ALTER TABLE users CHANGE name full_name varchar(100) NOT NULL");
  ASSERT_EQ(changes.size(), 2u);
  const auto& rename = std::get<RenameColumn>(changes[0]);
  EXPECT_EQ(rename.column, "name");
  EXPECT_EQ(rename.new_name, "full_name");
  const auto& modify = std::get<ModifyColumn>(changes[1]);
  EXPECT_EQ(modify.column, "full_name");
  EXPECT_EQ(modify.definition.type.ToString(), "varchar(100)");
  EXPECT_TRUE(modify.definition.not_null);
  // Same name: only the modification.
  EXPECT_EQ(ParseOne<ModifyColumn>("ALTER TABLE users CHANGE name name text").column, "name");
}

TEST(MysqlParserTest, AlgorithmAndLockBecomeOneClauseAfterTheActions) {
  std::vector<Change> changes = ParseOk("ALTER TABLE t ALGORITHM=INPLACE, ADD INDEX i (a), LOCK=NONE, ADD b int");
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<CreateIndex>(changes[0]));
  EXPECT_TRUE(std::holds_alternative<AddColumn>(changes[1]));
  const auto& online = std::get<OnlineDdlClause>(changes[2]);
  EXPECT_EQ(online.algorithm, "INPLACE");
  EXPECT_EQ(online.lock, "NONE");
}

TEST(MysqlParserTest, UnknownStatementsAreUnanalyzedNotErrors) {
  for (const char* sql : {"CALL p()", "XA START 'x'", "INSTALL PLUGIN x SONAME 'y'", "HANDLER t OPEN",
                          "CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (USER 'x')", "FOO BAR",
                          "ALTER TABLE t DROP PARTITION p1, p2", "KILL 42"}) {
    std::vector<Change> changes = ParseOk(sql);
    ASSERT_EQ(changes.size(), 1u) << sql;
    EXPECT_TRUE(std::holds_alternative<Unanalyzed>(changes[0]) || std::holds_alternative<NoSchemaEffect>(changes[0]))
        << sql << ": " << testing::DumpChanges(changes);
  }
  EXPECT_EQ(ParseOne<Unanalyzed>("CALL add_column('t')").what, "CALL add_column");
}

struct ErrorCase {
  const char* sql;
  size_t offset;
  const char* message;
};

TEST(MysqlParserTest, SyntaxErrorsNameWhatWasExpectedAtTheOffendingToken) {
  const ErrorCase cases[] = {
      {"ALTER TABLE users ADD COLUMN a int,, DROP b", 35, "expected an ALTER TABLE action but found \",\""},
      {"ALTER TABLE users ADD COLUMN a int DROP b", 35, "expected \",\" or end of statement but found \"DROP\""},
      {"CREATE TABLE t (a int, PRIMARY KEY (a)", 38, "expected \")\" but found end of statement"},
      {"CREATE TABLE t (a int, b int,)", 29, "expected a column name but found \")\""},
      {"CREATE TABLE t (a int NOT)", 25, "expected \"NULL\" but found \")\""},
      {"CREATE TABLE t (a varchar(x))", 26, "expected an integer but found \"x\""},
      {"CREATE TABLE t (a enum('x', 2))", 28, "expected a string but found \"2\""},
      {"CREATE INDEX i ON t a", 20, "expected \"(\" but found \"a\""},
      {"DROP INDEX i", 12, "expected \"ON\" but found end of statement"},
      {"RENAME TABLE a b", 15, "expected \"TO\" but found \"b\""},
      {"ALTER TABLE t ALTER COLUMN a SET NULL", 33, "expected DEFAULT, VISIBLE or INVISIBLE but found \"NULL\""},
      {"INSERT INTO t FOO", 14, "expected VALUES, SET or SELECT but found \"FOO\""},
      {"UPDATE t WHERE a = 1", 20, "expected \"SET\" but found end of statement"},
      {"LOCK TABLES t AS x EXCLUSIVE", 19, "expected READ or WRITE but found \"EXCLUSIVE\""},
      {"SELECT (1", 7, "unbalanced \"(\": no matching \")\" before the end of the statement"},
      {"SELECT 'abc", 7, "unterminated quoted string"},
      {"ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES p (id) ON DELETE EXPLODE", 75,
       "expected a referential action (CASCADE, RESTRICT, SET NULL, SET DEFAULT or NO ACTION) but found "
       "\"EXPLODE\""},
  };
  for (const ErrorCase& c : cases) {
    ParseOutcome out = My().Parse(c.sql);
    const auto* err = std::get_if<SyntaxError>(&out);
    ASSERT_NE(err, nullptr) << c.sql << " parsed: " << testing::DumpChanges(std::get<std::vector<Change>>(out));
    EXPECT_EQ(err->offset, c.offset) << c.sql;
    EXPECT_EQ(err->message, c.message) << c.sql;
  }
}

TEST(MysqlParserTest, AnErrorOffsetIsRelativeToTheStatementInAFile) {
  // The loader adds the statement's offset in the file; Parse sees the statement alone.
  SplitResult split = My().Split("SELECT 1;\nALTER TABLE t ADD COLUMN a int int;");
  ASSERT_EQ(split.statements.size(), 2u);
  ParseOutcome out = My().Parse(split.statements[1].text);
  const auto* err = std::get_if<SyntaxError>(&out);
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(err->offset, 31u);
  EXPECT_EQ(err->message, "expected \",\" or end of statement but found \"int\"");
}

TEST(MysqlParserTest, LintDialectIsRegistered) {
  ASSERT_NE(MakeFrontEnd(Dialect::kMysql), nullptr);
  EXPECT_EQ(MakeFrontEnd(Dialect::kMysql)->dialect(), Dialect::kMysql);
}

}  // namespace
}  // namespace migrate
