#include "report/report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

#include "analysis/rule.h"
#include "analysis/rule_docs.h"
#include "base/version.h"

namespace migrate {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

const char* kMsg1 = "ALTER TABLE users DROP COLUMN name removes something, 100% sure: yes";
const char* kSugg1 = "move it into a section that waits for the gate:\n  -- migrate:contract requires-app=2.0.0";
const char* kMsg2 = "not analysed: migrate does not model CREATE RULE";
const char* kBadPath = "migrations/0003 bad,name:x.sql";

LintReport SampleReport() {
  LintReport r;
  FileReport f1;
  f1.path = "migrations/0002_change.sql";
  f1.dialect = Dialect::kPostgres;
  StatementReport s1;
  s1.pos = {2, 1};
  s1.section = SectionKind::kExpand;
  s1.cls = ChangeClass::kContract;
  s1.lock = LockInfo{"ACCESS EXCLUSIVE", ""};
  s1.findings.push_back({"contract-outside-contract-section", Severity::kError, {2, 1}, kMsg1, kSugg1});
  StatementReport s2;
  s2.pos = {5, 3};
  s2.section = SectionKind::kBackfill;
  s2.cls = ChangeClass::kOther;
  s2.findings.push_back({"unanalyzed-statement", Severity::kWarning, {5, 3}, kMsg2, ""});
  f1.statements = {s1, s2};
  FileReport f2;
  f2.path = kBadPath;
  f2.errors.push_back({{3, 7}, "syntax error at or near \";\""});
  r.files = {f1, f2};
  r.summary = {.files = 2, .statements = 2, .errors = 1, .warnings = 1, .input_errors = 1};
  return r;
}

std::string Render(void (*write)(const LintReport&, std::ostream&), const LintReport& r) {
  std::ostringstream out;
  write(r, out);
  return out.str();
}

std::string RenderText(const LintReport& r, bool color) {
  std::ostringstream out;
  WriteText(r, out, color);
  return out.str();
}

TEST(ParseOutputFormatTest, KnownNames) {
  EXPECT_EQ(ParseOutputFormat("text"), OutputFormat::kText);
  EXPECT_EQ(ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(ParseOutputFormat("sarif"), OutputFormat::kSarif);
  EXPECT_EQ(ParseOutputFormat("github"), OutputFormat::kGithub);
  EXPECT_EQ(ParseOutputFormat("xml"), std::nullopt);
  EXPECT_EQ(ParseOutputFormat("JSON"), std::nullopt);
}

TEST(TextReporterTest, ExactLines) {
  EXPECT_EQ(RenderText(SampleReport(), false),
            "migrations/0002_change.sql:2:1: error[contract-outside-contract-section]: "
            "ALTER TABLE users DROP COLUMN name removes something, 100% sure: yes\n"
            "  suggestion: move it into a section that waits for the gate:\n"
            "    -- migrate:contract requires-app=2.0.0\n"
            "migrations/0002_change.sql:5:3: warning[unanalyzed-statement]: "
            "not analysed: migrate does not model CREATE RULE\n"
            "migrations/0003 bad,name:x.sql:3:7: error: syntax error at or near \";\"\n"
            "2 files, 2 statements: 1 error, 1 warning, 1 input error\n");
}

TEST(TextReporterTest, SummaryPluralsAndNoInputErrors) {
  LintReport r;
  EXPECT_EQ(RenderText(r, false), "0 files, 0 statements: 0 errors, 0 warnings\n");
  r.summary = {.files = 1, .statements = 3, .errors = 2, .warnings = 0, .input_errors = 0};
  EXPECT_EQ(RenderText(r, false), "1 file, 3 statements: 2 errors, 0 warnings\n");
  r.summary.input_errors = 2;
  EXPECT_EQ(RenderText(r, false), "1 file, 3 statements: 2 errors, 0 warnings, 2 input errors\n");
}

TEST(TextReporterTest, ColourOnlyWhenAsked) {
  const std::string plain = RenderText(SampleReport(), false);
  const std::string coloured = RenderText(SampleReport(), true);
  EXPECT_EQ(plain.find('\033'), std::string::npos);
  EXPECT_NE(coloured.find("\033[31m"), std::string::npos);  // errors in red
  EXPECT_NE(coloured.find("\033[33m"), std::string::npos);  // warnings in yellow
  // Without the escape codes the text is the same.
  std::string stripped;
  for (size_t i = 0; i < coloured.size(); ++i) {
    if (coloured[i] == '\033') {
      i = coloured.find('m', i);
      continue;
    }
    stripped += coloured[i];
  }
  EXPECT_EQ(stripped, plain);
}

TEST(JsonReporterTest, StructureFollowsSpec) {
  const std::string text = Render(WriteJson, SampleReport());
  json doc = json::parse(text);
  ASSERT_TRUE(doc.is_object());
  ASSERT_EQ(doc["files"].size(), 2u);
  const json& f = doc["files"][0];
  EXPECT_EQ(f["path"], "migrations/0002_change.sql");
  EXPECT_EQ(f["dialect"], "postgres");
  ASSERT_EQ(f["statements"].size(), 2u);
  const json& s = f["statements"][0];
  EXPECT_EQ(s["line"], 2);
  EXPECT_EQ(s["column"], 1);
  EXPECT_EQ(s["section"], "expand");
  EXPECT_EQ(s["class"], "contract");
  ASSERT_TRUE(s["lock"].is_object());
  EXPECT_EQ(s["lock"], (json{{"level", "ACCESS EXCLUSIVE"}, {"algorithm", nullptr}}));
  EXPECT_TRUE(s["lock"]["algorithm"].is_null());
  ASSERT_EQ(s["findings"].size(), 1u);
  EXPECT_EQ(s["findings"][0], (json{{"rule", "contract-outside-contract-section"},
                                    {"severity", "error"},
                                    {"line", 2},
                                    {"column", 1},
                                    {"message", kMsg1},
                                    {"suggestion", kSugg1}}));
  const json& s2 = f["statements"][1];
  EXPECT_EQ(s2["section"], "backfill");
  EXPECT_EQ(s2["class"], "other");
  EXPECT_FALSE(s2.contains("lock"));  // lock is optional
  EXPECT_EQ(s2["findings"][0]["severity"], "warning");
  EXPECT_EQ(s2["findings"][0]["suggestion"], "");
  EXPECT_EQ(f["errors"], json::array());
  const json& f2 = doc["files"][1];
  EXPECT_EQ(f2["path"], kBadPath);
  EXPECT_EQ(f2["statements"], json::array());
  EXPECT_EQ(f2["errors"], (json::array({{{"line", 3}, {"column", 7}, {"message", "syntax error at or near \";\""}}})));
  EXPECT_EQ(doc["summary"]["files"], 2);
  EXPECT_EQ(doc["summary"]["statements"], 2);
  EXPECT_EQ(doc["summary"]["errors"], 1);
  EXPECT_EQ(doc["summary"]["warnings"], 1);
  EXPECT_EQ(text.back(), '\n');
}

TEST(JsonReporterTest, KeysInSpecOrder) {
  ordered_json doc = ordered_json::parse(Render(WriteJson, SampleReport()));
  auto keys = [](const ordered_json& o) {
    std::vector<std::string> out;
    for (auto it = o.begin(); it != o.end(); ++it) out.push_back(it.key());
    return out;
  };
  EXPECT_EQ(keys(doc)[0], "files");
  EXPECT_EQ(keys(doc)[1], "summary");
  EXPECT_EQ(keys(doc["files"][0]), (std::vector<std::string>{"path", "dialect", "statements", "errors"}));
  EXPECT_EQ(keys(doc["files"][0]["statements"][0]),
            (std::vector<std::string>{"line", "column", "section", "class", "lock", "findings"}));
  EXPECT_EQ(keys(doc["files"][0]["statements"][0]["lock"]), (std::vector<std::string>{"level", "algorithm"}));
  EXPECT_EQ(keys(doc["files"][0]["statements"][0]["findings"][0]),
            (std::vector<std::string>{"rule", "severity", "line", "column", "message", "suggestion"}));
  std::vector<std::string> summary = keys(doc["summary"]);
  ASSERT_GE(summary.size(), 4u);
  EXPECT_EQ(std::vector<std::string>(summary.begin(), summary.begin() + 4),
            (std::vector<std::string>{"files", "statements", "errors", "warnings"}));
}

TEST(JsonReporterTest, MysqlAlgorithmIsAString) {
  LintReport r;
  FileReport f;
  f.path = "m.sql";
  f.dialect = Dialect::kMysql;
  StatementReport s;
  s.pos = {1, 1};
  s.lock = LockInfo{"SHARED", "INPLACE"};
  f.statements.push_back(s);
  r.files.push_back(f);
  json doc = json::parse(Render(WriteJson, r));
  EXPECT_EQ(doc["files"][0]["dialect"], "mysql");
  EXPECT_EQ(doc["files"][0]["statements"][0]["lock"], (json{{"level", "SHARED"}, {"algorithm", "INPLACE"}}));
  EXPECT_EQ(doc["files"][0]["statements"][0]["findings"], json::array());
}

TEST(JsonReporterTest, EmptyReport) {
  json doc = json::parse(Render(WriteJson, LintReport{}));
  EXPECT_EQ(doc["files"], json::array());
  EXPECT_EQ(doc["summary"]["files"], 0);
}

TEST(SarifReporterTest, Sarif210Structure) {
  json doc = json::parse(Render(WriteSarif, SampleReport()));
  EXPECT_EQ(doc["version"], "2.1.0");
  EXPECT_EQ(doc["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_EQ(doc["runs"].size(), 1u);
  const json& run = doc["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "migrate");
  EXPECT_EQ(run["tool"]["driver"]["version"], kMigrateVersion);
  const json& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), AllRules().size());
  for (size_t i = 0; i < AllRules().size(); ++i) {
    const Rule& r = AllRules()[i];
    SCOPED_TRACE(std::string(r.name));
    EXPECT_EQ(rules[i]["id"], std::string(r.name));
    EXPECT_EQ(rules[i]["shortDescription"]["text"], std::string(r.summary));
    const std::string help = rules[i]["help"]["text"];
    EXPECT_FALSE(help.empty());
    EXPECT_EQ(help, std::string(RuleDoc(r.name)));
    EXPECT_EQ(rules[i]["defaultConfiguration"]["level"], SeverityName(r.severity));
  }
  const json& results = run["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["ruleId"], "contract-outside-contract-section");
  const int index = results[0]["ruleIndex"];
  EXPECT_EQ(rules[index]["id"], "contract-outside-contract-section");
  EXPECT_EQ(results[0]["level"], "error");
  EXPECT_EQ(results[0]["message"]["text"], std::string(kMsg1) + "\nSuggestion: " + kSugg1);
  const json& loc = results[0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "migrations/0002_change.sql");
  EXPECT_EQ(loc["region"]["startLine"], 2);
  EXPECT_EQ(loc["region"]["startColumn"], 1);
  EXPECT_EQ(results[1]["ruleId"], "unanalyzed-statement");
  EXPECT_EQ(results[1]["level"], "warning");
  EXPECT_EQ(results[1]["message"]["text"], kMsg2);  // no suggestion, no "Suggestion:" line
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["region"]["startLine"], 5);
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["region"]["startColumn"], 3);
}

TEST(SarifReporterTest, InputErrorsAreToolExecutionNotifications) {
  json doc = json::parse(Render(WriteSarif, SampleReport()));
  const json& inv = doc["runs"][0]["invocations"];
  ASSERT_EQ(inv.size(), 1u);
  EXPECT_EQ(inv[0]["executionSuccessful"], false);
  const json& notes = inv[0]["toolExecutionNotifications"];
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]["level"], "error");
  EXPECT_EQ(notes[0]["message"]["text"], "syntax error at or near \";\"");
  const json& loc = notes[0]["locations"][0]["physicalLocation"];
  // A URI reference: space, ',' and ':' percent-encoded.
  EXPECT_EQ(loc["artifactLocation"]["uri"], "migrations/0003%20bad%2Cname%3Ax.sql");
  EXPECT_EQ(loc["region"]["startLine"], 3);
  EXPECT_EQ(loc["region"]["startColumn"], 7);
}

TEST(SarifReporterTest, CleanRunAndAbsolutePaths) {
  LintReport r;
  FileReport f;
  f.path = "/tmp/m/0001_a.sql";
  StatementReport s;
  s.pos = {1, 1};
  s.findings.push_back({"truncate", Severity::kError, {1, 1}, "m", "s"});
  f.statements.push_back(s);
  r.files.push_back(f);
  json doc = json::parse(Render(WriteSarif, r));
  EXPECT_EQ(doc["runs"][0]["invocations"][0]["executionSuccessful"], true);
  EXPECT_EQ(doc["runs"][0]["invocations"][0]["toolExecutionNotifications"], json::array());
  EXPECT_EQ(doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "file:///tmp/m/0001_a.sql");
}

TEST(GithubReporterTest, AnnotationLines) {
  EXPECT_EQ(Render(WriteGithub, SampleReport()),
            "::error file=migrations/0002_change.sql,line=2,col=1,title=migrate contract-outside-contract-section::"
            "ALTER TABLE users DROP COLUMN name removes something, 100%25 sure: yes%0ASuggestion: move it into a "
            "section that waits for the gate:%0A  -- migrate:contract requires-app=2.0.0\n"
            "::warning file=migrations/0002_change.sql,line=5,col=3,title=migrate unanalyzed-statement::"
            "not analysed: migrate does not model CREATE RULE\n"
            "::error file=migrations/0003 bad%2Cname%3Ax.sql,line=3,col=7,title=migrate input error::"
            "syntax error at or near \";\"\n");
}

TEST(GithubReporterTest, CarriageReturnsAndPercentInData) {
  LintReport r;
  FileReport f;
  f.path = "a%b.sql";
  StatementReport s;
  s.findings.push_back({"truncate", Severity::kWarning, {4, 2}, "x\r\ny", ""});
  f.statements.push_back(s);
  r.files.push_back(f);
  EXPECT_EQ(Render(WriteGithub, r), "::warning file=a%25b.sql,line=4,col=2,title=migrate truncate::x%0D%0Ay\n");
  EXPECT_EQ(Render(WriteGithub, LintReport{}), "");
}

}  // namespace
}  // namespace migrate
