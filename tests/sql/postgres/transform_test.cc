// Golden tests of the PostgreSQL front end: every statement of testdata/<case>.sql is parsed and
// its Changes rendered (testing/change_dump.h); the dump must equal testdata/<case>.expected.
// UPDATE_GOLDEN=1 rewrites the expected files (review the diff).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "sql/splitter.h"
#include "testing/change_dump.h"
#include "testing/test_util.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;

fs::path TestdataDir() { return testing::SourceDir() / "tests/sql/postgres/testdata"; }

// "> statement" (newlines shown as ⏎-free single spaces) followed by its dump.
std::string DumpFile(const std::string& text) {
  SplitResult split = SplitPostgres(text);
  std::string out;
  if (split.error) return "split error at " + std::to_string(split.error->offset) + ": " + split.error->message + "\n";
  for (const RawStatement& st : split.statements) {
    std::string one_line;
    bool space = false;
    for (char c : st.text) {
      if (c == '\n' || c == ' ') {
        space = true;
        continue;
      }
      if (space && !one_line.empty()) one_line += ' ';
      space = false;
      one_line += c;
    }
    out += "> " + one_line + "\n";
    ParseOutcome parsed = testing::Pg().Parse(st.text);
    if (const auto* err = std::get_if<SyntaxError>(&parsed)) {
      out += "SyntaxError offset=" + std::to_string(err->offset) + " message=" + err->message + "\n";
    } else {
      const auto& changes = std::get<std::vector<Change>>(parsed);
      if (changes.empty()) out += "(no changes)\n";
      out += testing::DumpChanges(changes);
    }
    out += "\n";
  }
  return out;
}

class TransformGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TransformGoldenTest, MatchesExpected) {
  const fs::path sql = TestdataDir() / (GetParam() + ".sql");
  ASSERT_TRUE(fs::exists(sql)) << sql;
  testing::ExpectGolden(TestdataDir() / (GetParam() + ".expected"), DumpFile(testing::ReadAll(sql)));
}

INSTANTIATE_TEST_SUITE_P(Postgres, TransformGoldenTest,
                         ::testing::Values("create_table", "create_table_as", "alter_table", "index", "drop",
                                           "rename", "dml", "types", "maintenance", "misc", "volatility"));

TEST(TransformGoldenCoverageTest, EveryCaseFileIsInTheList) {
  // A .sql file added to testdata/ without a test case would never be checked.
  const std::set<std::string> listed = {"create_table", "create_table_as", "alter_table", "index", "drop",
                                        "rename", "dml", "types", "maintenance", "misc", "volatility"};
  testing::ExpectEveryCaseListed(TestdataDir(), listed);
}

// A few facts spelled out directly, so they do not depend on reviewing golden files alone.

Expr DefaultOf(const std::string& sql) {
  AddColumn c = testing::ParseOne<AddColumn>(sql);
  if (!c.column.default_value) {
    ADD_FAILURE() << sql << ": no default";
    return {};
  }
  return *c.column.default_value;
}

TEST(TransformTest, ExpressionVolatility) {
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD COLUMN a timestamptz DEFAULT now()").volatility, Volatility::kStable);
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD COLUMN a timestamptz DEFAULT CURRENT_TIMESTAMP").volatility,
            Volatility::kStable);
  Expr uuid = DefaultOf("ALTER TABLE t ADD COLUMN a uuid DEFAULT gen_random_uuid()");
  EXPECT_EQ(uuid.volatility, Volatility::kVolatile);
  EXPECT_EQ(uuid.volatile_function, "gen_random_uuid()");
  Expr text = DefaultOf("ALTER TABLE t ADD COLUMN a text DEFAULT 'x'::text");
  EXPECT_EQ(text.volatility, Volatility::kImmutable);
  EXPECT_EQ(text.text, "'x'::text");
  EXPECT_FALSE(text.is_null);
  Expr user = DefaultOf("ALTER TABLE t ADD COLUMN a int DEFAULT my_func()");
  EXPECT_EQ(user.volatility, Volatility::kVolatile);
  EXPECT_EQ(user.volatile_function, "my_func()");
  // The most volatile part wins, wherever it is nested.
  Expr nested = DefaultOf("ALTER TABLE t ADD COLUMN a float8 DEFAULT lower('x')::float8 + random()");
  EXPECT_EQ(nested.volatility, Volatility::kVolatile);
  EXPECT_EQ(nested.volatile_function, "random()");
  EXPECT_TRUE(DefaultOf("ALTER TABLE t ADD COLUMN a int DEFAULT NULL").is_null);
  EXPECT_TRUE(DefaultOf("ALTER TABLE t ADD COLUMN a int DEFAULT NULL::int").is_null);
}

TEST(TransformTest, TypeNamesAreCanonical) {
  auto type_of = [](const std::string& type) {
    return testing::ParseOne<AddColumn>("ALTER TABLE t ADD COLUMN a " + type).column.type.ToString();
  };
  EXPECT_EQ(type_of("integer"), "int4");
  EXPECT_EQ(type_of("int"), "int4");
  EXPECT_EQ(type_of("bigint"), "int8");
  EXPECT_EQ(type_of("smallint"), "int2");
  EXPECT_EQ(type_of("character varying(10)"), "varchar(10)");
  EXPECT_EQ(type_of("VARCHAR"), "varchar");
  EXPECT_EQ(type_of("text"), "text");
  EXPECT_EQ(type_of("numeric(12, 2)"), "numeric(12,2)");
  EXPECT_EQ(type_of("decimal(5)"), "numeric(5)");
  EXPECT_EQ(type_of("boolean"), "bool");
  EXPECT_EQ(type_of("double precision"), "float8");
  EXPECT_EQ(type_of("real"), "float4");
  EXPECT_EQ(type_of("timestamp with time zone"), "timestamptz");
  EXPECT_EQ(type_of("timestamptz"), "timestamptz");
  EXPECT_EQ(type_of("timestamp(3)"), "timestamp(3)");
  EXPECT_EQ(type_of("int[]"), "int4[]");
  EXPECT_EQ(type_of("text[][]"), "text[][]");
  EXPECT_EQ(type_of("char(2)"), "bpchar(2)");
  EXPECT_EQ(type_of("jsonb"), "jsonb");
}

TEST(TransformTest, UnmodeledStatementIsUnanalyzedNotAnError) {
  for (const char* sql : {"CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING", "REFRESH MATERIALIZED VIEW v",
                          "DO $$ BEGIN PERFORM 1; END $$"}) {
    std::vector<Change> changes = testing::ParseOk(sql);
    ASSERT_EQ(changes.size(), 1u) << sql;
    EXPECT_TRUE(std::holds_alternative<Unanalyzed>(changes[0])) << sql;
  }
}

TEST(TransformTest, SyntaxErrorOffsetIsIntoTheStatement) {
  ParseOutcome out = testing::Pg().Parse("ALTER TABLE users ADD COLUMN a int int");
  const auto* err = std::get_if<SyntaxError>(&out);
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(err->offset, 35u);
  EXPECT_EQ(err->message, "syntax error at or near \"int\"");
}

}  // namespace
}  // namespace migrate

namespace migrate {
namespace {

TEST(TransformTest, NegativeAndZeroConstantsKeepTheirValue) {
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD COLUMN a int DEFAULT -1").text, "-1");
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD COLUMN a int DEFAULT 0").text, "0");
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD COLUMN a int DEFAULT -42").text, "-42");
  EXPECT_EQ(DefaultOf("ALTER TABLE t ADD COLUMN a numeric DEFAULT -1.5").text, "-1.5");
}

TEST(TransformTest, SelectIntoCreatesATable) {
  CreateTable t = testing::ParseOne<CreateTable>("SELECT * INTO users_backup FROM users");
  EXPECT_EQ(t.table, "users_backup");
  EXPECT_TRUE(t.as_select);
}

}  // namespace
}  // namespace migrate
