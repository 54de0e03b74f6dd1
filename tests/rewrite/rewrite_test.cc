// migrate rewrite: each recipe per dialect, and the proof that matters, that the rewritten file
// lints clean against the same history. The full outputs of the main recipes are golden files
// (tests/rewrite/testdata/*.expected; UPDATE_GOLDEN=1 rewrites them, and the diff is reviewed).
#include "rewrite/rewrite.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engine/loader.h"
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

  Rig(Dialect d, const std::string& create, const std::string& change, const std::string& requires_app = "2.0.0")
      : dialect(d) {
    std::unique_ptr<FrontEnd> fe = MakeFrontEnd(d);
    MigrationFile history = LoadMigration("migrations/0001_create.sql", create, *fe);
    EXPECT_TRUE(history.errors.empty()) << history.errors[0].message;
    Schema before;
    ReplayFile(history, &before);
    MigrationFile file = LoadMigration("migrations/0002_change.sql", change, *fe);
    EXPECT_TRUE(file.errors.empty()) << (file.errors.empty() ? "" : file.errors[0].message);
    RewriteOptions options;
    options.requires_app = requires_app;
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
