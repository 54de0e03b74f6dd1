#include "engine/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "testing/test_util.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;
using testing::LoadPg;

std::string Errors(const MigrationFile& f) {
  std::string out;
  for (const InputError& e : f.errors) {
    out += std::to_string(e.pos.line) + ":" + std::to_string(e.pos.column) + ": " + e.message + "\n";
  }
  return out;
}

// ---- names and versions ----------------------------------------------------------------------

TEST(ParseMigrationNameTest, PlainUpAndDownNames) {
  auto n = ParseMigrationName("0007_add_users.sql");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->version, "0007");
  EXPECT_EQ(n->slug, "add_users");
  EXPECT_FALSE(n->down);

  auto up = ParseMigrationName("20261127093000_full_name.up.sql");
  ASSERT_TRUE(up);
  EXPECT_EQ(up->version, "20261127093000");
  EXPECT_EQ(up->slug, "full_name");
  EXPECT_FALSE(up->down);

  auto down = ParseMigrationName("0003_x.down.sql");
  ASSERT_TRUE(down);
  EXPECT_EQ(down->version, "0003");
  EXPECT_EQ(down->slug, "x");
  EXPECT_TRUE(down->down);
}

TEST(ParseMigrationNameTest, NamesThatDoNotMatch) {
  for (const char* bad : {"add_users.sql", "0007.sql", "0007_.sql", "_x.sql", "v1_x.sql", "0007_x.txt",
                          "0007_x.sql.bak", "0007-x.sql", ".sql", "0007_x.SQL"}) {
    EXPECT_FALSE(ParseMigrationName(bad)) << bad;
  }
}

TEST(CompareVersionsTest, NumericComparison) {
  EXPECT_EQ(CompareVersions("7", "0007"), 0);
  EXPECT_EQ(CompareVersions("0", "000"), 0);
  EXPECT_LT(CompareVersions("9", "10"), 0);
  EXPECT_GT(CompareVersions("10", "9"), 0);
  EXPECT_LT(CompareVersions("0009", "10"), 0);
  EXPECT_GT(CompareVersions("20261127093000", "0007"), 0);
  EXPECT_LT(CompareVersions("20261127093000", "20261127093001"), 0);
  // Longer than any integer type.
  EXPECT_LT(CompareVersions("123456789012345678901234567890", "123456789012345678901234567891"), 0);
  EXPECT_GT(CompareVersions("1000000000000000000000000", "999999999999999999999999"), 0);
}

TEST(ListMigrationDirTest, OrdersByVersionAndListsRollbacks) {
  fs::path dir = testing::MakeTempDir("dir");
  for (const char* f : {"0010_c.sql", "0002_b.sql", "1_a.sql", "0003_x.up.sql", "0003_x.down.sql",
                        "README.md", "0009_notes.txt"}) {
    testing::WriteAll(dir / f, "SELECT 1;\n");
  }
  fs::create_directories(dir / "0004_subdir.sql");  // a directory, not a file: skipped
  Result<MigrationListing> listing = ListMigrationDir(dir.string());
  ASSERT_TRUE(listing.ok()) << listing.status().message();
  EXPECT_EQ(listing->migrations,
            (std::vector<std::string>{(dir / "1_a.sql").string(), (dir / "0002_b.sql").string(),
                                      (dir / "0003_x.up.sql").string(), (dir / "0010_c.sql").string()}));
  EXPECT_EQ(listing->rollbacks, std::vector<std::string>{(dir / "0003_x.down.sql").string()});
  EXPECT_TRUE(listing->errors.empty());
}

TEST(ListMigrationDirTest, MisnamedSqlFilesAreErrors) {
  fs::path dir = testing::MakeTempDir("dir");
  for (const char* f : {"0001_a.sql", "notes.sql", "v2_b.sql"}) testing::WriteAll(dir / f, "SELECT 1;\n");
  Result<MigrationListing> listing = ListMigrationDir(dir.string());
  ASSERT_TRUE(listing.ok());
  EXPECT_EQ(listing->migrations, std::vector<std::string>{(dir / "0001_a.sql").string()});
  ASSERT_EQ(listing->errors.size(), 2u);
  EXPECT_EQ(listing->errors[0].path, (dir / "notes.sql").string());
  EXPECT_EQ(listing->errors[0].message, "file name does not match <version>_<slug>.sql (version: digits)");
  EXPECT_EQ(listing->errors[1].path, (dir / "v2_b.sql").string());
}

TEST(ListMigrationDirTest, DuplicateVersionsAreErrors) {
  fs::path dir = testing::MakeTempDir("dir");
  for (const char* f : {"0002_b.sql", "2_other.sql", "0003_c.sql"}) testing::WriteAll(dir / f, "SELECT 1;\n");
  Result<MigrationListing> listing = ListMigrationDir(dir.string());
  ASSERT_TRUE(listing.ok());
  ASSERT_EQ(listing->errors.size(), 1u);
  const std::string a = (dir / "0002_b.sql").string();
  const std::string b = (dir / "2_other.sql").string();
  const PathError& e = listing->errors[0];
  // One of the pair is the error; its message names the other one.
  ASSERT_TRUE(e.path == a || e.path == b) << e.path;
  const std::string& other = e.path == a ? b : a;
  EXPECT_NE(e.message.find("is also used by " + other), std::string::npos) << e.message;
  EXPECT_EQ(listing->migrations.size(), 2u);
  EXPECT_EQ(std::count(listing->migrations.begin(), listing->migrations.end(), other), 1);
}

TEST(ListMigrationDirTest, MissingDirectoryFails) {
  Result<MigrationListing> listing = ListMigrationDir((fs::path(::testing::TempDir()) / "no_such_migrate_dir").string());
  ASSERT_FALSE(listing.ok());
  EXPECT_EQ(listing.status().code(), StatusCode::kIo);
}

// ---- LoadMigration ---------------------------------------------------------------------------

TEST(LoadMigrationTest, NameParts) {
  MigrationFile f = LoadMigration("db/migrations/0003_add_email.sql", "SELECT 1;", testing::Pg());
  EXPECT_EQ(f.path, "db/migrations/0003_add_email.sql");
  EXPECT_EQ(f.version, "0003");
  EXPECT_EQ(f.slug, "add_email");
  EXPECT_FALSE(f.rollback_script);
  EXPECT_EQ(f.dialect, Dialect::kPostgres);
  MigrationFile down = LoadMigration("0003_add_email.down.sql", "SELECT 1;", testing::Pg());
  EXPECT_TRUE(down.rollback_script);
  MigrationFile other = LoadMigration("scratch.sql", "SELECT 1;", testing::Pg());
  EXPECT_EQ(other.version, "");
  EXPECT_EQ(other.slug, "");
}

TEST(LoadMigrationTest, NoDirectiveIsOneImplicitExpandSection) {
  MigrationFile f = LoadPg("ALTER TABLE users ADD COLUMN a int;\nUPDATE users SET a = 1;\n");
  EXPECT_EQ(Errors(f), "");
  ASSERT_EQ(f.sections.size(), 1u);
  EXPECT_EQ(f.sections[0].kind, SectionKind::kExpand);
  EXPECT_TRUE(f.sections[0].implicit);
  EXPECT_EQ(f.sections[0].pos.line, 1);
  EXPECT_EQ(f.sections[0].pos.column, 1);
  ASSERT_EQ(f.statements.size(), 2u);
  EXPECT_EQ(f.statements[0].section, 0);
  EXPECT_EQ(f.statements[1].section, 0);
  EXPECT_EQ(f.statements[0].text, "ALTER TABLE users ADD COLUMN a int");
  ASSERT_EQ(f.statements[0].changes.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<AddColumn>(f.statements[0].changes[0]));
  ASSERT_EQ(f.statements[1].changes.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<Dml>(f.statements[1].changes[0]));
}

TEST(LoadMigrationTest, ExplicitSectionsAndOptions) {
  MigrationFile f = LoadPg(
      "-- migrate:expand\n"
      "ALTER TABLE users ADD COLUMN full_name varchar(255);\n"
      "\n"
      "-- migrate:backfill batch=5000 table=users key=tenant_id,id\n"
      "UPDATE users SET full_name = name WHERE full_name IS NULL;\n"
      "\n"
      "-- migrate:contract requires-app=web@2.0.0\n"
      "ALTER TABLE users DROP COLUMN name;\n");
  EXPECT_EQ(Errors(f), "");
  ASSERT_EQ(f.sections.size(), 3u);
  EXPECT_EQ(f.sections[0].kind, SectionKind::kExpand);
  EXPECT_FALSE(f.sections[0].implicit);
  EXPECT_EQ(f.sections[0].pos.line, 1);
  EXPECT_EQ(f.sections[1].kind, SectionKind::kBackfill);
  EXPECT_EQ(f.sections[1].pos.line, 4);
  EXPECT_EQ(f.sections[1].pos.column, 1);
  ASSERT_TRUE(f.sections[1].batch);
  EXPECT_EQ(*f.sections[1].batch, 5000);
  EXPECT_EQ(f.sections[1].table, "users");
  EXPECT_EQ(f.sections[1].key, (std::vector<std::string>{"tenant_id", "id"}));
  EXPECT_EQ(f.sections[2].kind, SectionKind::kContract);
  EXPECT_EQ(f.sections[2].pos.line, 7);
  EXPECT_EQ(f.sections[2].requires_app, "web@2.0.0");
  EXPECT_FALSE(f.sections[0].batch);
  EXPECT_EQ(f.sections[0].requires_app, "");
  ASSERT_EQ(f.statements.size(), 3u);
  EXPECT_EQ(f.statements[0].section, 0);
  EXPECT_EQ(f.statements[1].section, 1);
  EXPECT_EQ(f.statements[2].section, 2);
  EXPECT_EQ(f.statements[0].pos.line, 2);
  EXPECT_EQ(f.statements[1].pos.line, 5);
  EXPECT_EQ(f.statements[2].pos.line, 8);
}

TEST(LoadMigrationTest, SectionsMayBeSkipped) {
  MigrationFile f = LoadPg("-- migrate:backfill\nUPDATE t SET a = 1;\n-- migrate:contract requires-app=2\nDROP TABLE x;\n");
  EXPECT_EQ(Errors(f), "");
  ASSERT_EQ(f.sections.size(), 2u);
  EXPECT_EQ(f.sections[0].kind, SectionKind::kBackfill);
  EXPECT_FALSE(f.sections[0].batch);
  EXPECT_EQ(f.sections[1].kind, SectionKind::kContract);
}

TEST(LoadMigrationTest, WrongSectionOrderIsAnErrorWithItsLine) {
  MigrationFile f = LoadPg(
      "-- migrate:contract requires-app=2.0.0\n"
      "ALTER TABLE users DROP COLUMN name;\n"
      "-- migrate:expand\n"
      "ALTER TABLE users ADD COLUMN a int;\n");
  EXPECT_EQ(Errors(f),
            "3:1: migrate:expand after migrate:contract: a file holds at most one section of each kind, "
            "in the order expand, backfill, contract\n");
}

TEST(LoadMigrationTest, RepeatedSectionIsAnError) {
  MigrationFile f = LoadPg("-- migrate:expand\nSELECT 1;\n\n-- migrate:expand\nSELECT 2;\n");
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(f.errors[0].pos.line, 4);
  EXPECT_EQ(f.errors[0].message.rfind("migrate:expand after migrate:expand", 0), 0u) << f.errors[0].message;
}

TEST(LoadMigrationTest, DirectiveNotOnALineOfItsOwn) {
  MigrationFile f = LoadPg("SELECT 1; -- migrate:backfill\nUPDATE t SET a = 1;\n");
  EXPECT_EQ(Errors(f), "1:11: a migrate: directive must be on a line of its own\n");
}

TEST(LoadMigrationTest, UnknownDirectiveHasExactLineAndColumn) {
  MigrationFile f = LoadPg("SELECT 1;\n  -- migrate:expnad\nSELECT 2;\n");
  // Column 14: the unknown name after "migrate:".
  EXPECT_EQ(Errors(f),
            "2:14: unknown directive 'migrate:expnad' (known: expand, backfill, contract, ignore, up, down)\n");
}

TEST(LoadMigrationTest, BadDirectiveOptionPointsAtTheOption) {
  MigrationFile f = LoadPg("-- migrate:backfill batch=0\nUPDATE t SET a = 1;\n");
  EXPECT_EQ(Errors(f), "1:21: batch must be a positive integer, got '0'\n");
}

TEST(LoadMigrationTest, DirectiveInTrailingCommentsIsChecked) {
  MigrationFile f = LoadPg("SELECT 1;\n-- migrate:bogus\n");
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(f.errors[0].pos.line, 2);
  EXPECT_EQ(f.errors[0].pos.column, 12);
}

TEST(LoadMigrationTest, OrdinaryCommentsAreIgnored) {
  MigrationFile f = LoadPg("-- just a note about migrate\n/* migrate:expand in a block comment */\nSELECT 1;\n");
  EXPECT_EQ(Errors(f), "");
  ASSERT_EQ(f.sections.size(), 1u);
  EXPECT_TRUE(f.sections[0].implicit);
}

TEST(LoadMigrationTest, IgnoreAttachesToTheNextStatement) {
  MigrationFile f = LoadPg(
      "SELECT 1;\n"
      "-- migrate:ignore truncate,lock-table reason=\"staging table, no readers\"\n"
      "-- an ordinary comment between\n"
      "TRUNCATE scratch;\n"
      "SELECT 2;\n");
  EXPECT_EQ(Errors(f), "");
  ASSERT_EQ(f.statements.size(), 3u);
  EXPECT_TRUE(f.statements[0].ignores.empty());
  ASSERT_EQ(f.statements[1].ignores.size(), 1u);
  const Ignore& ig = f.statements[1].ignores[0];
  EXPECT_EQ(ig.rules, (std::vector<std::string>{"truncate", "lock-table"}));
  EXPECT_EQ(ig.reason, "staging table, no readers");
  EXPECT_EQ(ig.pos.line, 2);
  EXPECT_EQ(ig.pos.column, 1);
  EXPECT_TRUE(f.statements[2].ignores.empty());
}

TEST(LoadMigrationTest, SeveralIgnoresOnOneStatement) {
  MigrationFile f = LoadPg(
      "-- migrate:ignore truncate reason=\"a\"\n"
      "-- migrate:ignore lock-table reason=\"b\"\n"
      "TRUNCATE scratch;\n");
  ASSERT_EQ(f.statements.size(), 1u);
  ASSERT_EQ(f.statements[0].ignores.size(), 2u);
  EXPECT_EQ(f.statements[0].ignores[1].rules, std::vector<std::string>{"lock-table"});
  EXPECT_EQ(f.statements[0].ignores[1].pos.line, 2);
}

TEST(LoadMigrationTest, DanglingIgnoreIsAnError) {
  MigrationFile f = LoadPg("SELECT 1;\n-- migrate:ignore truncate reason=\"x\"\n");
  EXPECT_EQ(Errors(f), "2:1: migrate:ignore is not followed by a statement\n");
}

TEST(LoadMigrationTest, DbmateUpAndDown) {
  MigrationFile f = LoadPg(
      "-- migrate:up\n"
      "CREATE TABLE a (id int);\n"
      "\n"
      "-- migrate:down\n"
      "DROP TABLE a;\n");
  EXPECT_EQ(Errors(f), "");
  ASSERT_EQ(f.statements.size(), 1u);
  ASSERT_EQ(f.statements[0].changes.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<CreateTable>(f.statements[0].changes[0]));
  EXPECT_EQ(f.statements[0].pos.line, 2);
  ASSERT_EQ(f.rollback_statements.size(), 1u);
  EXPECT_EQ(f.rollback_statements[0].text, "DROP TABLE a");
  EXPECT_EQ(f.rollback_statements[0].pos.line, 5);
  ASSERT_EQ(f.rollback_statements[0].changes.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<DropTable>(f.rollback_statements[0].changes[0]));
  ASSERT_EQ(f.sections.size(), 1u);
  EXPECT_TRUE(f.sections[0].implicit);
}

TEST(LoadMigrationTest, DbmateUpWithSections) {
  MigrationFile f = LoadPg(
      "-- migrate:up transaction:false\n"
      "-- migrate:expand\n"
      "ALTER TABLE users ADD COLUMN a int;\n"
      "-- migrate:contract requires-app=2.0.0\n"
      "ALTER TABLE users DROP COLUMN b;\n"
      "-- migrate:down\n"
      "ALTER TABLE users DROP COLUMN a;\n");
  EXPECT_EQ(Errors(f), "");
  ASSERT_EQ(f.sections.size(), 2u);
  EXPECT_EQ(f.sections[1].kind, SectionKind::kContract);
  ASSERT_EQ(f.statements.size(), 2u);
  EXPECT_EQ(f.statements[1].section, 1);
  EXPECT_EQ(f.rollback_statements.size(), 1u);
}

TEST(LoadMigrationTest, SectionInsideDbmateDownIsAnError) {
  MigrationFile f = LoadPg("-- migrate:up\nSELECT 1;\n-- migrate:down\n-- migrate:contract requires-app=1\nSELECT 2;\n");
  EXPECT_EQ(Errors(f), "4:1: sections belong to the migration, not to its migrate:down rollback script\n");
}

TEST(LoadMigrationTest, DbmateDownTwiceIsAnError) {
  MigrationFile f = LoadPg("-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n-- migrate:down\nSELECT 3;\n");
  EXPECT_EQ(Errors(f), "5:1: migrate:down given twice\n");
}

TEST(LoadMigrationTest, SyntaxErrorHasTheFilePositionOfTheOffendingToken) {
  MigrationFile f = LoadPg("SELECT 1;\n\n  CREATE TABLE t (a int,, b int);\n");
  EXPECT_EQ(Errors(f), "3:25: syntax error at or near \",\"\n");
}

TEST(LoadMigrationTest, SyntaxErrorOnALaterLineOfAStatement) {
  MigrationFile f = LoadPg(
      "-- migrate:expand\n"
      "CREATE TABLE t (\n"
      "  a int,\n"
      "  b intt intt\n"
      ");\n");
  EXPECT_EQ(Errors(f), "4:10: syntax error at or near \"intt\"\n");
}

TEST(LoadMigrationTest, SyntaxErrorAfterMultibyteCharacters) {
  MigrationFile f = LoadPg("SELECT 'é€' AS x,, 1;\n");
  // S1 E2 L3 E4 C5 T6 ␠7 '8 é9 €10 '11 ␠12 A13 S14 ␠15 x16 ,17 ,18
  EXPECT_EQ(Errors(f), "1:18: syntax error at or near \",\"\n");
}

TEST(LoadMigrationTest, UnterminatedQuoteIsAnError) {
  MigrationFile f = LoadPg("SELECT 1;\nSELECT 'abc;\n");
  EXPECT_EQ(Errors(f), "2:8: unterminated quoted string\n");
}

TEST(LoadMigrationTest, StatementPositionIsItsFirstTokenAfterComments) {
  const std::string text = "-- header\n/* block */\n\n    SELECT 1;  /* é */ SELECT 2;\n";
  MigrationFile f = LoadPg(text);
  ASSERT_EQ(f.statements.size(), 2u);
  EXPECT_EQ(f.statements[0].pos.line, 4);
  EXPECT_EQ(f.statements[0].pos.column, 5);
  EXPECT_EQ(f.statements[0].offset, text.find("SELECT 1"));
  EXPECT_EQ(f.statements[0].text, "SELECT 1");
  EXPECT_EQ(f.statements[1].pos.line, 4);
  EXPECT_EQ(f.statements[1].pos.column, 24);  // code points, é counts once
  EXPECT_EQ(f.statements[1].offset, text.find("SELECT 2"));
}

TEST(LoadMigrationTest, InTransactionBlockBetweenBeginAndCommit) {
  MigrationFile f = LoadPg(
      "CREATE TABLE a (id int);\n"
      "BEGIN;\n"
      "CREATE INDEX CONCURRENTLY i ON a (id);\n"
      "ALTER TABLE a ADD COLUMN b int;\n"
      "COMMIT;\n"
      "CREATE INDEX CONCURRENTLY j ON a (b);\n"
      "START TRANSACTION;\n"
      "SELECT 1;\n"
      "ROLLBACK;\n"
      "SELECT 2;\n");
  EXPECT_EQ(Errors(f), "");
  std::vector<bool> in;
  for (const Statement& s : f.statements) in.push_back(s.in_transaction_block);
  EXPECT_EQ(in, (std::vector<bool>{false, false, true, true, false, false, false, true, false, false}));
}

TEST(LoadMigrationTest, Utf8BomIsStripped) {
  MigrationFile f = LoadPg("\xEF\xBB\xBF-- migrate:expand\nSELECT 1;\n");
  EXPECT_EQ(Errors(f), "");
  ASSERT_EQ(f.sections.size(), 1u);
  EXPECT_FALSE(f.sections[0].implicit);
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].text, "SELECT 1");
  EXPECT_EQ(f.statements[0].pos.line, 2);
  EXPECT_EQ(f.statements[0].pos.column, 1);

  MigrationFile g = LoadPg("\xEF\xBB\xBFSELECT 1;\n");
  EXPECT_EQ(Errors(g), "");
  ASSERT_EQ(g.statements.size(), 1u);
  EXPECT_EQ(g.statements[0].text, "SELECT 1");
  EXPECT_EQ(g.statements[0].pos.column, 1);
}

TEST(LoadMigrationTest, CrLfLineEndings) {
  MigrationFile f = LoadPg("-- migrate:backfill batch=10\r\nUPDATE t SET a = 1;\r\n");
  EXPECT_EQ(Errors(f), "");
  ASSERT_EQ(f.sections.size(), 1u);
  EXPECT_EQ(f.sections[0].kind, SectionKind::kBackfill);
  EXPECT_EQ(*f.sections[0].batch, 10);
  ASSERT_EQ(f.statements.size(), 1u);
  EXPECT_EQ(f.statements[0].pos.line, 2);
}

TEST(LoadMigrationTest, EmptyFile) {
  MigrationFile f = LoadPg("");
  EXPECT_EQ(Errors(f), "");
  EXPECT_TRUE(f.statements.empty());
}

TEST(LoadMigrationFileTest, ReadsTheFileAndReportsUnreadableOnes) {
  fs::path dir = testing::MakeTempDir("dir");
  testing::WriteAll(dir / "0001_a.sql", "CREATE TABLE a (id int);\n");
  MigrationFile f = LoadMigrationFile((dir / "0001_a.sql").string(), testing::Pg());
  EXPECT_EQ(Errors(f), "");
  EXPECT_EQ(f.version, "0001");
  EXPECT_EQ(f.statements.size(), 1u);
  MigrationFile missing = LoadMigrationFile((dir / "0002_missing.sql").string(), testing::Pg());
  EXPECT_EQ(Errors(missing), "1:1: cannot read file\n");
  EXPECT_EQ(missing.path, (dir / "0002_missing.sql").string());
}

}  // namespace
}  // namespace migrate
