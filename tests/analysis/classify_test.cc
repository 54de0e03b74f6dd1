#include "analysis/classify.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sql/splitter.h"
#include "testing/test_util.h"

namespace migrate {
namespace {

// The schema the examples run against: the replay of an earlier migration.
const char* kSetup =
    "CREATE TABLE users (id int PRIMARY KEY, name varchar(100), email varchar(50), age int,\n"
    "                    note text, price numeric(10,2), flag text, created_at timestamp(3));\n"
    "CREATE INDEX users_email_idx ON users (email);\n"
    "CREATE VIEW active_users AS SELECT * FROM users;\n"
    "CREATE TYPE mood AS ENUM ('sad', 'ok');";

Schema SetupSchema() {
  Schema schema;
  SplitResult split = SplitPostgres(kSetup);
  for (const RawStatement& st : split.statements) {
    for (const Change& c : testing::ParseOk(st.text)) schema.Apply(c);
  }
  return schema;
}

ChangeClass ClassOf(const std::string& sql, const std::set<std::string>& new_tables = {}) {
  Schema schema = SetupSchema();
  std::vector<Change> changes = testing::ParseOk(sql);
  EXPECT_FALSE(changes.empty()) << sql;
  ClassifyContext ctx{.dialect = Dialect::kPostgres, .schema = schema, .new_tables = new_tables};
  return ClassifyStatement(changes, ctx);
}

struct Example {
  const char* sql;
  ChangeClass cls;
};

std::ostream& operator<<(std::ostream& os, const Example& e) {
  return os << "`" << e.sql << "` → " << ChangeClassName(e.cls);
}

class SpecExampleTest : public ::testing::TestWithParam<Example> {};

TEST_P(SpecExampleTest, GetsTheClassSpecListsForIt) {
  EXPECT_STREQ(ChangeClassName(ClassOf(GetParam().sql)), ChangeClassName(GetParam().cls)) << GetParam().sql;
}

// SPEC §2's table, one row per example.
INSTANTIATE_TEST_SUITE_P(
    Spec, SpecExampleTest,
    ::testing::Values(
        // expand
        Example{"CREATE TABLE orders (id int PRIMARY KEY, user_id int)", ChangeClass::kExpand},
        Example{"CREATE INDEX CONCURRENTLY users_age_idx ON users (age)", ChangeClass::kExpand},
        Example{"CREATE INDEX users_age_idx ON users (age)", ChangeClass::kExpand},
        Example{"CREATE VIEW adults AS SELECT * FROM users WHERE age >= 18", ChangeClass::kExpand},
        Example{"CREATE TYPE status AS ENUM ('new', 'done')", ChangeClass::kExpand},
        Example{"CREATE TYPE pair AS (a int, b int)", ChangeClass::kExpand},
        Example{"ALTER TABLE users ADD COLUMN full_name varchar(255)", ChangeClass::kExpand},
        Example{"ALTER TABLE users ADD COLUMN score int NOT NULL DEFAULT 0", ChangeClass::kExpand},
        Example{"ALTER TABLE users ADD COLUMN kind text NOT NULL DEFAULT 'basic'", ChangeClass::kExpand},
        Example{"ALTER TABLE users ALTER COLUMN name TYPE varchar(200)", ChangeClass::kExpand},
        Example{"ALTER TABLE users ALTER COLUMN name TYPE text", ChangeClass::kExpand},
        Example{"ALTER TABLE users ALTER COLUMN price TYPE numeric(12,2)", ChangeClass::kExpand},
        Example{"ALTER TABLE users ALTER COLUMN email DROP NOT NULL", ChangeClass::kExpand},
        Example{"ALTER TABLE users ALTER COLUMN age SET DEFAULT 18", ChangeClass::kExpand},
        Example{"ALTER TABLE users ADD CONSTRAINT users_age_pos CHECK (age > 0) NOT VALID", ChangeClass::kExpand},
        Example{"ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (age) REFERENCES orgs (id) NOT VALID",
                ChangeClass::kExpand},
        Example{"ALTER TABLE users VALIDATE CONSTRAINT users_age_pos", ChangeClass::kExpand},
        Example{"ALTER TYPE mood ADD VALUE 'happy'", ChangeClass::kExpand},
        Example{"INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b')", ChangeClass::kExpand},
        // backfill
        Example{"UPDATE users SET note = name WHERE note IS NULL", ChangeClass::kBackfill},
        Example{"UPDATE users SET note = name", ChangeClass::kBackfill},
        Example{"DELETE FROM users WHERE age < 0", ChangeClass::kBackfill},
        Example{"INSERT INTO users (id, name) SELECT id, name FROM old_users", ChangeClass::kBackfill},
        // contract
        Example{"ALTER TABLE users DROP COLUMN note", ChangeClass::kContract},
        Example{"DROP TABLE users", ChangeClass::kContract},
        Example{"DROP INDEX CONCURRENTLY users_email_idx", ChangeClass::kContract},
        Example{"DROP INDEX users_email_idx", ChangeClass::kContract},
        Example{"ALTER TABLE users DROP CONSTRAINT users_pkey", ChangeClass::kContract},
        Example{"DROP VIEW active_users", ChangeClass::kContract},
        Example{"ALTER TABLE users ALTER COLUMN email SET NOT NULL", ChangeClass::kContract},
        Example{"TRUNCATE users", ChangeClass::kContract},
        // breaking
        Example{"ALTER TABLE users RENAME COLUMN name TO full_name", ChangeClass::kBreaking},
        Example{"ALTER TABLE users RENAME TO customers", ChangeClass::kBreaking},
        Example{"ALTER VIEW active_users RENAME TO current_users", ChangeClass::kBreaking},
        Example{"ALTER TABLE users ALTER COLUMN name TYPE varchar(50)", ChangeClass::kBreaking},
        Example{"ALTER TABLE users ALTER COLUMN flag TYPE varchar(10)", ChangeClass::kBreaking},
        Example{"ALTER TABLE users ALTER COLUMN age TYPE bigint", ChangeClass::kBreaking},
        Example{"ALTER TABLE users ALTER COLUMN name TYPE varchar(200) USING upper(name)", ChangeClass::kBreaking},
        Example{"ALTER TABLE users ADD COLUMN tenant_id int NOT NULL", ChangeClass::kBreaking},
        Example{"ALTER TABLE users ADD COLUMN tenant_id int NOT NULL DEFAULT NULL", ChangeClass::kBreaking},
        // other
        Example{"SET lock_timeout = '1s'", ChangeClass::kOther},
        Example{"BEGIN", ChangeClass::kOther},
        Example{"COMMIT", ChangeClass::kOther},
        Example{"COMMENT ON TABLE users IS 'people'", ChangeClass::kOther},
        Example{"GRANT SELECT ON users TO reporting", ChangeClass::kOther},
        Example{"CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$", ChangeClass::kOther},
        Example{"CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$", ChangeClass::kOther},
        Example{"CREATE TRIGGER t BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION f()", ChangeClass::kOther},
        Example{"CREATE RULE r AS ON INSERT TO users DO INSTEAD NOTHING", ChangeClass::kOther},
        Example{"DO $$ BEGIN PERFORM 1; END $$", ChangeClass::kOther}));

TEST(ClassifyTest, MultiActionAlterTakesTheMostSevereClass) {
  EXPECT_EQ(ClassOf("ALTER TABLE users ADD COLUMN a int, ALTER COLUMN age SET DEFAULT 1"), ChangeClass::kExpand);
  EXPECT_EQ(ClassOf("ALTER TABLE users ADD COLUMN a int, DROP COLUMN note"), ChangeClass::kContract);
  EXPECT_EQ(ClassOf("ALTER TABLE users DROP COLUMN note, ADD COLUMN a int"), ChangeClass::kContract);
  EXPECT_EQ(ClassOf("ALTER TABLE users DROP COLUMN note, ADD COLUMN b int NOT NULL"), ChangeClass::kBreaking);
  EXPECT_EQ(ClassOf("ALTER TABLE users ADD COLUMN a int, ALTER COLUMN age TYPE bigint"), ChangeClass::kBreaking);
  EXPECT_EQ(ClassOf("ALTER TABLE users ALTER COLUMN email DROP NOT NULL, ALTER COLUMN name SET NOT NULL"),
            ChangeClass::kContract);
  EXPECT_EQ(ClassOf("ALTER TABLE users OWNER TO admin, ADD COLUMN a int"), ChangeClass::kExpand);
}

TEST(ClassifyTest, ClassifyStatementOrdersBySeverity) {
  Schema schema;
  std::set<std::string> none;
  ClassifyContext ctx{.dialect = Dialect::kPostgres, .schema = schema, .new_tables = none};
  EXPECT_EQ(ClassifyStatement({}, ctx), ChangeClass::kOther);
  EXPECT_EQ(ClassifyStatement({NoSchemaEffect{"SET"}, Dml{DmlKind::kUpdate, "t", false}}, ctx), ChangeClass::kBackfill);
  EXPECT_EQ(ClassifyStatement({Dml{DmlKind::kUpdate, "t", false}, DropTable{"t"}}, ctx), ChangeClass::kContract);
  EXPECT_EQ(ClassifyStatement({DropTable{"t"}, RenameColumn{"u", "a", "b"}, CreateIndex{.index = "i", .table = "t"}}, ctx),
            ChangeClass::kBreaking);
  EXPECT_EQ(ClassifyStatement({AddEnumValue{"e", "v"}, Transaction{TxnKind::kBegin}}, ctx), ChangeClass::kExpand);
  EXPECT_LT(ChangeClass::kOther, ChangeClass::kExpand);
  EXPECT_LT(ChangeClass::kExpand, ChangeClass::kBackfill);
  EXPECT_LT(ChangeClass::kBackfill, ChangeClass::kContract);
  EXPECT_LT(ChangeClass::kContract, ChangeClass::kBreaking);
}

TEST(ClassifyTest, ClassNames) {
  EXPECT_STREQ(ChangeClassName(ChangeClass::kOther), "other");
  EXPECT_STREQ(ChangeClassName(ChangeClass::kExpand), "expand");
  EXPECT_STREQ(ChangeClassName(ChangeClass::kBackfill), "backfill");
  EXPECT_STREQ(ChangeClassName(ChangeClass::kContract), "contract");
  EXPECT_STREQ(ChangeClassName(ChangeClass::kBreaking), "breaking");
}

TEST(ClassifyTest, NewTableExemption) {
  const std::set<std::string> fresh = {"fresh"};
  // On a table created earlier in the same expand section nothing can break a running app.
  EXPECT_EQ(ClassOf("ALTER TABLE fresh DROP COLUMN a", fresh), ChangeClass::kExpand);
  EXPECT_EQ(ClassOf("ALTER TABLE fresh RENAME COLUMN a TO b", fresh), ChangeClass::kExpand);
  EXPECT_EQ(ClassOf("ALTER TABLE fresh ALTER COLUMN a SET NOT NULL", fresh), ChangeClass::kExpand);
  EXPECT_EQ(ClassOf("ALTER TABLE fresh ADD COLUMN b int NOT NULL", fresh), ChangeClass::kExpand);
  EXPECT_EQ(ClassOf("ALTER TABLE fresh ALTER COLUMN a TYPE bigint", fresh), ChangeClass::kExpand);
  EXPECT_EQ(ClassOf("TRUNCATE fresh", fresh), ChangeClass::kExpand);
  // Row changes stay row changes.
  EXPECT_EQ(ClassOf("UPDATE fresh SET a = 1", fresh), ChangeClass::kBackfill);
  // Old tables get no exemption, not even for columns added earlier in the section.
  EXPECT_EQ(ClassOf("ALTER TABLE users DROP COLUMN note", fresh), ChangeClass::kContract);
  EXPECT_EQ(ClassOf("ALTER TABLE users ALTER COLUMN new_col SET NOT NULL", fresh), ChangeClass::kContract);
  EXPECT_EQ(ClassOf("ALTER TABLE users RENAME COLUMN name TO n", fresh), ChangeClass::kBreaking);
  // A multi-action statement on a new table.
  EXPECT_EQ(ClassOf("ALTER TABLE fresh DROP COLUMN a, ALTER COLUMN b SET NOT NULL", fresh), ChangeClass::kExpand);
  EXPECT_EQ(ClassOf("ALTER TABLE fresh RENAME TO fresher", fresh), ChangeClass::kExpand);
  EXPECT_EQ(ClassOf("DROP TABLE fresh", fresh), ChangeClass::kExpand);
}

TEST(ClassifyTest, TypeChangeOnUnknownColumnIsBreaking) {
  // The replay cannot show the current type: a change cannot be proven safe.
  EXPECT_EQ(ClassOf("ALTER TABLE ghosts ALTER COLUMN name TYPE text"), ChangeClass::kBreaking);
  EXPECT_EQ(ClassOf("ALTER TABLE users ALTER COLUMN ghost TYPE text"), ChangeClass::kBreaking);
}

TypeName T(std::string name, std::vector<int64_t> mods = {}, int dims = 0) {
  return TypeName{.name = std::move(name), .modifiers = std::move(mods), .array_dims = dims};
}

TEST(IsSafeTypeChangeTest, OtherDialectsOnlyProveAnUnchangedType) {
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kMysql, T("varchar", {50}), T("varchar", {50})));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kMysql, T("varchar", {50}), T("varchar", {100})));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kSqlite, T("varchar", {50}), T("text")));
}

TEST(IsSafeTypeChangeTest, TruthTable) {
  // varchar widening, and to unlimited
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("varchar", {50}), T("varchar", {100})));
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("varchar", {50}), T("varchar", {50})));
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("varchar", {50}), T("varchar")));
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("varchar", {50}), T("text")));
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("varchar"), T("text")));
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("text"), T("varchar")));
  // narrowing
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("varchar", {100}), T("varchar", {50})));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("text"), T("varchar", {10})));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("varchar"), T("varchar", {10})));
  // numeric: precision up with the same scale, or unconstrained
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("numeric", {10, 2}), T("numeric", {12, 2})));
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("numeric", {10, 2}), T("numeric")));
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("numeric", {10}), T("numeric", {12})));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("numeric", {10, 2}), T("numeric", {12, 3})));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("numeric", {10, 2}), T("numeric", {10, 1})));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("numeric", {10, 2}), T("numeric", {8, 2})));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("numeric"), T("numeric", {10, 2})));
  // integers are rewritten
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("int4"), T("int8")));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("int8"), T("int4")));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("int2"), T("int4")));
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("int4"), T("int4")));
  // datetime precision
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("timestamp", {3}), T("timestamp", {6})));
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("timestamp", {3}), T("timestamp")));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("timestamp", {6}), T("timestamp", {3})));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("timestamp"), T("timestamptz")));
  // others
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("cidr"), T("inet")));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("inet"), T("cidr")));
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("varbit", {8}), T("varbit", {16})));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("text"), T("int4")));
  // arrays: same dimensions required
  EXPECT_TRUE(IsSafeTypeChange(Dialect::kPostgres, T("varchar", {10}, 1), T("varchar", {20}, 1)));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("varchar", {10}), T("varchar", {10}, 1)));
  EXPECT_FALSE(IsSafeTypeChange(Dialect::kPostgres, T("text", {}, 1), T("text")));
}

}  // namespace
}  // namespace migrate
