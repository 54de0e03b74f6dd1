#include "engine/rollback_inverse.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/loader.h"
#include "sql/front_end.h"

namespace migrate {
namespace {

MigrationFile Load(std::string_view text, Dialect dialect) {
  static const std::unique_ptr<FrontEnd> pg = MakeFrontEnd(Dialect::kPostgres);
  static const std::unique_ptr<FrontEnd> my = MakeFrontEnd(Dialect::kMysql);
  static const std::unique_ptr<FrontEnd> lite = MakeFrontEnd(Dialect::kSqlite);
  const FrontEnd& fe = dialect == Dialect::kPostgres ? *pg : dialect == Dialect::kMysql ? *my : *lite;
  return LoadMigration("0007_change.sql", text, fe);
}

// The inverse as "line: sql" lines, or "refused at line N: reason".
std::string Render(std::string_view text, Dialect dialect) {
  MigrationFile file = Load(text, dialect);
  Inverse inv = InverseOfExpand(file, dialect);
  if (!inv.ok()) {
    EXPECT_TRUE(inv.statements.empty());
    return "refused at line " + std::to_string(inv.refusal_pos.line) + ": " + inv.refusal;
  }
  std::string out;
  for (const InverseStatement& s : inv.statements) out += std::to_string(s.of.line) + ": " + s.sql + "\n";
  return out;
}

std::string Pg(std::string_view text) { return Render(text, Dialect::kPostgres); }
std::string My(std::string_view text) { return Render(text, Dialect::kMysql); }
std::string Lite(std::string_view text) { return Render(text, Dialect::kSqlite); }

::testing::AssertionResult Contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << text << "\"\n  does not contain \"" << part << "\"";
}

// ---- PostgreSQL -------------------------------------------------------------------------------

TEST(InverseOfExpandTest, PostgresStoryInReverseOrder) {
  EXPECT_EQ(Pg("-- migrate:expand\n"
               "CREATE TABLE audit (id bigint PRIMARY KEY, note text);\n"
               "ALTER TABLE users ADD COLUMN full_name varchar(255);\n"
               "CREATE INDEX CONCURRENTLY users_full_name_idx ON users (full_name);\n"
               "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
               "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\n"
               "CREATE VIEW active_users AS SELECT * FROM users WHERE active;\n"
               "CREATE SEQUENCE invoice_no;\n"
               "CREATE TYPE mood AS ENUM ('sad', 'happy');\n"
               "COMMENT ON COLUMN users.full_name IS 'display name';\n"
               "SET lock_timeout = '1s';\n"),
            "9: DROP TYPE IF EXISTS \"mood\"\n"
            "8: DROP SEQUENCE IF EXISTS \"invoice_no\"\n"
            "7: DROP VIEW IF EXISTS \"active_users\"\n"
            "5: ALTER TABLE \"orders\" DROP CONSTRAINT IF EXISTS \"orders_user_fk\"\n"
            "4: DROP INDEX CONCURRENTLY IF EXISTS \"users_full_name_idx\"\n"
            "3: ALTER TABLE \"users\" DROP COLUMN IF EXISTS \"full_name\"\n"
            "2: DROP TABLE IF EXISTS \"audit\"\n");
}

TEST(InverseOfExpandTest, DescribesAndPositions) {
  MigrationFile file = Load("\n\n  ALTER TABLE users ADD COLUMN nick text;\n", Dialect::kPostgres);
  Inverse inv = InverseOfExpand(file, Dialect::kPostgres);
  ASSERT_TRUE(inv.ok()) << inv.refusal;
  ASSERT_EQ(inv.statements.size(), 1u);
  EXPECT_EQ(inv.statements[0].of.line, 3);
  EXPECT_EQ(inv.statements[0].of.column, 3);
  EXPECT_TRUE(Contains(inv.statements[0].describes, "undoes ALTER TABLE users ADD COLUMN nick"));
}

TEST(InverseOfExpandTest, ImplicitSectionIsExpand) {
  EXPECT_EQ(Pg("CREATE TABLE t (id int);\n"), "1: DROP TABLE IF EXISTS \"t\"\n");
}

TEST(InverseOfExpandTest, OnlyTheExpandSectionCounts) {
  EXPECT_EQ(Pg("-- migrate:expand\n"
               "ALTER TABLE users ADD COLUMN full_name text;\n"
               "-- migrate:backfill\n"
               "UPDATE users SET full_name = name WHERE full_name IS NULL;\n"
               "-- migrate:contract requires-app=api@2.0.0\n"
               "ALTER TABLE users DROP COLUMN name;\n"),
            "2: ALTER TABLE \"users\" DROP COLUMN IF EXISTS \"full_name\"\n");
  // No expand section: nothing to undo.
  EXPECT_EQ(Pg("-- migrate:contract requires-app=api@2.0.0\nDROP TABLE old;\n"), "");
}

TEST(InverseOfExpandTest, SeveralActionsOfOneStatementInReverse) {
  EXPECT_EQ(Pg("ALTER TABLE users ADD COLUMN a int, ADD COLUMN b int;\n"),
            "1: ALTER TABLE \"users\" DROP COLUMN IF EXISTS \"b\"\n"
            "1: ALTER TABLE \"users\" DROP COLUMN IF EXISTS \"a\"\n");
}

TEST(InverseOfExpandTest, QualifiedAndQuotedNames) {
  EXPECT_EQ(Pg("CREATE TABLE app.\"Order Lines\" (id int);\n"
               "CREATE INDEX CONCURRENTLY users_email_idx ON app.users (email);\n"
               "ALTER TABLE \"Users\" ADD COLUMN \"Nick\" text;\n"),
            "3: ALTER TABLE \"Users\" DROP COLUMN IF EXISTS \"Nick\"\n"
            "2: DROP INDEX CONCURRENTLY IF EXISTS \"app\".\"users_email_idx\"\n"
            "1: DROP TABLE IF EXISTS \"app\".\"Order Lines\"\n");
}

TEST(InverseOfExpandTest, ChangesToWhatTheMigrationCreatedNeedNoInverse) {
  EXPECT_EQ(Pg("CREATE TABLE plans (id int PRIMARY KEY, name text);\n"
               "CREATE INDEX ON plans (name);\n"  // unnamed, but the table goes anyway
               "ALTER TABLE plans ADD CONSTRAINT plans_name_check CHECK (name <> '');\n"
               "ALTER TABLE plans ALTER COLUMN name SET DEFAULT 'free';\n"
               "INSERT INTO plans VALUES (1, 'free');\n"
               "ALTER TABLE users ADD COLUMN plan_id int;\n"
               "ALTER TABLE users ALTER COLUMN plan_id SET DEFAULT 1;\n"
               "ALTER TABLE users ALTER COLUMN plan_id DROP NOT NULL;\n"
               "CREATE TYPE tier AS ENUM ('a');\n"
               "ALTER TYPE tier ADD VALUE 'b';\n"),
            "9: DROP TYPE IF EXISTS \"tier\"\n"
            "6: ALTER TABLE \"users\" DROP COLUMN IF EXISTS \"plan_id\"\n"
            "1: DROP TABLE IF EXISTS \"plans\"\n");
}

TEST(InverseOfExpandTest, PostgresObjects) {
  EXPECT_EQ(Pg("CREATE MATERIALIZED VIEW mv AS SELECT 1;\n"
               "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');\n"
               "CREATE TYPE pair AS (a int, b int);\n"
               "CREATE FUNCTION add_one(i int) RETURNS int LANGUAGE sql AS $$ SELECT i + 1 $$;\n"
               "CREATE PROCEDURE noop() LANGUAGE sql AS $$ SELECT 1 $$;\n"
               "CREATE TRIGGER users_audit AFTER UPDATE OF name ON app.users FOR EACH ROW EXECUTE FUNCTION audit();\n"),
            "6: DROP TRIGGER IF EXISTS \"users_audit\" ON \"app\".\"users\"\n"
            "5: DROP PROCEDURE IF EXISTS \"noop\"\n"
            "4: DROP FUNCTION IF EXISTS \"add_one\"\n"
            "3: DROP TYPE IF EXISTS \"pair\"\n"
            "2: DROP DOMAIN IF EXISTS \"email\"\n"
            "1: DROP MATERIALIZED VIEW IF EXISTS \"mv\"\n");
}

TEST(InverseOfExpandTest, TriggerOnANewTableGoesWithTheTable) {
  EXPECT_EQ(Pg("CREATE TABLE t (id int);\n"
               "CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION audit();\n"),
            "1: DROP TABLE IF EXISTS \"t\"\n");
}

TEST(InverseOfExpandTest, PostgresRefusals) {
  EXPECT_EQ(Pg("ALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n"),
            "refused at line 1: ALTER TABLE users ALTER COLUMN email DROP NOT NULL (line 1) cannot be rolled back: "
            "re-adding NOT NULL would be a contract step (old rows and old code may now hold NULLs)");
  EXPECT_TRUE(Contains(Pg("ALTER TABLE users ALTER COLUMN plan SET DEFAULT 'free';\n"), "previous default is unknown"));
  EXPECT_TRUE(Contains(Pg("ALTER TABLE users ALTER COLUMN plan DROP DEFAULT;\n"), "previous default is unknown"));
  EXPECT_TRUE(Contains(Pg("ALTER TYPE mood ADD VALUE 'meh';\n"), "cannot drop a value from an enum type"));
  EXPECT_TRUE(Contains(Pg("INSERT INTO plans (name) VALUES ('pro');\n"),
                       "rows inserted by the migration cannot be identified"));
  EXPECT_TRUE(Contains(Pg("CREATE INDEX CONCURRENTLY ON users (email);\n"), "has no name"));
  EXPECT_TRUE(Contains(Pg("ALTER TABLE orders ADD CHECK (total >= 0) NOT VALID;\n"), "has no name"));
  EXPECT_TRUE(Contains(Pg("ALTER TABLE users ALTER COLUMN name TYPE text;\n"), "previous definition is unknown"));
}

TEST(InverseOfExpandTest, IfNotExistsAndOrReplaceMayHaveMetExistingObjects) {
  EXPECT_TRUE(Contains(Pg("CREATE TABLE IF NOT EXISTS t (id int);\n"), "may have met an existing table"));
  EXPECT_TRUE(Contains(Pg("ALTER TABLE t ADD COLUMN IF NOT EXISTS c int;\n"), "may have met an existing column"));
  EXPECT_TRUE(
      Contains(Pg("CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (c);\n"), "may have met an existing index"));
  EXPECT_TRUE(Contains(Pg("CREATE SEQUENCE IF NOT EXISTS s;\n"), "may have met an existing sequence"));
  EXPECT_TRUE(Contains(Pg("CREATE OR REPLACE VIEW v AS SELECT 1;\n"), "may have replaced an existing view"));
  EXPECT_TRUE(Contains(Pg("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"),
                       "may have replaced an existing function"));
  // A function body that says IF NOT EXISTS is not the statement's IF NOT EXISTS.
  EXPECT_EQ(Pg("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN IF NOT EXISTS (SELECT 1) THEN "
               "RETURN; END IF; END $$;\n"),
            "1: DROP FUNCTION IF EXISTS \"f\"\n");
}

TEST(InverseOfExpandTest, SharedObjectsAreNotDropped) {
  EXPECT_TRUE(Contains(Pg("CREATE EXTENSION pgcrypto;\n"), "may be shared beyond this migration"));
  EXPECT_TRUE(Contains(Pg("CREATE SCHEMA billing;\n"), "may be shared beyond this migration"));
}

TEST(InverseOfExpandTest, FirstRefusalStops) {
  MigrationFile file = Load("CREATE TABLE a (id int);\n"
                            "ALTER TABLE users ALTER COLUMN x DROP NOT NULL;\n"
                            "INSERT INTO b VALUES (1);\n",
                            Dialect::kPostgres);
  Inverse inv = InverseOfExpand(file, Dialect::kPostgres);
  EXPECT_FALSE(inv.ok());
  EXPECT_TRUE(inv.statements.empty());
  EXPECT_EQ(inv.refusal_pos.line, 2);
  EXPECT_TRUE(Contains(inv.refusal, "DROP NOT NULL (line 2)"));
}

TEST(InverseOfExpandTest, UnanalyzedAndUnexpectedStatementsAreRefused) {
  EXPECT_TRUE(Contains(Pg("CREATE RULE r AS ON INSERT TO t DO NOTHING;\n"), "not analysed"));
  std::string r = Pg("ALTER TABLE users RENAME COLUMN a TO b;\n");
  EXPECT_TRUE(Contains(r, "refused at line 1: "));
  EXPECT_TRUE(Contains(r, "cannot be undone automatically"));
  EXPECT_TRUE(Contains(Pg("DROP INDEX CONCURRENTLY i;\n"), "cannot be undone automatically"));
}

TEST(InverseOfExpandTest, NothingToUndo) {
  EXPECT_EQ(Pg("BEGIN;\nSET statement_timeout = 0;\nALTER TABLE t VALIDATE CONSTRAINT c;\n"
               "COMMENT ON TABLE t IS 'x';\nGRANT SELECT ON t TO reader;\nCOMMIT;\n"),
            "");
}

TEST(InverseOfExpandTest, FileWithInputErrorsIsRefused) {
  MigrationFile file = Load("CREATE TABLE t (id int);\nCREATE TABLE (;\n", Dialect::kPostgres);
  ASSERT_FALSE(file.errors.empty());
  Inverse inv = InverseOfExpand(file, Dialect::kPostgres);
  EXPECT_FALSE(inv.ok());
  EXPECT_TRUE(inv.statements.empty());
  EXPECT_TRUE(Contains(inv.refusal, "input errors"));
  EXPECT_EQ(inv.refusal_pos.line, file.errors[0].pos.line);
}

// ---- MySQL ------------------------------------------------------------------------------------

TEST(InverseOfExpandTest, Mysql) {
  EXPECT_EQ(My("CREATE TABLE audit (id bigint PRIMARY KEY, KEY audit_idx (id));\n"
               "ALTER TABLE users ADD COLUMN full_name varchar(255), ALGORITHM=INSTANT;\n"
               "ALTER TABLE users ADD INDEX users_full_name_idx (full_name), ALGORITHM=INPLACE, LOCK=NONE;\n"
               "CREATE INDEX users_email_idx ON shop.users (email);\n"
               "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n"
               "ALTER TABLE orders ADD CONSTRAINT orders_total_chk CHECK (total >= 0);\n"
               "ALTER TABLE orders ADD CONSTRAINT orders_no_uq UNIQUE KEY (no);\n"
               "ALTER TABLE tags ADD PRIMARY KEY (id);\n"
               "CREATE VIEW v AS SELECT 1;\n"),
            "9: DROP VIEW IF EXISTS `v`\n"
            "8: ALTER TABLE `tags` DROP PRIMARY KEY\n"
            "7: DROP INDEX `orders_no_uq` ON `orders`\n"
            "6: ALTER TABLE `orders` DROP CONSTRAINT `orders_total_chk`\n"
            "5: ALTER TABLE `orders` DROP FOREIGN KEY `orders_user_fk`\n"
            "4: DROP INDEX `users_email_idx` ON `shop`.`users`\n"
            "3: DROP INDEX `users_full_name_idx` ON `users`\n"
            "2: ALTER TABLE `users` DROP COLUMN `full_name`\n"
            "1: DROP TABLE IF EXISTS `audit`\n");
}

TEST(InverseOfExpandTest, MysqlRoutinesAndTriggers) {
  EXPECT_EQ(My("DELIMITER //\n"
               "CREATE PROCEDURE tidy() BEGIN DELETE FROM t WHERE 0; END//\n"
               "CREATE FUNCTION one() RETURNS int DETERMINISTIC RETURN 1//\n"
               "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1//\n"
               "DELIMITER ;\n"),
            "4: DROP TRIGGER IF EXISTS `t_bi`\n"
            "3: DROP FUNCTION IF EXISTS `one`\n"
            "2: DROP PROCEDURE IF EXISTS `tidy`\n");
}

TEST(InverseOfExpandTest, MysqlRefusals) {
  EXPECT_TRUE(Contains(My("ALTER TABLE t ADD INDEX (a);\n"), "has no name"));
  EXPECT_TRUE(Contains(My("ALTER TABLE t MODIFY a bigint;\n"), "previous definition is unknown"));
  EXPECT_TRUE(Contains(My("ALTER TABLE t ALTER COLUMN a SET DEFAULT 1;\n"), "previous default is unknown"));
  EXPECT_TRUE(Contains(My("INSERT INTO t VALUES (1);\n"), "cannot be identified"));
  EXPECT_TRUE(Contains(My("CREATE OR REPLACE VIEW v AS SELECT 1;\n"), "may have replaced"));
}

// ---- SQLite -----------------------------------------------------------------------------------

TEST(InverseOfExpandTest, Sqlite) {
  EXPECT_EQ(Lite("CREATE TABLE audit (id INTEGER PRIMARY KEY);\n"
                 "ALTER TABLE users ADD COLUMN full_name TEXT;\n"
                 "CREATE INDEX users_full_name_idx ON users (full_name);\n"
                 "CREATE INDEX aux.users_email_idx ON users (email);\n"
                 "CREATE VIEW v AS SELECT 1;\n"
                 "CREATE TRIGGER users_ai AFTER INSERT ON users BEGIN SELECT 1; END;\n"),
            "6: DROP TRIGGER IF EXISTS \"users_ai\"\n"
            "5: DROP VIEW IF EXISTS \"v\"\n"
            "4: DROP INDEX IF EXISTS \"aux\".\"users_email_idx\"\n"
            "3: DROP INDEX IF EXISTS \"users_full_name_idx\"\n"
            "2: ALTER TABLE \"users\" DROP COLUMN \"full_name\"\n"
            "1: DROP TABLE IF EXISTS \"audit\"\n");
}

TEST(InverseOfExpandTest, SqliteRefusals) {
  EXPECT_TRUE(Contains(Lite("CREATE VIEW IF NOT EXISTS v AS SELECT 1;\n"), "may have met an existing view"));
  EXPECT_TRUE(Contains(Lite("CREATE TRIGGER IF NOT EXISTS tr AFTER INSERT ON t BEGIN SELECT 1; END;\n"),
                       "may have met an existing trigger"));
  EXPECT_TRUE(Contains(Lite("CREATE INDEX IF NOT EXISTS i ON t (a);\n"), "may have met an existing index"));
  EXPECT_TRUE(Contains(Lite("INSERT INTO t VALUES (1);\n"), "cannot be identified"));
}

}  // namespace
}  // namespace migrate
