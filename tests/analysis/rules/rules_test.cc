// Rule tests. Every rule of AllRules() has tests/analysis/rules/testdata/<rule>/:
//   ok.sql       a migration on which the rule does not fire;
//   err.sql      one on which it fires;
//   err.expected the rendered findings of that rule on err.sql (UPDATE_GOLDEN=1 rewrites it);
//   setup.sql    optional: an earlier migration, replayed first, that makes tables "existing".
// They are written in the rule's first dialect (PostgreSQL, else MySQL, else SQLite). A rule of
// several dialects may have the same files for another one in testdata/<rule>/<dialect>/
// (postgres, mysql, sqlite), run with that dialect's front end.
// Files are loaded with LoadMigration (path "ok.sql"/"err.sql") and analysed with AnalyzeFile
// and default LintSettings.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include "analysis/analyzer.h"
#include "analysis/rule.h"
#include "analysis/rule_docs.h"
#include "report/report.h"
#include "testing/test_util.h"

namespace migrate {
namespace {

namespace fs = std::filesystem;

fs::path RulesTestdata() { return testing::SourceDir() / "tests/analysis/rules/testdata"; }

// The dialect a rule's testdata is written in: PostgreSQL unless the rule does not apply to it.
Dialect DialectOf(const Rule& rule) {
  if (AppliesTo(rule.dialects, Dialect::kPostgres)) return Dialect::kPostgres;
  if (AppliesTo(rule.dialects, Dialect::kMysql)) return Dialect::kMysql;
  return Dialect::kSqlite;
}

std::string InputErrors(const MigrationFile& f) {
  std::string out;
  for (const InputError& e : f.errors) {
    out += f.path + ":" + std::to_string(e.pos.line) + ":" + std::to_string(e.pos.column) + ": " + e.message + "\n";
  }
  return out;
}

// Loads `name` (and setup.sql before it) from the rule's testdata and analyses it.
FileReport Analyze(const std::string& rule, const std::string& name, Dialect dialect,
                   const LintSettings& settings = {}) {
  const fs::path dir = RulesTestdata() / rule;
  std::unique_ptr<FrontEnd> fe = MakeFrontEnd(dialect);
  if (!fe) {
    ADD_FAILURE() << "no front end for " << DialectName(dialect);
    return {};
  }
  Schema schema;
  if (fs::exists(dir / "setup.sql")) {
    MigrationFile setup = LoadMigration("setup.sql", testing::ReadAll(dir / "setup.sql"), *fe);
    EXPECT_EQ(InputErrors(setup), "");
    ReplayFile(setup, &schema);
  }
  EXPECT_TRUE(fs::exists(dir / name)) << (dir / name);
  MigrationFile file = LoadMigration(name, testing::ReadAll(dir / name), *fe);
  EXPECT_EQ(InputErrors(file), "") << rule << "/" << name;
  return AnalyzeFile(file, &schema, settings);
}

// The findings of one rule, rendered like the text reporter (no colour, no summary line).
std::string RenderFindings(const FileReport& report, const std::string& rule) {
  LintReport only;
  FileReport file;
  file.path = report.path;
  file.dialect = report.dialect;
  for (const StatementReport& st : report.statements) {
    StatementReport copy = st;
    copy.findings.clear();
    for (const Finding& f : st.findings) {
      if (f.rule == rule) copy.findings.push_back(f);
    }
    file.statements.push_back(std::move(copy));
  }
  only.files.push_back(std::move(file));
  std::ostringstream out;
  WriteText(only, out, /*color=*/false);
  std::string text = out.str();
  // Drop the summary line.
  size_t last = text.rfind('\n', text.size() - 2);
  return last == std::string::npos ? "" : text.substr(0, last + 1);
}

int CountFindings(const FileReport& report, const std::string& rule) {
  int n = 0;
  for (const StatementReport& st : report.statements) {
    for (const Finding& f : st.findings) n += f.rule == rule;
  }
  return n;
}

std::vector<std::string> RuleNames() {
  std::vector<std::string> out;
  for (const Rule& r : AllRules()) out.emplace_back(r.name);
  return out;
}

class RuleCaseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleCaseTest, OkFileDoesNotFire) {
  const Rule* rule = FindRule(GetParam());
  ASSERT_NE(rule, nullptr);
  FileReport report = Analyze(GetParam(), "ok.sql", DialectOf(*rule));
  EXPECT_EQ(RenderFindings(report, GetParam()), "");
  EXPECT_TRUE(report.errors.empty());
}

TEST_P(RuleCaseTest, ErrFileFiresAsExpected) {
  const Rule* rule = FindRule(GetParam());
  ASSERT_NE(rule, nullptr);
  FileReport report = Analyze(GetParam(), "err.sql", DialectOf(*rule));
  EXPECT_TRUE(report.errors.empty());
  EXPECT_GT(CountFindings(report, GetParam()), 0) << GetParam() << " did not fire on err.sql";
  testing::ExpectGolden(RulesTestdata() / GetParam() / "err.expected", RenderFindings(report, GetParam()));
}

TEST_P(RuleCaseTest, DialectSubdirectoryCases) {
  const Rule* rule = FindRule(GetParam());
  ASSERT_NE(rule, nullptr);
  for (Dialect d : {Dialect::kPostgres, Dialect::kMysql, Dialect::kSqlite}) {
    const std::string sub = GetParam() + "/" + DialectName(d);
    if (!fs::is_directory(RulesTestdata() / sub)) continue;
    SCOPED_TRACE(sub);
    EXPECT_TRUE(AppliesTo(rule->dialects, d)) << GetParam() << " does not apply to " << DialectName(d);
    FileReport ok = Analyze(sub, "ok.sql", d);
    EXPECT_EQ(RenderFindings(ok, GetParam()), "");
    EXPECT_TRUE(ok.errors.empty());
    FileReport err = Analyze(sub, "err.sql", d);
    EXPECT_TRUE(err.errors.empty());
    EXPECT_GT(CountFindings(err, GetParam()), 0) << GetParam() << " did not fire on " << sub << "/err.sql";
    testing::ExpectGolden(RulesTestdata() / sub / "err.expected", RenderFindings(err, GetParam()));
  }
}

INSTANTIATE_TEST_SUITE_P(AllRules, RuleCaseTest, ::testing::ValuesIn(RuleNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name;
                           for (char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

// ---- the registry --------------------------------------------------------------------------

bool IsKebabCase(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '-') {
      if (s[i - 1] == '-') return false;
    } else if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)))) {
      return false;
    }
  }
  return true;
}

TEST(RuleRegistryTest, NamesAreUniqueKebabCase) {
  std::set<std::string> seen;
  for (const Rule& r : AllRules()) {
    EXPECT_TRUE(IsKebabCase(r.name)) << r.name;
    EXPECT_TRUE(seen.insert(std::string(r.name)).second) << "duplicate rule " << r.name;
    EXPECT_FALSE(r.summary.empty()) << r.name;
    EXPECT_NE(r.dialects & kAllDialects, 0u) << r.name << " applies to no dialect";
    EXPECT_EQ(FindRule(r.name), &r);
  }
  EXPECT_FALSE(IsKebabCase("Rename-column"));
  EXPECT_FALSE(IsKebabCase("rename_column"));
  EXPECT_FALSE(IsKebabCase("rename--column"));
  EXPECT_EQ(FindRule("no-such-rule"), nullptr);
}

TEST(RuleRegistryTest, EveryRuleHasADocsPage) {
  for (const Rule& r : AllRules()) {
    const fs::path page = testing::SourceDir() / "docs/rules" / (std::string(r.name) + ".md");
    EXPECT_TRUE(fs::exists(page)) << page;
    EXPECT_FALSE(RuleDoc(r.name).empty()) << r.name << " has no embedded page";
    if (fs::exists(page)) EXPECT_EQ(std::string(RuleDoc(r.name)), testing::ReadAll(page)) << r.name;
  }
  EXPECT_TRUE(RuleDoc("no-such-rule").empty());
}

TEST(RuleRegistryTest, EveryDocsPageIsARule) {
  for (const auto& e : fs::directory_iterator(testing::SourceDir() / "docs/rules")) {
    if (e.path().extension() != ".md") continue;
    EXPECT_NE(FindRule(e.path().stem().string()), nullptr) << "page without a rule: " << e.path();
  }
}

TEST(RuleRegistryTest, EveryRuleHasOkAndErrCases) {
  for (const Rule& r : AllRules()) {
    const fs::path dir = RulesTestdata() / std::string(r.name);
    EXPECT_TRUE(fs::exists(dir / "ok.sql")) << dir / "ok.sql";
    EXPECT_TRUE(fs::exists(dir / "err.sql")) << dir / "err.sql";
    EXPECT_TRUE(fs::exists(dir / "err.expected")) << dir / "err.expected";
  }
  // And every testdata directory belongs to a rule.
  for (const auto& e : fs::directory_iterator(RulesTestdata())) {
    if (e.is_directory()) EXPECT_NE(FindRule(e.path().filename().string()), nullptr) << e.path();
  }
}

// ---- the analyzer around the rules ------------------------------------------------------------

FileReport AnalyzeText(const std::string& setup, const std::string& text, const LintSettings& settings = {}) {
  Schema schema;
  if (!setup.empty()) ReplayFile(testing::LoadPg(setup, "setup.sql"), &schema);
  MigrationFile file = testing::LoadPg(text, "test.sql");
  EXPECT_EQ(InputErrors(file), "");
  return AnalyzeFile(file, &schema, settings);
}

std::vector<std::string> Rules(const FileReport& report) {
  std::vector<std::string> out;
  for (const StatementReport& st : report.statements) {
    for (const Finding& f : st.findings) out.push_back(f.rule);
  }
  return out;
}

const char* kUsersSetup = "CREATE TABLE users (id bigint PRIMARY KEY, name text, email text);";

TEST(IgnoreTest, SuppressesTheNamedRulesOnTheNextStatementOnly) {
  FileReport r = AnalyzeText(kUsersSetup,
                             "-- migrate:contract requires-app=2.0.0\n"
                             "-- migrate:ignore truncate reason=\"the table is empty in every environment\"\n"
                             "TRUNCATE users;\n"
                             "TRUNCATE users;\n");
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.statements.size(), 2u);
  EXPECT_TRUE(r.statements[0].findings.empty());
  EXPECT_EQ(Rules(r), std::vector<std::string>{"truncate"});
  EXPECT_EQ(r.statements[1].findings[0].pos.line, 4);
}

TEST(IgnoreTest, SeveralRulesInOneIgnore) {
  FileReport r = AnalyzeText(kUsersSetup,
                             "-- migrate:ignore rename-column,unused-ignore reason=\"no app reads it yet\"\n"
                             "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
  EXPECT_TRUE(Rules(r).empty());
}

TEST(IgnoreTest, IgnoreThatSuppressesNothingIsAWarningAtTheDirective) {
  FileReport r = AnalyzeText(kUsersSetup,
                             "ALTER TABLE users ADD COLUMN a int;\n"
                             "-- migrate:ignore truncate reason=\"x\"\n"
                             "ALTER TABLE users ADD COLUMN b int;\n");
  ASSERT_EQ(r.statements.size(), 2u);
  ASSERT_EQ(r.statements[1].findings.size(), 1u);
  const Finding& f = r.statements[1].findings[0];
  EXPECT_EQ(f.rule, "unused-ignore");
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(f.pos.line, 2);
  EXPECT_EQ(f.pos.column, 1);
  EXPECT_EQ(f.message, "migrate:ignore truncate suppressed nothing: the rule did not fire on this statement");
}

TEST(IgnoreTest, UnknownRuleIsAFileError) {
  FileReport r = AnalyzeText(kUsersSetup,
                             "SELECT 1;\n"
                             "-- migrate:ignore no-such-rule reason=\"typo\"\n"
                             "TRUNCATE users;\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].pos.line, 2);
  EXPECT_EQ(r.errors[0].pos.column, 1);
  EXPECT_EQ(r.errors[0].message, "unknown rule 'no-such-rule' in migrate:ignore (see migrate explain --list)");
}

TEST(LintSettingsTest, DisabledRulesDoNotRun) {
  LintSettings s;
  s.disabled_rules = {"truncate"};
  FileReport r = AnalyzeText(kUsersSetup, "-- migrate:contract requires-app=2\nTRUNCATE users;\n", s);
  EXPECT_TRUE(Rules(r).empty());
  FileReport unchanged = AnalyzeText(kUsersSetup, "-- migrate:contract requires-app=2\nTRUNCATE users;\n");
  EXPECT_EQ(Rules(unchanged), std::vector<std::string>{"truncate"});
}

TEST(LintSettingsTest, DisabledUnusedIgnore) {
  LintSettings s;
  s.disabled_rules = {"unused-ignore"};
  FileReport r = AnalyzeText(kUsersSetup, "-- migrate:ignore truncate reason=\"x\"\nALTER TABLE users ADD COLUMN a int;\n", s);
  EXPECT_TRUE(Rules(r).empty());
}

TEST(LintSettingsTest, SeverityOverrides) {
  LintSettings s;
  s.severity_overrides = {{"truncate", Severity::kWarning}, {"unanalyzed-statement", Severity::kError}};
  FileReport r = AnalyzeText(kUsersSetup,
                             "-- migrate:contract requires-app=2\nTRUNCATE users;\nREFRESH MATERIALIZED VIEW v;\n", s);
  ASSERT_EQ(r.statements.size(), 2u);
  ASSERT_EQ(r.statements[0].findings.size(), 1u);
  EXPECT_EQ(r.statements[0].findings[0].rule, "truncate");
  EXPECT_EQ(r.statements[0].findings[0].severity, Severity::kWarning);
  ASSERT_EQ(r.statements[1].findings.size(), 1u);
  EXPECT_EQ(r.statements[1].findings[0].rule, "unanalyzed-statement");
  EXPECT_EQ(r.statements[1].findings[0].severity, Severity::kError);
}

TEST(LintSettingsTest, SeverityOverrideOfUnusedIgnore) {
  LintSettings s;
  s.severity_overrides = {{"unused-ignore", Severity::kError}};
  FileReport r = AnalyzeText(kUsersSetup, "-- migrate:ignore truncate reason=\"x\"\nALTER TABLE users ADD COLUMN a int;\n", s);
  ASSERT_EQ(r.statements.size(), 1u);
  ASSERT_EQ(r.statements[0].findings.size(), 1u);
  EXPECT_EQ(r.statements[0].findings[0].severity, Severity::kError);
}

TEST(PostgresVersionTest, SetNotNullWithValidatedCheck) {
  const std::string file =
      "-- migrate:contract requires-app=2.0.0\n"
      "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n";
  const std::string setup = std::string(kUsersSetup) +
                            "\nALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;"
                            "\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;";
  LintSettings pg15;
  pg15.postgres_version = 15;
  EXPECT_EQ(CountFindings(AnalyzeText(setup, file, pg15), "set-not-null-without-check"), 0);
  LintSettings pg12;
  pg12.postgres_version = 12;
  EXPECT_EQ(CountFindings(AnalyzeText(setup, file, pg12), "set-not-null-without-check"), 0);
  LintSettings pg11;
  pg11.postgres_version = 11;
  FileReport old = AnalyzeText(setup, file, pg11);
  ASSERT_EQ(CountFindings(old, "set-not-null-without-check"), 1);
  EXPECT_NE(old.statements[0].findings[0].message.find("PostgreSQL 11"), std::string::npos)
      << old.statements[0].findings[0].message;
  // Without the CHECK it fires on every version.
  EXPECT_EQ(CountFindings(AnalyzeText(kUsersSetup, file, pg15), "set-not-null-without-check"), 1);
}

TEST(PostgresVersionTest, ConstantDefaultRewritesBefore11) {
  const std::string file = "ALTER TABLE users ADD COLUMN score int DEFAULT 0;\n";
  LintSettings pg10;
  pg10.postgres_version = 10;
  FileReport old = AnalyzeText(kUsersSetup, file, pg10);
  ASSERT_EQ(CountFindings(old, "volatile-default"), 1);
  EXPECT_NE(old.statements[0].findings[0].message.find("before PostgreSQL 11"), std::string::npos);
  LintSettings pg11;
  pg11.postgres_version = 11;
  EXPECT_EQ(CountFindings(AnalyzeText(kUsersSetup, file, pg11), "volatile-default"), 0);
  EXPECT_EQ(CountFindings(AnalyzeText(kUsersSetup, file), "volatile-default"), 0);  // default: 15
  // A volatile default rewrites on every version.
  EXPECT_EQ(CountFindings(AnalyzeText(kUsersSetup, "ALTER TABLE users ADD COLUMN u uuid DEFAULT gen_random_uuid();"),
                          "volatile-default"),
            1);
}

TEST(AnalyzerTest, StatementReportsCarryPositionSectionClassAndLock) {
  FileReport r = AnalyzeText(kUsersSetup,
                             "-- migrate:expand\n"
                             "ALTER TABLE users ADD COLUMN full_name text;\n"
                             "-- migrate:backfill\n"
                             "  UPDATE users SET full_name = name WHERE full_name IS NULL;\n"
                             "-- migrate:contract requires-app=2.0.0\n"
                             "ALTER TABLE users DROP COLUMN name;\n");
  EXPECT_EQ(r.path, "test.sql");
  EXPECT_EQ(r.dialect, Dialect::kPostgres);
  ASSERT_EQ(r.statements.size(), 3u);
  EXPECT_EQ(r.statements[0].pos.line, 2);
  EXPECT_EQ(r.statements[0].section, SectionKind::kExpand);
  EXPECT_EQ(r.statements[0].cls, ChangeClass::kExpand);
  ASSERT_TRUE(r.statements[0].lock);
  EXPECT_EQ(r.statements[0].lock->level, "ACCESS EXCLUSIVE");
  EXPECT_EQ(r.statements[1].pos.line, 4);
  EXPECT_EQ(r.statements[1].pos.column, 3);
  EXPECT_EQ(r.statements[1].section, SectionKind::kBackfill);
  EXPECT_EQ(r.statements[1].cls, ChangeClass::kBackfill);
  ASSERT_TRUE(r.statements[1].lock);
  EXPECT_EQ(r.statements[1].lock->level, "ROW EXCLUSIVE");
  EXPECT_EQ(r.statements[2].section, SectionKind::kContract);
  EXPECT_EQ(r.statements[2].cls, ChangeClass::kContract);
  EXPECT_TRUE(Rules(r).empty());
}

TEST(AnalyzerTest, FileWithInputErrorsIsNotAnalysed) {
  Schema schema;
  MigrationFile file = testing::LoadPg("TRUNCATE users;\nSELECT 'unterminated;\n");
  ASSERT_FALSE(file.errors.empty());
  FileReport r = AnalyzeFile(file, &schema, {});
  EXPECT_TRUE(r.statements.empty());
  EXPECT_EQ(r.errors.size(), file.errors.size());
}

TEST(AnalyzerTest, NewTableExemptionEndsWithTheSection) {
  // A table created in the expand section is "existing" in the contract section.
  FileReport r = AnalyzeText("",
                             "CREATE TABLE t (id int, a text);\n"
                             "CREATE INDEX t_a_idx ON t (a);\n"
                             "-- migrate:contract requires-app=2\n"
                             "TRUNCATE t;\n");
  EXPECT_EQ(Rules(r), std::vector<std::string>{"truncate"});
}

TEST(AnalyzerTest, SchemaIsUpdatedAsTheFileGoes) {
  Schema schema;
  ReplayFile(testing::LoadPg(kUsersSetup, "setup.sql"), &schema);
  MigrationFile file = testing::LoadPg("ALTER TABLE users ADD COLUMN age int;\nALTER TABLE users RENAME TO people;\n");
  AnalyzeFile(file, &schema, {});
  EXPECT_EQ(schema.FindTable("users"), nullptr);
  ASSERT_NE(schema.FindTable("people"), nullptr);
  EXPECT_NE(schema.FindTable("people")->FindColumn("age"), nullptr);
}

}  // namespace
}  // namespace migrate
