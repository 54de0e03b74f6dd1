// The SQLite rules and the table-rebuild recognition (analysis/table_rebuild.h), on migration files
// built by hand from Changes, so they do not depend on a front end: the schema a file is judged
// against, sections, and the statements with their changes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/rule.h"
#include "analysis/table_rebuild.h"

namespace migrate {
namespace {

// A SQLite migration file built statement by statement; each statement is on its own line.
class FileBuilder {
 public:
  FileBuilder() {
    file_.path = "0002_test.sql";
    file_.version = "0002";
    file_.dialect = Dialect::kSqlite;
  }
  FileBuilder& Section(SectionKind kind, std::string requires_app = "2.0.0") {
    migrate::Section s;
    s.kind = kind;
    s.pos = {line_++, 1};
    if (kind == SectionKind::kContract) s.requires_app = std::move(requires_app);
    if (kind == SectionKind::kBackfill) s.batch = 1000;
    file_.sections.push_back(std::move(s));
    return *this;
  }
  FileBuilder& Stmt(std::vector<Change> changes) {
    if (file_.sections.empty()) {
      migrate::Section s;
      s.implicit = true;
      file_.sections.push_back(s);
    }
    Statement st;
    st.pos = {line_++, 1};
    st.section = static_cast<int>(file_.sections.size()) - 1;
    st.changes = std::move(changes);
    file_.statements.push_back(std::move(st));
    return *this;
  }
  FileBuilder& Stmt(Change change) { return Stmt(std::vector<Change>{std::move(change)}); }
  FileBuilder& Ignore(std::string rule) {
    file_.statements.back().ignores.push_back({{std::move(rule)}, "test", file_.statements.back().pos});
    return *this;
  }
  const MigrationFile& file() const { return file_; }

 private:
  MigrationFile file_;
  int line_ = 1;
};

ColumnDef Col(std::string name, std::string type = "text") {
  ColumnDef c;
  c.name = std::move(name);
  c.type.name = std::move(type);
  return c;
}

Expr Default(std::string text) {
  Expr e;
  e.text = std::move(text);
  e.is_null = e.text == "NULL";
  return e;
}

CreateTable Users() {
  CreateTable t;
  t.table = "users";
  ColumnDef id = Col("id", "integer");
  id.primary_key = true;
  ColumnDef email = Col("email");
  email.unique = true;
  ColumnDef org = Col("org_id", "integer");
  ColumnDef team = Col("team_id", "integer");
  team.references = ForeignKeyRef{"teams", {"id"}};
  ColumnDef age = Col("age", "integer");
  ConstraintDef own_check;
  own_check.kind = ConstraintKind::kCheck;
  own_check.check_text = "age >= 0";
  age.checks.push_back(own_check);
  ConstraintDef table_check;
  table_check.kind = ConstraintKind::kCheck;
  table_check.check_text = "\"nick\" <> 'age'";
  ConstraintDef org_fk;
  org_fk.kind = ConstraintKind::kForeignKey;
  org_fk.columns = {"org_id"};
  org_fk.references = ForeignKeyRef{"orgs", {"id"}};
  t.columns = {id, email, org, team, age, Col("name"), Col("nick"), Col("code"), Col("bio")};
  t.constraints = {table_check, org_fk};
  return t;
}

// The schema of the migrations before the file: users, an index on code, an expression index.
Schema History() {
  Schema s;
  s.Apply(Users());
  s.Apply(CreateIndex{.index = "users_code_idx", .table = "users", .columns = {"code"}});
  s.Apply(CreateIndex{.index = "users_lower_name", .table = "users", .columns = {"lower(\"name\")"}});
  return s;
}

std::vector<Finding> Findings(const MigrationFile& file, Schema schema = History()) {
  LintSettings settings;
  FileReport report = AnalyzeFile(file, &schema, settings);
  EXPECT_TRUE(report.errors.empty());
  std::vector<Finding> out;
  for (const StatementReport& s : report.statements) out.insert(out.end(), s.findings.begin(), s.findings.end());
  return out;
}

std::vector<std::string> Rules(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(f.rule);
  return out;
}

using Names = std::vector<std::string>;

// ---- The registry ------------------------------------------------------------------------------

TEST(SqliteRulesTest, AreRegisteredForSqliteOnlyAsErrors) {
  for (const char* name : {"sqlite-add-column-unsupported", "sqlite-drop-column-unsupported", "sqlite-table-rebuild",
                           "sqlite-pragma-foreign-keys", "sqlite-pragma-legacy-alter-table"}) {
    const Rule* rule = FindRule(name);
    ASSERT_NE(rule, nullptr) << name;
    EXPECT_EQ(rule->dialects, static_cast<unsigned>(kSqliteOnly)) << name;
    EXPECT_EQ(rule->severity, Severity::kError) << name;
    EXPECT_NE(rule->check, nullptr) << name;
  }
}

// ---- sqlite-add-column-unsupported -------------------------------------------------------------

AddColumn Add(ColumnDef col) { return AddColumn{"users", std::move(col)}; }

TEST(SqliteAddColumnTest, PrimaryKeyAndUniqueFailEvenOnANewTable) {
  ColumnDef pk = Col("uid", "integer");
  pk.primary_key = true;
  ColumnDef unique = Col("handle");
  unique.unique = true;
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Add(pk)).file())), Names{"sqlite-add-column-unsupported"});
  std::vector<Finding> f = Findings(FileBuilder().Stmt(Add(unique)).file());
  ASSERT_EQ(Rules(f), Names{"sqlite-add-column-unsupported"});
  EXPECT_NE(f[0].message.find("cannot add a UNIQUE column"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].suggestion.find("CREATE UNIQUE INDEX users_handle_key ON users (handle)"), std::string::npos);

  CreateTable fresh{.table = "tags", .columns = {Col("id", "integer")}};
  AddColumn on_fresh{"tags", unique};
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(fresh).Stmt(on_fresh).file())), Names{"sqlite-add-column-unsupported"});
}

TEST(SqliteAddColumnTest, NonConstantDefaults) {
  for (const char* text : {"CURRENT_TIMESTAMP", "current_date", "CURRENT_TIME", "(datetime('now'))",
                           "(lower(hex(randomblob(16))))", "(1 + 1)"}) {
    ColumnDef c = Col("created_at");
    c.default_value = Default(text);
    EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Add(c)).file())), Names{"sqlite-add-column-unsupported"}) << text;
  }
  for (const char* text : {"0", "-1", "'x'", "'it''s'", "NULL", "(0)", "(-1.5)", "('a')", "x'00ff'", "TRUE", "1e3"}) {
    ColumnDef c = Col("created_at");
    c.default_value = Default(text);
    EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Add(c)).file())), Names{}) << text;
  }
}

TEST(SqliteAddColumnTest, StoredGeneratedAndReferencesWithDefault) {
  ColumnDef stored = Col("slug");
  stored.generated = Generated::kStored;
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Add(stored)).file())), Names{"sqlite-add-column-unsupported"});
  ColumnDef virt = Col("slug");
  virt.generated = Generated::kVirtual;
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Add(virt)).file())), Names{});

  ColumnDef ref = Col("team_id", "integer");
  ref.references = ForeignKeyRef{"teams", {"id"}};
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Add(ref)).file())), Names{});
  ref.default_value = Default("1");
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Add(ref)).file())), Names{"sqlite-add-column-unsupported"});
}

TEST(SqliteAddColumnTest, RowDependentCasesAreExemptOnATableNewInThisSection) {
  ColumnDef c = Col("created_at");
  c.default_value = Default("CURRENT_TIMESTAMP");
  CreateTable fresh{.table = "tags", .columns = {Col("id", "integer")}};
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(fresh).Stmt(AddColumn{"tags", c}).file())), Names{});
}

TEST(SqliteAddColumnTest, NotNullWithoutDefaultIsTheDialectNeutralRule) {
  ColumnDef c = Col("team", "text");
  c.not_null = true;
  std::vector<Finding> f = Findings(FileBuilder().Stmt(Add(c)).file());
  ASSERT_EQ(Rules(f), Names{"add-column-not-null-without-default"});
  EXPECT_EQ(f[0].suggestion.find("SET NOT NULL"), std::string::npos) << "SQLite has no SET NOT NULL: " << f[0].suggestion;
  c.default_value = Default("''");
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Add(c)).file())), Names{});
}

TEST(SqliteAddColumnTest, DoesNotApplyToPostgres) {
  ColumnDef c = Col("created_at");
  c.default_value = Default("CURRENT_TIMESTAMP");
  MigrationFile file = FileBuilder().Stmt(Add(c)).file();
  file.dialect = Dialect::kPostgres;
  EXPECT_EQ(Rules(Findings(file)), Names{});
}

// ---- sqlite-drop-column-unsupported ------------------------------------------------------------

std::vector<Finding> DropInContract(const std::string& column) {
  return Findings(
      FileBuilder().Section(SectionKind::kContract).Stmt(DropColumn{.table = "users", .column = column}).file());
}

TEST(SqliteDropColumnTest, ColumnsTheSchemaStillUses) {
  struct Case {
    const char* column;
    const char* reason;
  };
  for (const Case& c : {Case{"id", "PRIMARY KEY"}, Case{"email", "UNIQUE"}, Case{"org_id", "FOREIGN KEY"},
                        Case{"code", "index users_code_idx"}, Case{"name", "index users_lower_name"},
                        Case{"nick", "CHECK (\"nick\" <> 'age')"}}) {
    std::vector<Finding> f = DropInContract(c.column);
    ASSERT_EQ(Rules(f), Names{"sqlite-drop-column-unsupported"}) << c.column;
    EXPECT_NE(f[0].message.find(c.reason), std::string::npos) << f[0].message;
  }
  std::vector<Finding> f = DropInContract("code");
  EXPECT_NE(f[0].suggestion.find("DROP INDEX users_code_idx"), std::string::npos) << f[0].suggestion;
  f = DropInContract("email");
  EXPECT_NE(f[0].suggestion.find("sqlite-table-rebuild"), std::string::npos) << f[0].suggestion;
}

TEST(SqliteDropColumnTest, ColumnsNothingUses) {
  EXPECT_EQ(Rules(DropInContract("bio")), Names{});
  // Its own CHECK goes with it; the table CHECK names "age" only inside a string.
  EXPECT_EQ(Rules(DropInContract("age")), Names{});
  // So does a REFERENCES clause written on the column.
  EXPECT_EQ(Rules(DropInContract("team_id")), Names{});
  EXPECT_EQ(Rules(DropInContract("missing")), Names{});
  EXPECT_EQ(Rules(Findings(FileBuilder()
                               .Section(SectionKind::kContract)
                               .Stmt(DropColumn{.table = "unknown", .column = "x"})
                               .file())),
            Names{});
}

TEST(SqliteDropColumnTest, DroppingTheIndexFirstMakesItPass) {
  EXPECT_EQ(Rules(Findings(FileBuilder()
                               .Section(SectionKind::kContract)
                               .Stmt(DropIndex{.index = "users_code_idx"})
                               .Stmt(DropColumn{.table = "users", .column = "code"})
                               .file())),
            Names{});
}

TEST(SqliteDropColumnTest, OutsideAContractSectionAlsoReportsTheSectionRule) {
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(DropColumn{.table = "users", .column = "code"}).file())),
            (Names{"contract-outside-contract-section", "sqlite-drop-column-unsupported"}));
}

TEST(SqliteSchemaTest, ColumnConstraintsRememberTheirColumnAndGoWithIt) {
  Schema s = History();
  const Table* t = s.FindTable("users");
  ASSERT_NE(t, nullptr);
  const Constraint* fk = t->FindConstraint("users_team_id_fkey");
  ASSERT_NE(fk, nullptr) << "inline REFERENCES is a FOREIGN KEY constraint";
  EXPECT_EQ(fk->column, "team_id");
  EXPECT_EQ(t->FindConstraint("users_org_id_fkey")->column, "") << "a table constraint";
  size_t before = t->constraints.size();
  s.Apply(DropColumn{.table = "users", .column = "age"});
  EXPECT_EQ(s.FindTable("users")->constraints.size(), before - 1) << "age's own CHECK goes with it";
  EXPECT_EQ(s.IndexesOn("users").size(), 2u);
}

// ---- sqlite-table-rebuild ----------------------------------------------------------------------

CreateTable NewUsers() { return CreateTable{.table = "new_users", .columns = {Col("id", "integer"), Col("name")}}; }
Dml CopyUsers() { return Dml{DmlKind::kInsertSelect, "new_users", true}; }
DropTable DropUsers() { return DropTable{.table = "users"}; }
RenameTable SwapUsers() { return RenameTable{.table = "new_users", .new_name = "users"}; }
CreateObject Trigger(std::string name) { return CreateObject{ObjectKind::kTrigger, std::move(name)}; }

TEST(SqliteTableRebuildTest, InOneSectionIsOneFindingNamingTheTable) {
  MigrationFile file = FileBuilder()
                           .Stmt(NewUsers())
                           .Stmt(CopyUsers())
                           .Stmt(DropUsers())
                           .Stmt(SwapUsers())
                           .Stmt(CreateIndex{.index = "users_name_idx", .table = "users", .columns = {"name"}})
                           .file();
  std::vector<TableRebuild> found = FindTableRebuilds(file);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].table, "users");
  EXPECT_EQ(found[0].copy, "new_users");
  EXPECT_FALSE(found[0].online);
  EXPECT_EQ(found[0].first, 0u);
  EXPECT_EQ(found[0].Steps(),
            "CREATE TABLE new_users; INSERT INTO new_users … SELECT; DROP TABLE users; ALTER TABLE new_users "
            "RENAME TO users");

  std::vector<Finding> f = Findings(file);
  ASSERT_EQ(Rules(f), Names{"sqlite-table-rebuild"}) << "one finding instead of one per step";
  EXPECT_EQ(f[0].pos.line, 1) << "reported at the first step";
  EXPECT_NE(f[0].message.find("table rebuild of users"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].message.find("runs in one expand section"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].message.find("write lock"), std::string::npos) << f[0].message;
}

TEST(SqliteTableRebuildTest, TheFirstStepIsClassifiedBreaking) {
  MigrationFile file = FileBuilder().Stmt(NewUsers()).Stmt(CopyUsers()).Stmt(DropUsers()).Stmt(SwapUsers()).file();
  Schema schema = History();
  FileReport report = AnalyzeFile(file, &schema, LintSettings{});
  ASSERT_EQ(report.statements.size(), 4u);
  EXPECT_EQ(report.statements[0].cls, ChangeClass::kBreaking);
  // The replay still follows the steps: users has the new shape afterwards.
  ASSERT_NE(schema.FindTable("users"), nullptr);
  EXPECT_EQ(schema.FindTable("users")->columns.size(), 2u);
  EXPECT_EQ(schema.FindTable("new_users"), nullptr);
}

TEST(SqliteTableRebuildTest, SpreadOverExpandBackfillContractPasses) {
  MigrationFile file = FileBuilder()
                           .Section(SectionKind::kExpand)
                           .Stmt(NewUsers())
                           .Stmt(Trigger("users_sync_insert"))
                           .Stmt(Trigger("users_sync_update"))
                           .Section(SectionKind::kBackfill)
                           .Stmt(CopyUsers())
                           .Section(SectionKind::kContract)
                           .Stmt(DropObject{ObjectKind::kTrigger, "users_sync_insert"})
                           .Stmt(DropObject{ObjectKind::kTrigger, "users_sync_update"})
                           .Stmt(DropUsers())
                           .Stmt(SwapUsers())
                           .file();
  std::vector<TableRebuild> found = FindTableRebuilds(file);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].online) << found[0].problem;
  EXPECT_EQ(Rules(Findings(file)), Names{}) << "no rename-table either: the swap is the recipe's";
}

TEST(SqliteTableRebuildTest, TheSwapAloneInAContractSectionPasses) {
  // Created and filled by an earlier migration.
  Schema schema = History();
  schema.Apply(NewUsers());
  MigrationFile file =
      FileBuilder().Section(SectionKind::kContract).Stmt(DropUsers()).Stmt(SwapUsers()).file();
  EXPECT_EQ(Rules(Findings(file, schema)), Names{});
}

TEST(SqliteTableRebuildTest, MisplacedStepsAreNamed) {
  // The copy runs in the expand section: one long write transaction.
  MigrationFile file = FileBuilder()
                           .Section(SectionKind::kExpand)
                           .Stmt(NewUsers())
                           .Stmt(CopyUsers())
                           .Section(SectionKind::kContract)
                           .Stmt(DropUsers())
                           .Stmt(SwapUsers())
                           .file();
  std::vector<Finding> f = Findings(file);
  ASSERT_EQ(Rules(f), Names{"sqlite-table-rebuild"});
  EXPECT_NE(f[0].message.find("the copy into new_users is not in a backfill section"), std::string::npos)
      << f[0].message;

  // Nothing copies the rows.
  file = FileBuilder()
             .Section(SectionKind::kExpand)
             .Stmt(NewUsers())
             .Section(SectionKind::kContract)
             .Stmt(DropUsers())
             .Stmt(SwapUsers())
             .file();
  f = Findings(file);
  ASSERT_EQ(Rules(f), Names{"sqlite-table-rebuild"});
  EXPECT_NE(f[0].message.find("nothing copies the rows of users"), std::string::npos) << f[0].message;

  // The swap runs in the expand section, before the old app is gone.
  file = FileBuilder()
             .Section(SectionKind::kExpand)
             .Stmt(NewUsers())
             .Section(SectionKind::kBackfill)
             .Stmt(CopyUsers())
             .Section(SectionKind::kContract)
             .Stmt(DropObject{ObjectKind::kTrigger, "t"})
             .file();
  EXPECT_EQ(FindTableRebuilds(file).size(), 0u) << "no swap, no rebuild";
}

TEST(SqliteTableRebuildTest, TheRenameFirstVariantIsNeverOnline) {
  MigrationFile file = FileBuilder()
                           .Stmt(RenameTable{.table = "users", .new_name = "old_users"})
                           .Stmt(CreateTable{.table = "users", .columns = {Col("id", "integer")}})
                           .Stmt(Dml{DmlKind::kInsertSelect, "users", false})
                           .Stmt(DropTable{.table = "old_users"})
                           .file();
  std::vector<TableRebuild> found = FindTableRebuilds(file);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].rename_first);
  EXPECT_EQ(found[0].table, "users");
  std::vector<Finding> f = Findings(file);
  ASSERT_EQ(Rules(f), Names{"sqlite-table-rebuild"});
  EXPECT_NE(f[0].message.find("renames users away"), std::string::npos) << f[0].message;
}

TEST(SqliteTableRebuildTest, ATableNewInThisSectionIsExempt) {
  MigrationFile file = FileBuilder()
                           .Stmt(CreateTable{.table = "drafts", .columns = {Col("id", "integer")}})
                           .Stmt(CreateTable{.table = "new_drafts", .columns = {Col("id", "integer")}})
                           .Stmt(Dml{DmlKind::kInsertSelect, "new_drafts", false})
                           .Stmt(DropTable{.table = "drafts"})
                           .Stmt(RenameTable{.table = "new_drafts", .new_name = "drafts"})
                           .file();
  EXPECT_EQ(FindTableRebuilds(file).size(), 0u);
  // The copy into a new table is still a backfill outside a backfill section.
  EXPECT_EQ(Rules(Findings(file)), Names{"backfill-outside-backfill-section"});
}

TEST(SqliteTableRebuildTest, NamesAreComparedWithoutCase) {
  MigrationFile file = FileBuilder()
                           .Stmt(CreateTable{.table = "New_Users", .columns = {Col("id", "integer")}})
                           .Stmt(Dml{DmlKind::kInsertSelect, "new_users", false})
                           .Stmt(DropTable{.table = "USERS"})
                           .Stmt(RenameTable{.table = "new_users", .new_name = "users"})
                           .file();
  EXPECT_EQ(Rules(Findings(file)), Names{"sqlite-table-rebuild"});
}

TEST(SqliteTableRebuildTest, CanBeIgnoredAtItsFirstStep) {
  MigrationFile file = FileBuilder()
                           .Stmt(NewUsers())
                           .Ignore("sqlite-table-rebuild")
                           .Stmt(CopyUsers())
                           .Stmt(DropUsers())
                           .Stmt(SwapUsers())
                           .file();
  EXPECT_EQ(Rules(Findings(file)), Names{});
}

TEST(SqliteTableRebuildTest, NotRecognisedForPostgres) {
  MigrationFile file = FileBuilder().Stmt(NewUsers()).Stmt(CopyUsers()).Stmt(DropUsers()).Stmt(SwapUsers()).file();
  file.dialect = Dialect::kPostgres;
  EXPECT_EQ(Rules(Findings(file)), (Names{"backfill-outside-backfill-section", "contract-outside-contract-section"}));
}

TEST(SqliteTableRebuildTest, APlainRenameIsStillRenameTable) {
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(RenameTable{.table = "users", .new_name = "people"}).file())),
            Names{"rename-table"});
}

// ---- The PRAGMA rules ----------------------------------------------------------------------------

TEST(SqlitePragmaTest, ForeignKeys) {
  for (const char* value : {"OFF", "0", "false", "ON", "1", "'off'"}) {
    std::vector<Finding> f = Findings(FileBuilder().Stmt(Pragma{"foreign_keys", value}).file());
    ASSERT_EQ(Rules(f), Names{"sqlite-pragma-foreign-keys"}) << value;
    EXPECT_NE(f[0].suggestion.find("column by column"), std::string::npos);
  }
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Pragma{"FOREIGN_KEYS", "off"}).file())),
            Names{"sqlite-pragma-foreign-keys"});
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Pragma{"foreign_keys", ""}).file())), Names{});
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Pragma{"defer_foreign_keys", "ON"}).file())), Names{});
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Pragma{"foreign_key_check", ""}).file())), Names{});
}

TEST(SqlitePragmaTest, LegacyAlterTable) {
  for (const char* value : {"ON", "1", "true", "yes"}) {
    EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Pragma{"legacy_alter_table", value}).file())),
              Names{"sqlite-pragma-legacy-alter-table"})
        << value;
  }
  for (const char* value : {"OFF", "0", ""}) {
    EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Pragma{"legacy_alter_table", value}).file())), Names{}) << value;
  }
}

// ---- Dialect-neutral rules on SQLite changes --------------------------------------------------

TEST(SqliteNeutralRulesTest, SectionRules) {
  // DROP COLUMN outside a contract section; a contract section without requires-app.
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(DropColumn{.table = "users", .column = "bio"}).file())),
            Names{"contract-outside-contract-section"});
  EXPECT_EQ(Rules(Findings(FileBuilder()
                               .Section(SectionKind::kContract, "")
                               .Stmt(DropColumn{.table = "users", .column = "bio"})
                               .file())),
            Names{"contract-without-requires-app"});
  // UPDATE outside a backfill section; DDL inside one.
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Dml{DmlKind::kUpdate, "users", true}).file())),
            Names{"backfill-outside-backfill-section"});
  EXPECT_EQ(Rules(Findings(FileBuilder().Section(SectionKind::kBackfill).Stmt(Add(Col("x"))).file())),
            Names{"ddl-in-backfill-section"});
  EXPECT_EQ(Rules(Findings(FileBuilder().Section(SectionKind::kBackfill).Stmt(Pragma{"foreign_keys", "OFF"}).file())),
            (Names{"ddl-in-backfill-section", "sqlite-pragma-foreign-keys"}));
}

TEST(SqliteNeutralRulesTest, RenamesAndTheRest) {
  std::vector<Finding> f =
      Findings(FileBuilder().Stmt(RenameColumn{.table = "users", .column = "name", .new_name = "full_name"}).file());
  ASSERT_EQ(Rules(f), Names{"rename-column"});
  f = Findings(FileBuilder().Stmt(RenameTable{.table = "users", .new_name = "people"}).file());
  ASSERT_EQ(Rules(f), Names{"rename-table"});
  EXPECT_EQ(f[0].suggestion.find("updatable"), std::string::npos) << "SQLite views are read-only";
  EXPECT_NE(f[0].suggestion.find("INSTEAD OF INSERT/UPDATE/DELETE triggers"), std::string::npos) << f[0].suggestion;
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Unanalyzed{"VACUUM INTO"}).file())), Names{"unanalyzed-statement"});
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(DropTable{.table = "users"}).file())),
            Names{"contract-outside-contract-section"});
  // An ignore that suppresses nothing.
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(Add(Col("x"))).Ignore("rename-column").file())),
            Names{"unused-ignore"});
  // PostgreSQL-only rules stay quiet on SQLite: CREATE INDEX without CONCURRENTLY.
  EXPECT_EQ(Rules(Findings(FileBuilder().Stmt(CreateIndex{.index = "i", .table = "users", .columns = {"bio"}}).file())),
            Names{});
}

}  // namespace
}  // namespace migrate
