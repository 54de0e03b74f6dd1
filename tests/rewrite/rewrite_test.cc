// migrate rewrite: each recipe per dialect, and the proof that matters, that the rewritten file
// lints clean against the same history. The full outputs of the main recipes are golden files
// (tests/rewrite/testdata/*.expected; UPDATE_GOLDEN=1 rewrites them, and the diff is reviewed).
#include "rewrite/rewrite.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engine/loader.h"
#include "rewrite/sqlite_rebuild.h"
#include "rewrite/sync_triggers.h"
#include "sql/front_end.h"
#include "testing/test_util.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;

fs::path TestdataDir() { return testing::SourceDir() / "tests/rewrite/testdata"; }

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Rewrites `change` (the file 0002_change.sql) against the history `create` (0001_create.sql).
struct Rig {
  Dialect dialect;
  Result<RewriteResult> result = Status::Internal("not run");

  Rig(Dialect d, const std::string& create, const std::string& change, const std::string& requires_app = "2.0.0",
      const std::string& compat_schema = "")
      : dialect(d) {
    std::unique_ptr<FrontEnd> fe = MakeFrontEnd(d);
    MigrationFile history = LoadMigration("migrations/0001_create.sql", create, *fe);
    EXPECT_TRUE(history.errors.empty()) << history.errors[0].message;
    Schema before;
    ReplayFile(history, &before);
    std::unique_ptr<FrontEnd> rewrite_fe = MakeRewriteFrontEnd(d);
    MigrationFile file = LoadMigration("migrations/0002_change.sql", change, *rewrite_fe);
    EXPECT_TRUE(file.errors.empty()) << (file.errors.empty() ? "" : file.errors[0].message);
    RewriteOptions options;
    options.requires_app = requires_app;
    options.history.push_back(history);
    options.compat_schema = compat_schema;
    result = RewriteMigration(file, before, options);
  }
  const RewriteResult& r() const { return *result; }
  // Every error left in the rewritten file, for failure messages.
  std::string Errors() const {
    std::string out;
    for (const InputError& e : result->after.errors) out += "input: " + e.message + "\n";
    for (const StatementReport& s : result->after.statements) {
      for (const Finding& f : s.findings) {
        if (f.severity == Severity::kError) out += "line " + std::to_string(f.pos.line) + " " + f.rule + ": " + f.message + "\n";
      }
    }
    return out + "--- text:\n" + result->text;
  }
};

constexpr const char* kUsersPg =
    "CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL DEFAULT '', email text);\n"
    "CREATE INDEX users_name_idx ON users (name);\n";

TEST(RewriteTest, RenameColumnOnPostgresLintsCleanAndMatchesItsGolden) {
  Rig rig(Dialect::kPostgres, kUsersPg, "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  ASSERT_EQ(rig.r().rewritten.size(), 1u);
  EXPECT_TRUE(rig.r().left.empty());
  const std::string& text = rig.r().text;
  EXPECT_TRUE(Contains(text, "ALTER TABLE \"users\" ADD COLUMN \"full_name\" text;")) << text;
  EXPECT_TRUE(Contains(text, "BEFORE INSERT OR UPDATE ON \"users\"")) << text;
  EXPECT_TRUE(Contains(text, "CREATE INDEX CONCURRENTLY \"users_full_name_idx\" ON \"users\" (\"full_name\")")) << text;
  EXPECT_TRUE(Contains(text, "-- migrate:backfill\nUPDATE \"users\" SET \"full_name\" = \"name\" WHERE \"full_name\" IS NULL"))
      << text;
  EXPECT_TRUE(Contains(text, "-- migrate:contract requires-app=2.0.0")) << text;
  EXPECT_LT(text.find("DROP TRIGGER"), text.find("DROP COLUMN \"name\"")) << "triggers go before the column";
  EXPECT_TRUE(Contains(text, "SET DEFAULT ''")) << "the default moves over in the contract\n" << text;
  testing::ExpectGolden(TestdataDir() / "rename_column_postgres.expected", text);
}

TEST(RewriteTest, RenameColumnOnMysqlAndSqliteLintsClean) {
  Rig my(Dialect::kMysql, "CREATE TABLE users (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(100));\n",
         "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
  ASSERT_TRUE(my.result.ok()) << my.result.status().message();
  EXPECT_EQ(my.r().after_errors, 0) << my.Errors();
  EXPECT_TRUE(Contains(my.r().text, "BEFORE INSERT ON `users` FOR EACH ROW SET NEW.`name` = IF(NEW.`full_name` IS NULL")) << my.r().text;
  testing::ExpectGolden(TestdataDir() / "rename_column_mysql.expected", my.r().text);

  Rig lite(Dialect::kSqlite, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n",
           "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
  ASSERT_TRUE(lite.result.ok()) << lite.result.status().message();
  EXPECT_EQ(lite.r().after_errors, 0) << lite.Errors();
  EXPECT_TRUE(Contains(lite.r().text, "AFTER UPDATE OF \"name\" ON \"users\"")) << lite.r().text;
  testing::ExpectGolden(TestdataDir() / "rename_column_sqlite.expected", lite.r().text);
}

TEST(RewriteTest, IntToBigintOnAPostgresPrimaryKeyMovesKeySequenceAndName) {
  Rig rig(Dialect::kPostgres, "CREATE TABLE orders (id serial PRIMARY KEY, total int NOT NULL);\n",
          "ALTER TABLE orders ALTER COLUMN id TYPE bigint;\n");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  const std::string& text = rig.r().text;
  EXPECT_TRUE(Contains(text, "ADD COLUMN \"id_new\" int8")) << text;
  EXPECT_TRUE(Contains(text, "CREATE UNIQUE INDEX CONCURRENTLY \"orders_id_new_key\"")) << text;
  EXPECT_TRUE(Contains(text, "PRIMARY KEY USING INDEX \"orders_id_new_key\"")) << text;
  EXPECT_TRUE(Contains(text, "ALTER SEQUENCE \"orders_id_seq\" OWNED BY \"orders\".\"id_new\"")) << text;
  EXPECT_FALSE(Contains(text, "serial)")) << "casts name the storage type, int4" << text;
  EXPECT_TRUE(Contains(text, "RENAME COLUMN \"id_new\" TO \"id\"")) << text;
  // The swap is one transaction, after the validation.
  EXPECT_LT(text.find("VALIDATE CONSTRAINT"), text.find("BEGIN;")) << text;
  EXPECT_LT(text.find("BEGIN;"), text.find("DROP COLUMN \"id\"")) << text;
  EXPECT_LT(text.find("DROP COLUMN \"id\""), text.find("COMMIT;")) << text;
  testing::ExpectGolden(TestdataDir() / "int_to_bigint_postgres.expected", text);
}

TEST(RewriteTest, TypeChangeOnMysqlSwapsInOneAlter) {
  Rig rig(Dialect::kMysql, "CREATE TABLE t (id BIGINT PRIMARY KEY, qty INT, KEY t_qty (qty));\n",
          "ALTER TABLE t MODIFY qty BIGINT;\n");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  EXPECT_TRUE(Contains(rig.r().text, "DROP COLUMN `qty`, RENAME COLUMN `qty_new` TO `qty`, RENAME INDEX `t_qty_new` TO `t_qty`"))
      << rig.r().text;
}

TEST(RewriteTest, LockingStatementsOnPostgresGetTheirOnlineForm) {
  const std::string history = std::string(kUsersPg) + "CREATE TABLE orgs (id bigint PRIMARY KEY);\n"
                              "ALTER TABLE users ADD COLUMN org_id bigint;\n";
  struct Case {
    std::string statement;
    std::vector<std::string> expect;
  };
  const Case cases[] = {
      {"CREATE INDEX users_email_idx ON users (email);", {"CREATE INDEX CONCURRENTLY users_email_idx ON users (email);"}},
      {"DROP INDEX users_name_idx;", {"DROP INDEX CONCURRENTLY users_name_idx;"}},
      {"ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id);",
       {"FOREIGN KEY (\"org_id\") REFERENCES \"orgs\" (\"id\") NOT VALID;", "VALIDATE CONSTRAINT \"users_org_fk\";"}},
      {"ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (email <> '');",
       {"CHECK (email <> '') NOT VALID;", "VALIDATE CONSTRAINT \"users_email_check\";"}},
      {"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
       {"CREATE UNIQUE INDEX CONCURRENTLY \"users_email_key\" ON \"users\" (\"email\");",
        "ADD CONSTRAINT \"users_email_key\" UNIQUE USING INDEX \"users_email_key\";"}},
      {"ALTER TABLE users ADD COLUMN age int NOT NULL;",
       {"ADD COLUMN \"age\" int4;", "CHECK (\"age\" IS NOT NULL) NOT VALID;", "ALTER COLUMN \"age\" SET NOT NULL;"}},
  };
  for (const Case& c : cases) {
    Rig rig(Dialect::kPostgres, history, c.statement + "\n");
    ASSERT_TRUE(rig.result.ok()) << c.statement << ": " << rig.result.status().message();
    EXPECT_EQ(rig.r().rewritten.size(), 1u) << c.statement << "\n" << rig.r().text;
    EXPECT_EQ(rig.r().after_errors, 0) << c.statement << "\n" << rig.Errors();
    for (const std::string& e : c.expect) EXPECT_TRUE(Contains(rig.r().text, e)) << c.statement << ": " << e << "\n" << rig.r().text;
  }
}

TEST(RewriteTest, SetNotNullGoesThroughAValidatedCheckInTheContract) {
  Rig rig(Dialect::kPostgres, kUsersPg,
          "-- migrate:contract requires-app=3.1.0\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n", "");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  const std::string& text = rig.r().text;
  EXPECT_TRUE(Contains(text, "-- migrate:contract requires-app=3.1.0")) << "the file's own requires-app\n" << text;
  const size_t contract = text.find("-- migrate:contract");
  EXPECT_LT(text.find("NOT VALID;"), contract) << text;
  EXPECT_LT(contract, text.find("VALIDATE CONSTRAINT")) << text;
  EXPECT_LT(text.find("VALIDATE CONSTRAINT"), text.find("ALTER COLUMN \"email\" SET NOT NULL")) << text;
}

TEST(RewriteTest, RenameTableOnPostgresKeepsTheOldNameAsAView) {
  Rig rig(Dialect::kPostgres, kUsersPg, "ALTER TABLE users RENAME TO accounts;\n");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  const std::string& text = rig.r().text;
  EXPECT_TRUE(Contains(text, "BEGIN;\n-- migrate:ignore rename-table")) << text;
  EXPECT_TRUE(Contains(text, "CREATE VIEW \"users\" AS SELECT * FROM \"accounts\";\nCOMMIT;")) << text;
  EXPECT_TRUE(Contains(text, "DROP VIEW \"users\";")) << text;
}

constexpr const char* kItemsMysql =
    "CREATE TABLE items (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(100) NOT NULL DEFAULT 'x', price INT);\n";

TEST(RewriteRenameTableTest, MysqlCreatesTheNewNameAsAViewAndSwapsAtomicallyInTheContract) {
  for (const char* statement : {"ALTER TABLE items RENAME TO products;\n", "RENAME TABLE items TO products;\n"}) {
    Rig rig(Dialect::kMysql, kItemsMysql, statement);
    ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
    ASSERT_EQ(rig.r().rewritten.size(), 1u) << statement << rig.r().text;
    EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
    const std::string& text = rig.r().text;
    EXPECT_TRUE(Contains(text, "-- migrate:expand\nCREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW `products` "
                               "AS SELECT `id`, `name`, `price` FROM `items`;\n"))
        << text;
    EXPECT_FALSE(Contains(text, "BEGIN;")) << "MySQL DDL commits implicitly: no transaction\n" << text;
    const size_t contract = text.find("-- migrate:contract requires-app=2.0.0");
    const size_t swap = text.find("RENAME TABLE `products` TO `products_migrate_view`, `items` TO `products`;");
    const size_t drop = text.find("DROP VIEW IF EXISTS `products_migrate_view`;");
    ASSERT_NE(swap, std::string::npos) << text;
    ASSERT_NE(drop, std::string::npos) << text;
    EXPECT_LT(contract, swap) << text;
    EXPECT_LT(swap, drop) << "the leftover view is dropped after the swap\n" << text;
    EXPECT_LT(text.find("-- migrate:ignore rename-table"), swap) << text;
    testing::ExpectGolden(TestdataDir() / "rename_table_mysql.expected", text);
  }
}

TEST(RewriteRenameTableTest, MysqlQualifiedNamesStayInTheirDatabase) {
  Rig rig(Dialect::kMysql, "CREATE TABLE shop.items (id BIGINT PRIMARY KEY, name VARCHAR(10));\n",
          "RENAME TABLE shop.items TO shop.products;\n");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  ASSERT_EQ(rig.r().rewritten.size(), 1u) << rig.r().text;
  EXPECT_TRUE(Contains(rig.r().text, "VIEW `shop`.`products` AS SELECT `id`, `name` FROM `shop`.`items`;")) << rig.r().text;
  EXPECT_TRUE(Contains(rig.r().text, "RENAME TABLE `shop`.`products` TO `shop`.`products_migrate_view`, `shop`.`items` TO "
                                     "`shop`.`products`;"))
      << rig.r().text;

  Rig moved(Dialect::kMysql, "CREATE TABLE shop.items (id BIGINT PRIMARY KEY);\n", "RENAME TABLE shop.items TO archive.items;\n");
  ASSERT_TRUE(moved.result.ok()) << moved.result.status().message();
  ASSERT_EQ(moved.r().left.size(), 1u) << moved.r().text;
  EXPECT_TRUE(Contains(moved.r().left[0].what, "another database")) << moved.r().left[0].what;
}

constexpr const char* kItemsLite =
    "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'x', price INTEGER, "
    "total INTEGER GENERATED ALWAYS AS (price * 2));\n";

TEST(RewriteRenameTableTest, SqliteCreatesAViewWithInsteadOfTriggersAndRenamesInOneContractTransaction) {
  Rig rig(Dialect::kSqlite, kItemsLite, "ALTER TABLE items RENAME TO products;\n");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  ASSERT_EQ(rig.r().rewritten.size(), 1u) << rig.r().text;
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  const std::string& text = rig.r().text;
  EXPECT_TRUE(Contains(text, "-- migrate:expand\nBEGIN;\nCREATE VIEW \"products\" AS SELECT \"id\", \"name\", \"price\", "
                             "\"total\" FROM \"items\";\n"))
      << text;
  // INSERT: the table's default for an omitted column; the generated column is not written.
  EXPECT_TRUE(Contains(text, "INSTEAD OF INSERT ON \"products\" BEGIN INSERT INTO \"items\" (\"id\", \"name\", \"price\") "
                             "VALUES (NEW.\"id\", COALESCE(NEW.\"name\", 'x'), NEW.\"price\"); END;"))
      << text;
  EXPECT_TRUE(Contains(text, "INSTEAD OF UPDATE ON \"products\" BEGIN UPDATE \"items\" SET \"id\" = NEW.\"id\", \"name\" = "
                             "NEW.\"name\", \"price\" = NEW.\"price\" WHERE \"id\" = OLD.\"id\"; END;"))
      << text;
  EXPECT_TRUE(Contains(text, "INSTEAD OF DELETE ON \"products\" BEGIN DELETE FROM \"items\" WHERE \"id\" = OLD.\"id\"; END;\n"
                             "COMMIT;"))
      << text;
  EXPECT_TRUE(Contains(text, "-- migrate:contract requires-app=2.0.0\nPRAGMA legacy_alter_table = OFF;\nBEGIN;\n"
                             "DROP VIEW \"products\";\n-- migrate:ignore rename-table"))
      << text;
  EXPECT_TRUE(Contains(text, "ALTER TABLE \"items\" RENAME TO \"products\";\nCOMMIT;\n")) << text;
  EXPECT_TRUE(Contains(text, "changes() is 0")) << "the note names the limits\n" << text;
  testing::ExpectGolden(TestdataDir() / "rename_table_sqlite.expected", text);
}

TEST(RewriteRenameTableTest, SqliteCompositeKeyMatchesEveryKeyColumn) {
  Rig rig(Dialect::kSqlite, "CREATE TABLE items (a INTEGER, b TEXT, v TEXT, PRIMARY KEY (a, b));\n",
          "ALTER TABLE items RENAME TO products;\n");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  EXPECT_TRUE(Contains(rig.r().text, "DELETE FROM \"items\" WHERE \"a\" = OLD.\"a\" AND \"b\" = OLD.\"b\"; END;"))
      << rig.r().text;
}

TEST(RewriteRenameTableTest, WhatCannotGoThroughAViewIsLeftWithTheReason) {
  struct Case {
    Dialect dialect;
    std::string create, statement, reason;
  };
  const Case cases[] = {
      {Dialect::kSqlite, "CREATE TABLE items (name TEXT);\n", "ALTER TABLE items RENAME TO products;", "no PRIMARY KEY"},
      {Dialect::kSqlite, "", "ALTER TABLE ghosts RENAME TO spirits;", "not known to the replay"},
      {Dialect::kMysql, "", "RENAME TABLE ghosts TO spirits;", "not known to the replay"},
      {Dialect::kMysql, kItemsMysql, "RENAME TABLE items TO products, products TO items;", "several actions"},
  };
  for (const Case& c : cases) {
    Rig rig(c.dialect, c.create, c.statement + "\n");
    ASSERT_TRUE(rig.result.ok()) << c.statement << ": " << rig.result.status().message();
    EXPECT_TRUE(rig.r().rewritten.empty()) << c.statement << "\n" << rig.r().text;
    if (c.create.empty()) continue;  // an unknown table: rename-table does not fire, nothing to leave
    ASSERT_EQ(rig.r().left.size(), 1u) << c.statement << "\n" << rig.r().text;
    EXPECT_TRUE(Contains(rig.r().left[0].what, c.reason)) << c.statement << ": " << rig.r().left[0].what;
    EXPECT_TRUE(Contains(rig.r().text, c.statement)) << "kept as it was\n" << rig.r().text;
  }
}

TEST(RewriteTest, StatementsInTheWrongSectionAreMovedAndSafeOnesKept) {
  Rig rig(Dialect::kPostgres, kUsersPg,
          "ALTER TABLE users ADD COLUMN nickname text;\nUPDATE users SET nickname = name;\nALTER TABLE users DROP COLUMN email;\n");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  EXPECT_EQ(rig.r().moved.size(), 2u);
  const std::string& text = rig.r().text;
  EXPECT_LT(text.find("ADD COLUMN nickname"), text.find("-- migrate:backfill")) << text;
  EXPECT_LT(text.find("-- migrate:backfill"), text.find("UPDATE users SET nickname")) << text;
  EXPECT_LT(text.find("-- migrate:contract requires-app=2.0.0"), text.find("DROP COLUMN email")) << text;
}

TEST(RewriteTest, WhatNoRecipeHandlesIsLeftWithTheReason) {
  Rig rig(Dialect::kPostgres, kUsersPg, "ALTER TABLE users RENAME COLUMN id TO user_id;\n");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  ASSERT_EQ(rig.r().left.size(), 1u);
  EXPECT_TRUE(Contains(rig.r().left[0].what, "primary key")) << rig.r().left[0].what;
  EXPECT_GT(rig.r().after_errors, 0);
  EXPECT_TRUE(Contains(rig.r().text, "RENAME COLUMN id TO user_id;")) << "kept as it was";

  Rig unknown(Dialect::kPostgres, "", "ALTER TABLE ghosts RENAME COLUMN a TO b;\n");
  ASSERT_TRUE(unknown.result.ok());
  ASSERT_EQ(unknown.r().left.size(), 1u);
  EXPECT_TRUE(Contains(unknown.r().left[0].what, "not known to the replay")) << unknown.r().left[0].what;
}

TEST(RewriteTest, AContractNeedsRequiresApp) {
  Rig rig(Dialect::kPostgres, kUsersPg, "ALTER TABLE users RENAME COLUMN name TO full_name;\n", "");
  ASSERT_FALSE(rig.result.ok());
  EXPECT_EQ(rig.result.status().code(), StatusCode::kUsage);
  EXPECT_TRUE(Contains(rig.result.status().message(), "--requires-app")) << rig.result.status().message();
}

TEST(RewriteTest, NothingToRewriteKeepsTheFileAsItWas) {
  Rig rig(Dialect::kPostgres, kUsersPg, "ALTER TABLE users ADD COLUMN bio text;\n", "");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  EXPECT_TRUE(rig.r().rewritten.empty());
  EXPECT_EQ(rig.r().after_errors, 0);
  EXPECT_TRUE(Contains(rig.r().text, "-- migrate:expand\nALTER TABLE users ADD COLUMN bio text;\n")) << rig.r().text;
}

// ---- SQLite table rebuild ---------------------------------------------------------------------

constexpr const char* kOrdersLite =
    "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);\n"
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total TEXT, note TEXT DEFAULT '');\n"
    "CREATE INDEX orders_total_idx ON orders (total) WHERE total IS NOT NULL;\n"
    "CREATE TABLE audit (order_id INTEGER, what TEXT);\n"
    "CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN INSERT INTO audit VALUES (NEW.id, 'insert'); END;\n";

// The goldens hold one change each; every one must lint clean and have the rebuild's shape.
void ExpectRebuildShape(const Rig& rig, const std::string& golden) {
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  ASSERT_EQ(rig.r().left.size(), 0u) << rig.r().left[0].what;
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  const std::string& text = rig.r().text;
  // expand: one transaction with the new table, its index under the new name, three triggers.
  const size_t expand = text.find("-- migrate:expand\nBEGIN;\n-- migrate:ignore sqlite-table-rebuild reason=");
  EXPECT_LT(expand, text.find("CREATE TABLE \"orders_new\" (")) << text;
  EXPECT_NE(expand, std::string::npos) << text;
  EXPECT_TRUE(Contains(text, "CREATE INDEX \"orders_total_idx_new\" ON \"orders_new\" (total) WHERE total IS NOT NULL;"))
      << "the partial index as written, on the new table\n" << text;
  for (const char* t : {"AFTER INSERT ON \"orders\"", "AFTER UPDATE ON \"orders\"", "AFTER DELETE ON \"orders\""}) {
    EXPECT_TRUE(Contains(text, t)) << t << "\n" << text;
  }
  // backfill: the no-op update of the rows missing from the new table.
  EXPECT_TRUE(Contains(text, "UPDATE \"orders\" SET \"id\" = \"id\" WHERE NOT EXISTS (SELECT 1 FROM \"orders_new\" WHERE "
                             "\"orders_new\".\"id\" = \"orders\".\"id\");"))
      << text;
  // contract: legacy rename around one transaction that swaps and recreates the table's trigger.
  const size_t on = text.find("PRAGMA legacy_alter_table = ON;\nBEGIN;");
  const size_t drop = text.find("DROP TABLE \"orders\";\n-- migrate:ignore rename-table");
  EXPECT_LT(drop, text.find("ALTER TABLE \"orders_new\" RENAME TO \"orders\";")) << text;
  const size_t trigger = text.find("CREATE TRIGGER orders_audit AFTER INSERT ON orders");
  const size_t off = text.find("COMMIT;\nPRAGMA legacy_alter_table = OFF;");
  EXPECT_TRUE(on != std::string::npos && drop != std::string::npos && trigger != std::string::npos &&
              off != std::string::npos)
      << text;
  EXPECT_LT(text.find("-- migrate:contract requires-app=2.0.0"), on) << text;
  EXPECT_LT(on, drop);
  EXPECT_LT(drop, trigger) << "the table's own trigger is recreated after the rename";
  EXPECT_LT(trigger, off);
  testing::ExpectGolden(TestdataDir() / golden, text);
}

TEST(RewriteSqliteRebuildTest, ChangeColumnType) {
  Rig rig(Dialect::kSqlite, kOrdersLite, "ALTER TABLE orders ALTER COLUMN total TYPE INTEGER;\n");
  ExpectRebuildShape(rig, "rebuild_type_sqlite.expected");
  EXPECT_TRUE(Contains(rig.r().text, "\"total\" INTEGER,")) << rig.r().text;
  EXPECT_TRUE(Contains(rig.r().rewritten[0].what, "type of total to INTEGER")) << rig.r().rewritten[0].what;
}

TEST(RewriteSqliteRebuildTest, AddNotNullFillsTheNullsWithTheDefault) {
  Rig rig(Dialect::kSqlite, kOrdersLite, "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;\n");
  ExpectRebuildShape(rig, "rebuild_not_null_sqlite.expected");
  const std::string& text = rig.r().text;
  EXPECT_TRUE(Contains(text, "\"note\" text NOT NULL DEFAULT ''\n)")) << text;
  EXPECT_LT(text.find("UPDATE \"orders\" SET \"note\" = '' WHERE \"note\" IS NULL;"), text.find("SET \"id\" = \"id\""))
      << "the NULLs get the default before the copy\n" << text;

  // Without a default, the NULL rows have no value: refused, with what to do.
  Rig none(Dialect::kSqlite, kOrdersLite, "ALTER TABLE orders ALTER COLUMN total SET NOT NULL;\n");
  ASSERT_TRUE(none.result.ok());
  ASSERT_EQ(none.r().left.size(), 1u);
  EXPECT_TRUE(Contains(none.r().left[0].what, "SET DEFAULT")) << none.r().left[0].what;
  // … and a SET DEFAULT in the same file joins the same rebuild.
  Rig with(Dialect::kSqlite, kOrdersLite,
           "ALTER TABLE orders ALTER COLUMN total SET DEFAULT '0';\nALTER TABLE orders ALTER COLUMN total SET NOT NULL;\n");
  ASSERT_TRUE(with.result.ok());
  EXPECT_EQ(with.r().left.size(), 0u) << with.r().left[0].what;
  EXPECT_EQ(with.r().rewritten.size(), 2u);
  EXPECT_EQ(with.r().after_errors, 0) << with.Errors();
  EXPECT_TRUE(Contains(with.r().text, "\"total\" text NOT NULL DEFAULT '0',")) << with.r().text;
  EXPECT_EQ(with.r().text.find("CREATE TABLE \"orders_new\""), with.r().text.rfind("CREATE TABLE \"orders_new\""))
      << "one rebuild\n" << with.r().text;
}

TEST(RewriteSqliteRebuildTest, AddCheck) {
  Rig rig(Dialect::kSqlite, kOrdersLite, "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total >= 0);\n");
  ExpectRebuildShape(rig, "rebuild_check_sqlite.expected");
  EXPECT_TRUE(Contains(rig.r().text, "  CONSTRAINT total_positive CHECK (total >= 0)\n)")) << rig.r().text;
}

TEST(RewriteSqliteRebuildTest, AddForeignKeyIsCheckedInTheContract) {
  Rig rig(Dialect::kSqlite, kOrdersLite,
          "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;\n");
  ExpectRebuildShape(rig, "rebuild_foreign_key_sqlite.expected");
  const std::string& text = rig.r().text;
  EXPECT_TRUE(Contains(text, "  FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE\n)"))
      << "the clause as written, with its action\n" << text;
  EXPECT_LT(text.find("RENAME TO \"orders\""), text.find("pragma_foreign_key_check('orders')")) << text;
  EXPECT_LT(text.find("pragma_foreign_key_check('orders')"), text.find("DROP TABLE temp.\"migrate_rebuild_check\"")) << text;
}

TEST(RewriteSqliteRebuildTest, AReferencedTableIsGuardedAgainstEnforcedForeignKeys) {
  const std::string history = std::string(kOrdersLite) +
                              "CREATE TABLE items (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders (id));\n";
  Rig rig(Dialect::kSqlite, history, "ALTER TABLE orders ALTER COLUMN total TYPE INTEGER;\n");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  const std::string& text = rig.r().text;
  EXPECT_LT(text.find("SELECT NOT \"foreign_keys\" FROM pragma_foreign_keys"), text.find("DROP TABLE \"orders\";")) << text;
}

TEST(RewriteSqliteRebuildTest, WhatCannotBeRebuiltSafelyIsLeftWithTheReason) {
  struct Case {
    std::string history, statement, reason;
  };
  const Case cases[] = {
      {"CREATE TABLE t (a INTEGER, b TEXT);\n", "ALTER TABLE t ALTER COLUMN b TYPE INTEGER;", "no PRIMARY KEY"},
      {"CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT) WITHOUT ROWID;\n", "ALTER TABLE t ALTER COLUMN b TYPE INTEGER;",
       "WITHOUT ROWID"},
      {"CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE t (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) "
       "ON DELETE CASCADE, b TEXT);\n",
       "ALTER TABLE t ALTER COLUMN b TYPE INTEGER;", "ON DELETE"},
      {"CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT);\n", "ALTER TABLE t ALTER COLUMN id TYPE TEXT;", "primary key"},
      {"CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT, c TEXT);\n"
       "CREATE TRIGGER t_touch AFTER UPDATE ON t BEGIN UPDATE t SET c = 'x' WHERE id = NEW.id; END;\n",
       "ALTER TABLE t ALTER COLUMN b TYPE INTEGER;", "every UPDATE"},
      {"CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT);\n", "ALTER TABLE t ADD CONSTRAINT b_key UNIQUE (b);",
       "CREATE UNIQUE INDEX"},
      {"CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT);\n", "ALTER TABLE t ADD FOREIGN KEY (b) REFERENCES ghosts (id);",
       "not known"},
  };
  for (const Case& c : cases) {
    Rig rig(Dialect::kSqlite, c.history, c.statement + "\n");
    ASSERT_TRUE(rig.result.ok()) << c.statement << ": " << rig.result.status().message();
    ASSERT_EQ(rig.r().left.size(), 1u) << c.statement << "\n" << rig.r().text;
    EXPECT_TRUE(Contains(rig.r().left[0].what, c.reason)) << c.statement << ": " << rig.r().left[0].what;
    EXPECT_TRUE(Contains(rig.r().text, c.statement)) << "kept as it was\n" << rig.r().text;
  }
}

TEST(RewriteSqliteRebuildTest, TheRewriteFrontEndOnlyAddsTheAlterFormsSqliteLacks) {
  std::unique_ptr<FrontEnd> fe = MakeRewriteFrontEnd(Dialect::kSqlite);
  ParseOutcome type = fe->Parse("ALTER TABLE t ALTER COLUMN c TYPE INTEGER");
  ASSERT_TRUE(std::holds_alternative<std::vector<Change>>(type));
  EXPECT_TRUE(std::holds_alternative<AlterColumnType>(std::get<std::vector<Change>>(type).at(0)));
  // PostgreSQL statements that are not such a change stay syntax errors on SQLite.
  EXPECT_TRUE(std::holds_alternative<SyntaxError>(fe->Parse("ALTER TABLE t ALTER COLUMN c SET STATISTICS 100")));
  EXPECT_TRUE(std::holds_alternative<SyntaxError>(fe->Parse("CREATE TABLE t (id int) PARTITION BY RANGE (id)")));
  // Other dialects get their own front end.
  EXPECT_TRUE(std::holds_alternative<SyntaxError>(
      MakeRewriteFrontEnd(Dialect::kPostgres)->Parse("ALTER TABLE t ALTER COLUMN c TYPE")));
}

// ---- PostgreSQL compatibility schema (--compat-schema) ----------------------------------------

TEST(RewriteCompatSchemaTest, RenameColumnKeepsTheOldNameInAViewOfTheRunningVersionsSchema) {
  Rig rig(Dialect::kPostgres, kUsersPg, "ALTER TABLE users RENAME COLUMN name TO full_name;\n", "2.0.0", "app_v1");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  ASSERT_EQ(rig.r().rewritten.size(), 1u);
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  const std::string& text = rig.r().text;
  // One transaction: the schema, the real rename, the view with the old name.
  const size_t begin = text.find("-- migrate:expand\nBEGIN;\nCREATE SCHEMA IF NOT EXISTS \"app_v1\";\n");
  const size_t rename = text.find("ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"full_name\";");
  const size_t view = text.find("CREATE VIEW \"app_v1\".\"users\" WITH (security_invoker = true) AS SELECT \"id\", "
                                "\"full_name\" AS \"name\", \"email\" FROM \"users\";\nCOMMIT;");
  EXPECT_TRUE(begin != std::string::npos && rename != std::string::npos && view != std::string::npos) << text;
  EXPECT_LT(begin, rename);
  EXPECT_LT(rename, view);
  EXPECT_FALSE(Contains(text, "TRIGGER")) << "no dual writes\n" << text;
  EXPECT_FALSE(Contains(text, "migrate:backfill")) << "nothing to copy\n" << text;
  EXPECT_TRUE(Contains(text, "-- migrate:contract requires-app=2.0.0\nDROP VIEW IF EXISTS \"app_v1\".\"users\";\n")) << text;
  EXPECT_TRUE(Contains(text, "DROP SCHEMA IF EXISTS \"app_v1\" CASCADE;")) << text;
  testing::ExpectGolden(TestdataDir() / "compat_rename_column_postgres.expected", text);
}

TEST(RewriteCompatSchemaTest, RenameTableLeavesTheDefaultSchemaToTheNewName) {
  Rig rig(Dialect::kPostgres, kUsersPg, "ALTER TABLE users RENAME TO accounts;\n", "2.0.0", "app_v1");
  ASSERT_TRUE(rig.result.ok()) << rig.result.status().message();
  EXPECT_EQ(rig.r().after_errors, 0) << rig.Errors();
  const std::string& text = rig.r().text;
  EXPECT_TRUE(Contains(text, "ALTER TABLE \"users\" RENAME TO \"accounts\";\nCREATE VIEW \"app_v1\".\"users\" WITH "
                             "(security_invoker = true) AS SELECT \"id\", \"name\", \"email\" FROM \"accounts\";\nCOMMIT;"))
      << text;
  EXPECT_FALSE(Contains(text, "CREATE VIEW \"users\"")) << "no view in the table's own schema\n" << text;
  testing::ExpectGolden(TestdataDir() / "compat_rename_table_postgres.expected", text);
}

TEST(RewriteCompatSchemaTest, OtherChangesAndOtherDialectsAreNotAffected) {
  // Only renames use the view; a type change keeps its dual-write recipe.
  Rig type(Dialect::kPostgres, "CREATE TABLE orders (id serial PRIMARY KEY, total int NOT NULL);\n",
           "ALTER TABLE orders ALTER COLUMN total TYPE bigint;\n", "2.0.0", "app_v1");
  ASSERT_TRUE(type.result.ok());
  EXPECT_TRUE(Contains(type.r().text, "ADD COLUMN \"total_new\" int8")) << type.r().text;
  EXPECT_FALSE(Contains(type.r().text, "app_v1")) << type.r().text;
  // A table the replay does not know: left, with the reason.
  Rig unknown(Dialect::kPostgres, "", "ALTER TABLE ghosts RENAME COLUMN a TO b;\n", "2.0.0", "app_v1");
  ASSERT_TRUE(unknown.result.ok());
  ASSERT_EQ(unknown.r().left.size(), 1u);
  EXPECT_TRUE(Contains(unknown.r().left[0].what, "not known to the replay")) << unknown.r().left[0].what;
  // MySQL: refused with the reason (the CLI refuses the option before that).
  Rig my(Dialect::kMysql, "CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(10));\n",
         "ALTER TABLE users RENAME COLUMN name TO full_name;\n", "2.0.0", "app_v1");
  ASSERT_TRUE(my.result.ok());
  ASSERT_EQ(my.r().left.size(), 1u);
  EXPECT_TRUE(Contains(my.r().left[0].what, "PostgreSQL")) << my.r().left[0].what;
}

TEST(SyncTriggersTest, LongNamesAreShortenedStablyAndDropsMirrorCreates) {
  SyncPair p{"a_table_with_a_rather_long_name", "a_column_with_a_long_name", "another_long_column_name"};
  const std::string name = SyncTriggerName(p);
  EXPECT_LE(name.size(), 55u);
  EXPECT_EQ(name, SyncTriggerName(p));
  EXPECT_EQ(CreateSyncTriggers(Dialect::kSqlite, p).size(), DropSyncTriggers(Dialect::kSqlite, p).size());
  EXPECT_EQ(CreateSyncTriggers(Dialect::kMysql, p).size(), DropSyncTriggers(Dialect::kMysql, p).size());
  SyncPair q{"app.users", "name", "full_name"};
  EXPECT_TRUE(Contains(DropSyncTriggers(Dialect::kPostgres, q)[1], "DROP FUNCTION IF EXISTS \"app\".\"migrate_sync_users_name_full_name\"()"));
}

}  // namespace
}  // namespace migrate
