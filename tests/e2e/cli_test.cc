// End-to-end tests of the migrate binary (SPEC §3 commands, options and exit codes; §4 JSON):
// each test runs the built binary as a subprocess in a fresh temporary directory.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "drivers/driver.h"
#include "e2e/run_binary.h"

namespace migrate::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kBinary = MIGRATE_BINARY;

// A statement every rule accepts, one with an error finding, and input errors.
constexpr const char* kClean = "CREATE TABLE accounts (id bigint PRIMARY KEY, name text);\n";
constexpr const char* kRename = "ALTER TABLE users RENAME COLUMN a TO b;\n";
constexpr const char* kSyntax = "SELECT 1;\nCREATE TABLE (;\n";  // error at line 2, column 14
constexpr const char* kBadDirective = "-- migrate:frobnicate\nSELECT 1;\n";

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// An app's connection to a test database: statements that must succeed, and single values.
class AppConnection {
 public:
  explicit AppConnection(const std::string& url) {
    Result<DatabaseUrl> parsed = ParseDatabaseUrl(url);
    EXPECT_TRUE(parsed.ok()) << url;
    if (!parsed.ok()) return;
    Result<std::unique_ptr<Connection>> c = Connect(*parsed);
    EXPECT_TRUE(c.ok()) << c.status().message();
    if (c.ok()) conn_ = std::move(c).value();
  }
  bool ok() const { return conn_ != nullptr; }
  Connection& conn() { return *conn_; }
  void Exec(const std::string& sql) {
    Status st = conn_->Execute(sql);
    EXPECT_TRUE(st.ok()) << sql << ": " << st.message();
  }
  // The first column of the first row, "<none>" for no row, NULL or an error.
  std::string Value(const std::string& sql) {
    Result<Rows> rows = conn_->Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status().message();
    if (!rows.ok() || rows->rows.empty() || !rows->rows[0][0]) return "<none>";
    return *rows->rows[0][0];
  }

 private:
  std::unique_ptr<Connection> conn_;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "migrate-e2e-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Writes `text` to `rel` under the temp directory, creating parent folders.
  void Write(const std::string& rel, const std::string& text) {
    fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }

  // Runs migrate with `args` in the temp directory (or `cwd` under it), with no database URL or
  // NO_COLOR inherited from the environment that runs the tests.
  RunResult Migrate(const std::vector<std::string>& args, RunOptions opts = {}) {
    std::vector<std::string> argv = {kBinary};
    argv.insert(argv.end(), args.begin(), args.end());
    opts.cwd = opts.cwd.empty() ? dir_.string() : (dir_ / opts.cwd).string();
    for (const char* var : {"MIGRATE_DATABASE_URL", "DATABASE_URL", "NO_COLOR"}) {
      if (!opts.env.count(var)) opts.env[var] = std::nullopt;
    }
    opts.timeout = std::chrono::seconds(30);
    RunResult r = RunBinary(argv, opts);
    EXPECT_FALSE(r.start_failed) << r.err;
    EXPECT_FALSE(r.timed_out) << "migrate timed out";
    EXPECT_TRUE(r.exited || r.timed_out) << "migrate crashed: " << r.Describe();
    return r;
  }

  // Runs a lint that must print JSON on stdout and parses it.
  json LintJson(const std::vector<std::string>& paths, int expected_exit, RunOptions opts = {}) {
    std::vector<std::string> args = {"lint", "--dialect", "postgres", "--format", "json"};
    args.insert(args.end(), paths.begin(), paths.end());
    RunResult r = Migrate(args, opts);
    EXPECT_EQ(r.exit_code, expected_exit) << r.Describe() << "\nstdout: " << r.out;
    json doc = json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(doc.is_discarded()) << "stdout is not JSON:\n" << r.out;
    return doc;
  }

  static const json* FileEntry(const json& doc, const std::string& path) {
    for (const json& f : doc.at("files")) {
      if (f.at("path") == path) return &f;
    }
    return nullptr;
  }

  static std::vector<std::string> RulesOf(const json& file) {
    std::vector<std::string> rules;
    for (const json& st : file.at("statements")) {
      for (const json& f : st.at("findings")) rules.push_back(f.at("rule").get<std::string>());
    }
    return rules;
  }

  static bool HasRule(const json& file, const std::string& rule) {
    for (const std::string& r : RulesOf(file)) {
      if (r == rule) return true;
    }
    return false;
  }

  fs::path dir_;
};

// ---- Global behaviour -------------------------------------------------------------------------

TEST_F(CliTest, HelpExitsZeroAndListsCommands) {
  RunResult r = Migrate({"--help"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "lint")) << r.out;
  EXPECT_TRUE(Contains(r.out, "explain")) << r.out;
}

TEST_F(CliTest, VersionPrintsVersion) {
  RunResult r = Migrate({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_EQ(Lines(r.out), std::vector<std::string>{"migrate 0.1.0"});
}

TEST_F(CliTest, UnknownCommandIsUsageError) {
  RunResult r = Migrate({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(r.err.empty());
}

TEST_F(CliTest, UnknownOptionIsUsageErrorBeforeAndAfterCommand) {
  Write("x.sql", kClean);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--frobnicate", "lint", "--dialect", "postgres", "x.sql"},
        std::vector<std::string>{"lint", "--dialect", "postgres", "--frobnicate", "x.sql"}}) {
    RunResult r = Migrate(args);
    EXPECT_EQ(r.exit_code, 2) << r.Describe();
    EXPECT_TRUE(Contains(r.err, "--frobnicate")) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST_F(CliTest, UnknownFormatOrDialectIsUsageError) {
  Write("x.sql", kClean);
  RunResult r = Migrate({"lint", "--dialect", "postgres", "--format", "xml", "x.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "--format")) << r.err;
  r = Migrate({"lint", "--dialect", "oracle", "x.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "--dialect")) << r.err;
}

// ---- lint: exit codes -------------------------------------------------------------------------

TEST_F(CliTest, LintWithoutDialectIsUsageError) {
  Write("x.sql", kClean);
  RunResult r = Migrate({"lint", "x.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "dialect")) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(CliTest, LintCleanFileExitsZero) {
  Write("x.sql", kClean);
  RunResult r = Migrate({"lint", "--dialect", "postgres", "x.sql"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe() << r.out;
  EXPECT_TRUE(Contains(r.out, "0 errors")) << r.out;
}

TEST_F(CliTest, LintErrorFindingExitsOne) {
  Write("x.sql", kRename);
  RunResult r = Migrate({"lint", "--dialect", "postgres", "x.sql"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe() << r.out;
  EXPECT_TRUE(Contains(r.out, "x.sql:1:1:")) << r.out;
  EXPECT_TRUE(Contains(r.out, "rename-column")) << r.out;
}

TEST_F(CliTest, LintSyntaxErrorExitsTwoAndNamesFileLineColumn) {
  Write("syn.sql", kSyntax);
  RunResult r = Migrate({"lint", "--dialect", "postgres", "syn.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe() << r.out;
  EXPECT_TRUE(Contains(r.out, "syn.sql:2:14:")) << r.out;
  EXPECT_TRUE(Contains(r.out, "syntax error")) << r.out;
}

TEST_F(CliTest, LintBadDirectiveExitsTwo) {
  Write("dir.sql", kBadDirective);
  RunResult r = Migrate({"lint", "--dialect", "postgres", "dir.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe() << r.out;
  EXPECT_TRUE(Contains(r.out, "dir.sql:1:")) << r.out;
  EXPECT_TRUE(Contains(r.out, "migrate:frobnicate")) << r.out;
}

TEST_F(CliTest, LintMisnamedSqlFileInDirectoryExitsTwo) {
  Write("migrations/0001_create.sql", kClean);
  Write("migrations/README.sql", "SELECT 1;\n");
  json doc = LintJson({"migrations"}, 2);
  const json* bad = FileEntry(doc, "migrations/README.sql");
  ASSERT_NE(bad, nullptr) << doc.dump(2);
  ASSERT_EQ(bad->at("errors").size(), 1u) << bad->dump(2);
  const json* good = FileEntry(doc, "migrations/0001_create.sql");
  ASSERT_NE(good, nullptr) << "the well-named file must still be linted: " << doc.dump(2);
  EXPECT_EQ(good->at("statements").size(), 1u);
}

TEST_F(CliTest, LintMissingPathExitsTwo) {
  RunResult r = Migrate({"lint", "--dialect", "postgres", "nope.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe() << r.out;
  EXPECT_TRUE(Contains(r.out, "nope.sql")) << r.out;
}

TEST_F(CliTest, LintDefaultsToMigrationsDirectoryAndDirOption) {
  Write("migrations/0001_rename.sql", kRename);
  Write("other/0001_clean.sql", kClean);
  RunResult r = Migrate({"lint", "--dialect", "postgres"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe() << r.out;
  EXPECT_TRUE(Contains(r.out, "0001_rename.sql")) << r.out;
  r = Migrate({"--dir", "other", "lint", "--dialect", "postgres"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe() << r.out;
}

// ---- Options before or after the command; configuration ---------------------------------------

TEST_F(CliTest, OptionsWorkBeforeAndAfterCommandName) {
  Write("x.sql", kRename);
  RunResult after = Migrate({"lint", "--dialect", "postgres", "--format", "json", "x.sql"});
  RunResult before = Migrate({"--dialect", "postgres", "--format", "json", "lint", "x.sql"});
  RunResult mixed = Migrate({"--format", "json", "lint", "x.sql", "--dialect", "postgres"});
  for (const RunResult* r : {&after, &before, &mixed}) {
    EXPECT_EQ(r->exit_code, 1) << r->Describe() << r->out;
    EXPECT_FALSE(json::parse(r->out, nullptr, false).is_discarded()) << r->out;
  }
  EXPECT_EQ(after.out, before.out);
  EXPECT_EQ(after.out, mixed.out);
}

TEST_F(CliTest, DialectFromMigrateTomlInWorkingDirectory) {
  Write("x.sql", kRename);
  Write("migrate.toml", "dialect = \"postgres\"\n");
  RunResult r = Migrate({"lint", "x.sql"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe() << r.out;
  EXPECT_TRUE(Contains(r.out, "rename-column")) << r.out;
}

TEST_F(CliTest, DialectFromConfigFlag) {
  Write("x.sql", kRename);
  Write("conf/ci.toml", "dialect = \"postgres\"\n");
  // Not found in the working directory: without --config there is no dialect.
  EXPECT_EQ(Migrate({"lint", "x.sql"}).exit_code, 2);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--config", "conf/ci.toml", "lint", "x.sql"},
                                                std::vector<std::string>{"lint", "--config", "conf/ci.toml", "x.sql"}}) {
    RunResult r = Migrate(args);
    EXPECT_EQ(r.exit_code, 1) << r.Describe() << r.out;
    EXPECT_TRUE(Contains(r.out, "rename-column")) << r.out;
  }
}

TEST_F(CliTest, CommandLineDialectOverridesConfig) {
  Write("x.sql", kClean);
  Write("migrate.toml", "dialect = \"mysql\"\n");
  RunResult r = Migrate({"lint", "--dialect", "postgres", "x.sql"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe() << r.out;
}

TEST_F(CliTest, ConfigErrorsExitTwoNamingFileAndLine) {
  Write("x.sql", kClean);
  Write("migrate.toml", "# settings\ndialect = \"postgres\"\nfrobnicate = 1\n");
  RunResult r = Migrate({"lint", "x.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "migrate.toml:3")) << r.err;
  EXPECT_TRUE(Contains(r.err, "frobnicate")) << r.err;
  EXPECT_EQ(r.out, "");

  Write("bad.toml", "\ndialect = \"oracle\"\n");
  r = Migrate({"--config", "bad.toml", "lint", "x.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "bad.toml:2")) << r.err;

  Write("broken.toml", "\n\ndialect = \n");  // TOML syntax error
  r = Migrate({"--config", "broken.toml", "lint", "x.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "broken.toml:3")) << r.err;

  r = Migrate({"--config", "missing.toml", "lint", "x.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "missing.toml")) << r.err;
}

// ---- Report formats ---------------------------------------------------------------------------

TEST_F(CliTest, JsonReportHasTheSpecStructure) {
  Write("a.sql",
        "-- migrate:expand\n"
        "CREATE TABLE accounts (id bigint PRIMARY KEY);\n"
        "\n"
        "  CREATE INDEX accounts_id ON users (id);\n"
        "ALTER TABLE users RENAME COLUMN a TO b;\n");
  Write("b.sql", kSyntax);
  json doc = LintJson({"a.sql", "b.sql"}, 2);
  ASSERT_TRUE(doc.is_object());
  ASSERT_TRUE(doc.contains("files") && doc["files"].is_array());
  ASSERT_EQ(doc["files"].size(), 2u) << doc.dump(2);

  int statements = 0, errors = 0, warnings = 0;
  for (const json& f : doc["files"]) {
    ASSERT_TRUE(f.at("path").is_string());
    EXPECT_EQ(f.at("dialect"), "postgres");
    ASSERT_TRUE(f.at("statements").is_array());
    ASSERT_TRUE(f.at("errors").is_array());
    for (const json& st : f["statements"]) {
      ++statements;
      EXPECT_TRUE(st.at("line").is_number_integer());
      EXPECT_TRUE(st.at("column").is_number_integer());
      EXPECT_TRUE(std::set<std::string>({"expand", "backfill", "contract"}).count(st.at("section").get<std::string>()))
          << st.dump();
      EXPECT_TRUE(std::set<std::string>({"expand", "backfill", "contract", "breaking", "other"})
                      .count(st.at("class").get<std::string>()))
          << st.dump();
      if (st.contains("lock")) {
        EXPECT_TRUE(st["lock"].at("level").is_string()) << st.dump();
        EXPECT_TRUE(st["lock"].contains("algorithm")) << st.dump();
      }
      ASSERT_TRUE(st.at("findings").is_array());
      for (const json& fd : st["findings"]) {
        EXPECT_TRUE(fd.at("rule").is_string());
        const std::string sev = fd.at("severity").get<std::string>();
        EXPECT_TRUE(sev == "error" || sev == "warning") << sev;
        (sev == "error" ? errors : warnings)++;
        EXPECT_TRUE(fd.at("line").is_number_integer());
        EXPECT_TRUE(fd.at("column").is_number_integer());
        EXPECT_TRUE(fd.at("message").is_string());
        EXPECT_TRUE(fd.at("suggestion").is_string());
      }
    }
    for (const json& e : f["errors"]) {
      EXPECT_TRUE(e.at("line").is_number_integer());
      EXPECT_TRUE(e.at("column").is_number_integer());
      EXPECT_TRUE(e.at("message").is_string());
    }
  }
  const json& sum = doc.at("summary");
  EXPECT_EQ(sum.at("files"), 2);
  EXPECT_EQ(sum.at("statements"), statements);
  EXPECT_EQ(sum.at("errors"), errors);
  EXPECT_EQ(sum.at("warnings"), warnings);

  // a.sql: the statements, in order, with line = the first token's line (after directives and
  // indentation) and the class and lock of each.
  const json* a = FileEntry(doc, "a.sql");
  ASSERT_NE(a, nullptr);
  const json& st = a->at("statements");
  ASSERT_EQ(st.size(), 3u) << a->dump(2);
  EXPECT_EQ(st[0]["line"], 2);
  EXPECT_EQ(st[0]["column"], 1);
  EXPECT_EQ(st[0]["class"], "expand");
  EXPECT_EQ(st[1]["line"], 4);
  EXPECT_EQ(st[1]["column"], 3);
  EXPECT_EQ(st[1]["lock"]["level"], "SHARE");
  EXPECT_TRUE(st[1]["lock"]["algorithm"].is_null());
  EXPECT_EQ(st[1]["findings"].at(0)["rule"], "create-index-without-concurrently");
  EXPECT_EQ(st[2]["class"], "breaking");
  EXPECT_EQ(st[2]["findings"].at(0)["rule"], "rename-column");
  EXPECT_EQ(st[2]["findings"].at(0)["line"], 5);
  EXPECT_TRUE(a->at("errors").empty());

  // b.sql: the input error, at the right place.
  const json* b = FileEntry(doc, "b.sql");
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(b->at("errors").size(), 1u) << b->dump(2);
  EXPECT_EQ(b->at("errors")[0]["line"], 2);
  EXPECT_EQ(b->at("errors")[0]["column"], 14);
  EXPECT_TRUE(Contains(b->at("errors")[0]["message"].get<std::string>(), "syntax error"));
}

TEST_F(CliTest, JsonSectionsFollowDirectives) {
  Write("s.sql",
        "-- migrate:expand\n"
        "ALTER TABLE users ADD COLUMN full_name varchar(255);\n"
        "\n"
        "-- migrate:backfill batch=5000\n"
        "UPDATE users SET full_name = name WHERE full_name IS NULL;\n"
        "\n"
        "-- migrate:contract requires-app=2.0.0\n"
        "ALTER TABLE users DROP COLUMN name;\n");
  json doc = LintJson({"s.sql"}, 0);
  const json& st = doc.at("files").at(0).at("statements");
  ASSERT_EQ(st.size(), 3u) << doc.dump(2);
  const char* kinds[] = {"expand", "backfill", "contract"};
  const int lines[] = {2, 5, 8};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(st[i]["section"], kinds[i]);
    EXPECT_EQ(st[i]["class"], kinds[i]);
    EXPECT_EQ(st[i]["line"], lines[i]);
    EXPECT_TRUE(st[i]["findings"].empty()) << st[i].dump();
  }
}

TEST_F(CliTest, SarifReportIsSarif210WithResults) {
  Write("x.sql", kRename);
  Write("y.sql", kSyntax);
  RunResult r = Migrate({"lint", "--dialect", "postgres", "--format", "sarif", "x.sql", "y.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  json doc = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  EXPECT_EQ(doc.at("version"), "2.1.0");
  EXPECT_TRUE(Contains(doc.at("$schema").get<std::string>(), "sarif")) << doc.at("$schema");
  ASSERT_EQ(doc.at("runs").size(), 1u);
  const json& run = doc["runs"][0];
  const json& driver = run.at("tool").at("driver");
  EXPECT_EQ(driver.at("name"), "migrate");
  EXPECT_EQ(driver.at("version"), "0.1.0");
  const json& rules = driver.at("rules");
  ASSERT_FALSE(rules.empty());
  const json& results = run.at("results");
  ASSERT_EQ(results.size(), 1u) << results.dump(2);
  const json& res = results[0];
  EXPECT_EQ(res.at("ruleId"), "rename-column");
  EXPECT_EQ(res.at("level"), "error");
  EXPECT_FALSE(res.at("message").at("text").get<std::string>().empty());
  ASSERT_TRUE(res.contains("ruleIndex"));
  EXPECT_EQ(rules.at(res["ruleIndex"].get<size_t>()).at("id"), "rename-column");
  const json& loc = res.at("locations").at(0).at("physicalLocation");
  EXPECT_EQ(loc.at("artifactLocation").at("uri"), "x.sql");
  EXPECT_EQ(loc.at("region").at("startLine"), 1);
  EXPECT_EQ(loc.at("region").at("startColumn"), 1);
  // The input error is reported too (as a tool execution notification).
  EXPECT_TRUE(Contains(run.dump(), "syntax error")) << run.dump(2);
}

TEST_F(CliTest, GithubReportLinesAreWorkflowCommands) {
  Write("x.sql", kRename);
  Write("y.sql", kSyntax);
  Write("z.sql", kClean);
  RunResult r = Migrate({"lint", "--dialect", "postgres", "--format", "github", "x.sql", "y.sql", "z.sql"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  for (const std::string& line : lines) {
    EXPECT_TRUE(line.rfind("::error file=", 0) == 0 || line.rfind("::warning file=", 0) == 0) << line;
  }
  EXPECT_TRUE(Contains(r.out, "::error file=x.sql,line=1,col=1,")) << r.out;
  EXPECT_TRUE(Contains(r.out, "::error file=y.sql,line=2,col=14,")) << r.out;
}

TEST_F(CliTest, StdoutHoldsOnlyTheReport) {
  Write("x.sql", kRename);
  // With debug logging on, the log goes to stderr and stdout still parses as one JSON document.
  RunResult r = Migrate({"-v", "lint", "--dialect", "postgres", "--format", "json", "x.sql"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_FALSE(json::parse(r.out, nullptr, false).is_discarded()) << r.out;
  EXPECT_FALSE(r.err.empty()) << "expected debug logging on stderr";
  EXPECT_FALSE(Contains(r.out, "debug")) << r.out;
  // Without -v, a lint writes nothing to stderr.
  r = Migrate({"lint", "--dialect", "postgres", "--format", "json", "x.sql"});
  EXPECT_EQ(r.err, "");
  // Usage errors go to stderr, not stdout.
  r = Migrate({"lint", "x.sql"});
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(r.err.empty());
}

// ---- explain ----------------------------------------------------------------------------------

TEST_F(CliTest, ExplainPrintsTheRulePage) {
  RunResult r = Migrate({"explain", "rename-column"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_EQ(r.out.rfind("# rename-column", 0), 0u) << r.out.substr(0, 200);
}

TEST_F(CliTest, ExplainUnknownRuleExitsTwo) {
  RunResult r = Migrate({"explain", "no-such-rule"});
  EXPECT_EQ(r.exit_code, 2) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "no-such-rule")) << r.err;
  EXPECT_EQ(Migrate({"explain"}).exit_code, 2);
}

TEST_F(CliTest, ExplainListListsEveryRuleAndEachHasAPage) {
  RunResult r = Migrate({"explain", "--list"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  std::set<std::string> listed;
  for (const std::string& line : Lines(r.out)) {
    if (!line.empty()) listed.insert(line.substr(0, line.find(' ')));
  }
  // Every rule page in docs/rules is listed, and every listed rule has its page.
  std::set<std::string> documented;
  for (const auto& e : fs::directory_iterator(fs::path(MIGRATE_SOURCE_DIR) / "docs" / "rules")) {
    if (e.path().extension() == ".md") documented.insert(e.path().stem().string());
  }
  EXPECT_EQ(listed, documented);
  for (const std::string& rule : listed) {
    RunResult page = Migrate({"explain", rule});
    EXPECT_EQ(page.exit_code, 0) << rule << ": " << page.Describe();
    EXPECT_EQ(page.out.rfind("# " + rule, 0), 0u) << rule << ": " << page.out.substr(0, 100);
  }
}

// ---- Paths: directories as one history, versioned files, several paths -------------------------

TEST_F(CliTest, DirectoryIsOneHistory) {
  // The table comes from an earlier migration: an index on it is on an existing table.
  Write("m/0001_create.sql", "CREATE TABLE t (id int);\n");
  Write("m/0002_index.sql", "CREATE INDEX t_id ON t (id);\n");
  json doc = LintJson({"m"}, 1);
  ASSERT_EQ(doc.at("files").size(), 2u) << doc.dump(2);
  EXPECT_EQ(doc["files"][0]["path"], "m/0001_create.sql");  // version order
  const json* idx = FileEntry(doc, "m/0002_index.sql");
  ASSERT_NE(idx, nullptr);
  EXPECT_TRUE(HasRule(*idx, "create-index-without-concurrently")) << idx->dump(2);

  // The same two statements in one expand section: the table is new, no lock finding.
  Write("n/0001_create.sql", "CREATE TABLE t (id int);\nCREATE INDEX t_id ON t (id);\n");
  doc = LintJson({"n"}, 0);
  EXPECT_TRUE(RulesOf(doc.at("files").at(0)).empty()) << doc.dump(2);
  doc = LintJson({"n/0001_create.sql"}, 0);
  EXPECT_TRUE(RulesOf(doc.at("files").at(0)).empty()) << doc.dump(2);
}

TEST_F(CliTest, DirectoryOrderIsNumericNotLexical) {
  // 9 < 10 numerically: the table is created (v9) before it is widened (v10).
  Write("m/9_create.sql", "CREATE TABLE t (id int, name varchar(10));\n");
  Write("m/10_widen.sql", "ALTER TABLE t ALTER COLUMN name TYPE varchar(20);\n");
  json doc = LintJson({"m"}, 0);
  ASSERT_EQ(doc.at("files").size(), 2u);
  EXPECT_EQ(doc["files"][0]["path"], "m/9_create.sql");
  EXPECT_EQ(doc["files"][1]["path"], "m/10_widen.sql");
}

TEST_F(CliTest, VersionedFileAloneIsJudgedAgainstLowerVersions) {
  Write("m/0001_create.sql", "CREATE TABLE t (id int, name varchar(10));\n");
  Write("m/0002_widen.sql", "ALTER TABLE t ALTER COLUMN name TYPE varchar(20);\n");
  // A higher version must not be replayed: had it been, 0002 would narrow 100 → 20.
  Write("m/0010_widen_more.sql", "ALTER TABLE t ALTER COLUMN name TYPE varchar(100);\n");
  json doc = LintJson({"m/0002_widen.sql"}, 0);
  ASSERT_EQ(doc.at("files").size(), 1u) << "only the named file is reported: " << doc.dump(2);
  EXPECT_TRUE(RulesOf(doc["files"][0]).empty()) << doc.dump(2);

  // From inside the directory too.
  RunOptions in_dir;
  in_dir.cwd = "m";
  doc = LintJson({"0002_widen.sql"}, 0, in_dir);
  EXPECT_TRUE(RulesOf(doc.at("files").at(0)).empty()) << doc.dump(2);

  // The same text in a file without a version is judged on its own: the type is unknown.
  Write("widen.sql", "ALTER TABLE t ALTER COLUMN name TYPE varchar(20);\n");
  doc = LintJson({"widen.sql"}, 1);
  EXPECT_TRUE(HasRule(doc.at("files").at(0), "unsafe-column-type-change")) << doc.dump(2);

  // And a narrowing against the replayed history is caught.
  Write("m/0011_narrow.sql", "ALTER TABLE t ALTER COLUMN name TYPE varchar(5);\n");
  doc = LintJson({"m/0011_narrow.sql"}, 1);
  EXPECT_TRUE(HasRule(doc.at("files").at(0), "unsafe-column-type-change")) << doc.dump(2);
}

TEST_F(CliTest, SeveralPathsGiveOneReport) {
  Write("a.sql", kClean);
  Write("b.sql", kRename);
  Write("m/0001_create.sql", "CREATE TABLE t (id int);\n");
  Write("m/0002_index.sql", "CREATE INDEX t_id ON t (id);\n");
  json doc = LintJson({"a.sql", "b.sql", "m"}, 1);
  EXPECT_EQ(doc.at("files").size(), 4u) << doc.dump(2);
  EXPECT_EQ(doc.at("summary").at("files"), 4);
  EXPECT_EQ(doc["summary"]["statements"], 4);
  EXPECT_EQ(doc["summary"]["errors"], 2);

  RunResult r = Migrate({"lint", "--dialect", "postgres", "a.sql", "b.sql", "m"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.out, "4 files, 4 statements: 2 errors")) << r.out;
}

TEST_F(CliTest, InputErrorInOneFileDoesNotStopTheOthers) {
  Write("a_bad.sql", kSyntax);
  Write("b_rename.sql", kRename);
  Write("c_directive.sql", kBadDirective);
  Write("d_clean.sql", kClean);
  json doc = LintJson({"a_bad.sql", "b_rename.sql", "c_directive.sql", "d_clean.sql"}, 2);  // 2 wins over 1
  ASSERT_EQ(doc.at("files").size(), 4u) << doc.dump(2);
  EXPECT_EQ(FileEntry(doc, "a_bad.sql")->at("errors").size(), 1u);
  EXPECT_TRUE(HasRule(*FileEntry(doc, "b_rename.sql"), "rename-column"));
  EXPECT_EQ(FileEntry(doc, "c_directive.sql")->at("errors").size(), 1u);
  EXPECT_EQ(FileEntry(doc, "d_clean.sql")->at("statements").size(), 1u);

  // In a directory: a broken migration does not stop the later ones.
  Write("m/0001_create.sql", "CREATE TABLE t (id int);\n");
  Write("m/0002_broken.sql", kSyntax);
  Write("m/0003_index.sql", "CREATE INDEX t_id ON t (id);\n");
  doc = LintJson({"m"}, 2);
  ASSERT_EQ(doc.at("files").size(), 3u) << doc.dump(2);
  EXPECT_TRUE(HasRule(*FileEntry(doc, "m/0003_index.sql"), "create-index-without-concurrently")) << doc.dump(2);
}

// ---- Colour -----------------------------------------------------------------------------------

TEST_F(CliTest, NoEscapeCodesWithoutATerminalOrWithNoColor) {
  Write("x.sql", kRename);
  Write("y.sql", kSyntax);
  const std::vector<std::string> args = {"lint", "--dialect", "postgres", "x.sql", "y.sql"};

  RunResult piped = Migrate(args);  // stdout is a pipe
  EXPECT_EQ(piped.exit_code, 2);
  EXPECT_FALSE(Contains(piped.out, "\x1b")) << piped.out;
  EXPECT_TRUE(Contains(piped.out, "rename-column"));

  RunOptions tty;
  tty.stdout_tty = true;
  RunResult colored = Migrate(args, tty);  // control: on a terminal the report is coloured
  EXPECT_TRUE(Contains(colored.out, "\x1b[")) << colored.out;

  RunOptions no_color = tty;
  no_color.env["NO_COLOR"] = "1";
  RunResult r = Migrate(args, no_color);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(Contains(r.out, "\x1b")) << r.out;
  EXPECT_TRUE(Contains(r.out, "rename-column"));

  r = Migrate({"--no-color", "lint", "--dialect", "postgres", "x.sql", "y.sql"}, tty);
  EXPECT_FALSE(Contains(r.out, "\x1b")) << r.out;
  EXPECT_EQ(r.out, piped.out);
}

// ---------------------------------------------------------------------------------------------
// migrate rewrite

TEST_F(CliTest, RewritePrintsTheExpandContractFormWhichThenLintsClean) {
  Write("migrations/0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
  Write("migrations/0002_rename.sql", "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
  RunResult lint = Migrate({"lint", "--dialect", "postgres", "migrations"});
  EXPECT_EQ(lint.exit_code, 1) << lint.Describe();

  RunResult r = Migrate({"rewrite", "--dialect", "postgres", "migrations/0002_rename.sql", "--requires-app", "2.0.0"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "-- migrate:contract requires-app=2.0.0")) << r.out;
  EXPECT_TRUE(Contains(r.err, "migrations/0002_rename.sql:1:1: rewritten: rename column users.name to full_name")) << r.err;
  std::ifstream unchanged((dir_ / "migrations/0002_rename.sql").string());
  std::string before((std::istreambuf_iterator<char>(unchanged)), std::istreambuf_iterator<char>());
  EXPECT_EQ(before, "ALTER TABLE users RENAME COLUMN name TO full_name;\n") << "without --write the file stays";

  RunResult w = Migrate({"rewrite", "--dialect", "postgres", "migrations/0002_rename.sql", "--requires-app", "2.0.0", "--write"});
  EXPECT_EQ(w.exit_code, 0) << w.Describe();
  EXPECT_EQ(w.out, "");
  RunResult again = Migrate({"lint", "--dialect", "postgres", "migrations"});
  EXPECT_EQ(again.exit_code, 0) << again.Describe();
}

TEST_F(CliTest, RewriteExitCodes) {
  Write("migrations/0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
  Write("migrations/0002_rename.sql", "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
  Write("migrations/0003_key.sql", "ALTER TABLE users RENAME COLUMN id TO user_id;\n");
  // A contract without requires-app: usage error.
  RunResult usage = Migrate({"rewrite", "--dialect", "postgres", "migrations/0002_rename.sql"});
  EXPECT_EQ(usage.exit_code, 2) << usage.Describe();
  EXPECT_TRUE(Contains(usage.err, "--requires-app")) << usage.err;
  // No recipe (a primary-key column): kept, reported, exit 1.
  RunResult left = Migrate({"rewrite", "--dialect", "postgres", "migrations/0003_key.sql", "--requires-app", "2.0.0"});
  EXPECT_EQ(left.exit_code, 1) << left.Describe();
  EXPECT_TRUE(Contains(left.err, "not rewritten")) << left.err;
  EXPECT_TRUE(Contains(left.err, "[rename-column]")) << left.err;
  // Input errors: a missing file, a file that does not parse.
  EXPECT_EQ(Migrate({"rewrite", "--dialect", "postgres", "migrations/nope.sql"}).exit_code, 2);
  Write("bad.sql", kSyntax);
  RunResult syntax = Migrate({"rewrite", "--dialect", "postgres", "bad.sql"});
  EXPECT_EQ(syntax.exit_code, 2) << syntax.Describe();
  EXPECT_TRUE(Contains(syntax.err, "bad.sql:2:")) << syntax.err;
  EXPECT_EQ(Migrate({"rewrite", "migrations/0002_rename.sql"}).exit_code, 2) << "no dialect";
}


TEST_F(CliTest, RewriteCompatSchemaOption) {
  Write("migrations/0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
  Write("migrations/0002_rename.sql", "ALTER TABLE users RENAME COLUMN name TO full_name;\n");
  RunResult r = Migrate({"rewrite", "--dialect", "postgres", "migrations/0002_rename.sql", "--requires-app", "2.0.0",
                         "--compat-schema", "app_v1"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "CREATE VIEW \"app_v1\".\"users\"")) << r.out;
  EXPECT_TRUE(Contains(r.err, "SET search_path = app_v1")) << r.err;
  RunResult lite = Migrate({"rewrite", "--dialect", "sqlite", "migrations/0002_rename.sql", "--requires-app", "2.0.0",
                            "--compat-schema", "app_v1"});
  EXPECT_EQ(lite.exit_code, 2) << lite.Describe();
  EXPECT_TRUE(Contains(lite.err, "--compat-schema is for PostgreSQL")) << lite.err;
}

// The SQLite table rebuild, on a real database file: rewrite, apply (killed during the backfill,
// then resumed), writes of the running app through the old table between the phases, the gated
// contract; then every row, with its converted value, and the new schema.
TEST_F(CliTest, RewriteSqliteRebuildRunsOnlineOnARealDatabase) {
  const std::string db = "sqlite://" + (dir_ / "app.db").string();
  Write("migrations/0001_init.sql",
        "-- migrate:expand\n"
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);\n"
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total TEXT, note TEXT);\n"
        "CREATE INDEX orders_total_idx ON orders (total);\n"
        "CREATE TABLE audit (order_id INTEGER, what TEXT);\n"
        "CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN INSERT INTO audit VALUES (NEW.id, 'insert'); END;\n"
        "CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 900;\n"
        "CREATE TABLE items (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders (id));\n");
  RunResult init = Migrate({"apply", "--database", db});
  ASSERT_EQ(init.exit_code, 0) << init.Describe();

  AppConnection app(db);
  ASSERT_TRUE(app.ok());
  auto exec = [&](const std::string& sql) { app.Exec(sql); };
  auto value = [&](const std::string& sql) { return app.Value(sql); };
  exec("INSERT INTO customers (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  // 1000 orders: total as text, note NULL on even ids.
  exec("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1000) "
       "INSERT INTO orders (id, customer_id, total, note) SELECT i, i % 3 + 1, CAST(i AS TEXT), "
       "CASE WHEN i % 2 = 0 THEN NULL ELSE 'n' || i END FROM s");
  exec("INSERT INTO items (id, order_id) VALUES (1, 1)");

  Write("migrations/0002_orders.sql",
        "ALTER TABLE orders ALTER COLUMN total TYPE INTEGER;\n"
        "ALTER TABLE orders ALTER COLUMN note SET DEFAULT 'none';\n"
        "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;\n"
        "ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0);\n"
        "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);\n");
  RunResult rw = Migrate({"rewrite", "--dialect", "sqlite", "migrations/0002_orders.sql", "--requires-app", "2.0.0", "--write"});
  ASSERT_EQ(rw.exit_code, 0) << rw.Describe();
  EXPECT_TRUE(Contains(rw.err, "0002_orders.sql:1:1: rewritten: rebuild of orders")) << rw.err;
  RunResult lint = Migrate({"lint", "--dialect", "sqlite", "migrations"});
  EXPECT_EQ(lint.exit_code, 0) << lint.Describe();

  // expand + backfill, killed during the backfill (a rows-per-second ceiling keeps it running).
  RunOptions killed;
  killed.cwd = dir_.string();
  killed.timeout = std::chrono::milliseconds(2500);
  RunResult first = RunBinary({kBinary, "apply", "--database", db, "--batch-size", "20", "--max-rows-per-second", "300"}, killed);
  EXPECT_TRUE(first.timed_out) << "the backfill should still run after 2.5 s\n" << first.Describe();
  const int copied = std::stoi(value("SELECT count(*) FROM orders_new"));
  EXPECT_GT(copied, 0) << first.err;
  EXPECT_LT(copied, 1000);

  // The running app writes through the old table: insert, update, delete, and a row the backfill
  // copied already changes again.
  exec("INSERT INTO orders (id, customer_id, total, note) VALUES (2001, 2, '77', 'late')");
  exec("UPDATE orders SET total = '333' WHERE id = 3");
  exec("UPDATE orders SET note = 'four' WHERE id = 4");
  exec("DELETE FROM orders WHERE id = 5");
  exec("UPDATE orders SET total = '10' WHERE id = 1");

  RunResult resumed = Migrate({"apply", "--database", db, "--batch-size", "100"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.Describe();
  EXPECT_TRUE(Contains(resumed.err, "resuming the backfill")) << resumed.err;
  EXPECT_EQ(value("SELECT count(*) FROM orders_new"), "1000");

  // Between backfill and contract: the new table's rules hold for the app's writes already.
  EXPECT_FALSE(app.conn().Execute("INSERT INTO orders (id, customer_id, total, note) VALUES (2002, 1, '-5', 'x')").ok())
      << "CHECK (total > 0) of the new table";
  EXPECT_FALSE(app.conn().Execute("INSERT INTO orders (id, customer_id, total, note) VALUES (2003, 1, '5', NULL)").ok())
      << "NOT NULL of the new table";
  exec("PRAGMA foreign_keys = ON");
  EXPECT_FALSE(app.conn().Execute("INSERT INTO orders (id, customer_id, total, note) VALUES (2004, 99, '5', 'x')").ok())
      << "the new foreign key";
  exec("PRAGMA foreign_keys = OFF");
  exec("UPDATE orders SET total = '600' WHERE id = 6");
  EXPECT_EQ(value("SELECT count(*) FROM orders"), value("SELECT count(*) FROM orders_new"));

  // The contract waits for the app version, then swaps.
  RunResult closed = Migrate({"contract", "--database", db, "--app", "api"});
  EXPECT_EQ(closed.exit_code, 3) << closed.Describe();
  RunResult reg = Migrate({"register", "--database", db, "--app", "api", "--app-version", "2.0.0", "--instance", "x"});
  ASSERT_EQ(reg.exit_code, 0) << reg.Describe();
  RunResult contract = Migrate({"contract", "--database", db, "--app", "api"});
  ASSERT_EQ(contract.exit_code, 0) << contract.Describe();

  // Every row, with its value converted; the writes between the phases included.
  EXPECT_EQ(value("SELECT count(*) FROM orders"), "1000");
  EXPECT_EQ(value("SELECT count(*) FROM orders WHERE typeof(total) <> 'integer'"), "0");
  EXPECT_EQ(value("SELECT count(*) FROM orders WHERE id <= 1000 AND id NOT IN (1, 3, 4, 6) AND (total <> id OR "
                  "note <> CASE WHEN id % 2 = 0 THEN 'none' ELSE 'n' || id END OR customer_id <> id % 3 + 1)"),
            "0");
  EXPECT_EQ(value("SELECT total || ',' || note FROM orders WHERE id = 1"), "10,n1");
  EXPECT_EQ(value("SELECT total || ',' || note FROM orders WHERE id = 3"), "333,n3");
  EXPECT_EQ(value("SELECT total || ',' || note FROM orders WHERE id = 4"), "4,four");
  EXPECT_EQ(value("SELECT total || ',' || note FROM orders WHERE id = 6"), "600,none");
  EXPECT_EQ(value("SELECT total || ',' || note FROM orders WHERE id = 2001"), "77,late");
  EXPECT_EQ(value("SELECT count(*) FROM orders WHERE id = 5"), "0");
  // The new schema: the new definition under the old name, nothing of the rebuild left.
  const std::string sql = value("SELECT sql FROM sqlite_schema WHERE name = 'orders'");
  EXPECT_TRUE(Contains(sql, "\"total\" INTEGER")) << sql;
  EXPECT_TRUE(Contains(sql, "\"note\" text NOT NULL DEFAULT 'none'")) << sql;
  EXPECT_TRUE(Contains(sql, "CHECK (total > 0)")) << sql;
  EXPECT_TRUE(Contains(sql, "FOREIGN KEY (customer_id) REFERENCES customers (id)")) << sql;
  EXPECT_EQ(value("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'orders_new%' AND type = 'table'"), "0");
  EXPECT_EQ(value("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'migrate_rebuild%'"), "0");
  EXPECT_EQ(value("SELECT tbl_name FROM sqlite_schema WHERE name = 'orders_total_idx_new'"), "orders");
  EXPECT_EQ(value("SELECT tbl_name FROM sqlite_schema WHERE name = 'orders_audit'"), "orders");
  EXPECT_EQ(value("SELECT count(*) FROM big_orders"), "100") << "the view reads the new table, integers: 901 … 1000";
  EXPECT_EQ(value("SELECT count(*) FROM pragma_foreign_key_check"), "0");
  EXPECT_EQ(value("SELECT count(*) FROM orders WHERE rowid <> id"), "0") << "id is still the rowid";
  // The recreated trigger fires on the new table.
  exec("INSERT INTO orders (id, customer_id, total) VALUES (3000, 1, 5)");
  EXPECT_EQ(value("SELECT note || ',' || (SELECT count(*) FROM audit WHERE order_id = 3000) FROM orders WHERE id = 3000"),
            "none,1");
}

TEST_F(CliTest, RewriteRenameTableOnSqliteKeepsBothNamesUntilTheGatedContract) {
  const std::string db = "sqlite://" + (dir_ / "app.db").string();
  Write("migrations/0001_init.sql",
        "-- migrate:expand\n"
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'unnamed', price INTEGER);\n"
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES items (id));\n"
        "CREATE TABLE audit (item_id INTEGER, what TEXT);\n"
        "CREATE TRIGGER items_audit AFTER INSERT ON items BEGIN INSERT INTO audit VALUES (NEW.id, 'insert'); END;\n"
        "CREATE VIEW cheap_items AS SELECT id, price FROM items WHERE price < 10;\n");
  ASSERT_EQ(Migrate({"apply", "--database", db}).exit_code, 0);

  Write("migrations/0002_rename.sql", "ALTER TABLE items RENAME TO products;\n");
  RunResult rw = Migrate({"rewrite", "--dialect", "sqlite", "migrations/0002_rename.sql", "--requires-app", "2.0.0", "--write"});
  ASSERT_EQ(rw.exit_code, 0) << rw.Describe();
  EXPECT_TRUE(Contains(rw.err, "0002_rename.sql:1:1: rewritten: rename table items to products")) << rw.err;
  RunResult lint = Migrate({"lint", "--dialect", "sqlite", "migrations"});
  EXPECT_EQ(lint.exit_code, 0) << lint.Describe();

  AppConnection app(db);
  ASSERT_TRUE(app.ok());
  auto exec = [&](const std::string& sql) { app.Exec(sql); };
  auto value = [&](const std::string& sql) { return app.Value(sql); };
  exec("INSERT INTO items (id, name, price) VALUES (1, 'one', 1), (2, 'two', 2)");

  RunResult expand = Migrate({"apply", "--database", db});
  ASSERT_EQ(expand.exit_code, 0) << expand.Describe();
  EXPECT_EQ(value("SELECT type FROM sqlite_schema WHERE name = 'products'"), "view");

  // Both app versions between the phases: the old one writes items, the new one products.
  exec("INSERT INTO items (id, name, price) VALUES (3, 'old app', 3)");
  exec("INSERT INTO products (id, name, price) VALUES (4, 'new app', 4)");
  exec("INSERT INTO products (price) VALUES (5)");  // id from the table, name its default
  exec("UPDATE products SET price = 30 WHERE id = 3");
  exec("UPDATE items SET name = 'renamed by old' WHERE id = 4");
  exec("DELETE FROM products WHERE id = 2");
  exec("INSERT INTO orders (id, item_id) VALUES (1, 1)");
  EXPECT_EQ(value("SELECT group_concat(id || ':' || name || ':' || price, ',') FROM (SELECT * FROM items ORDER BY id)"),
            "1:one:1,3:old app:30,4:renamed by old:4,5:unnamed:5");
  EXPECT_EQ(value("SELECT group_concat(id || ':' || name || ':' || price, ',') FROM (SELECT * FROM products ORDER BY id)"),
            "1:one:1,3:old app:30,4:renamed by old:4,5:unnamed:5")
      << "the view shows the table";
  EXPECT_EQ(value("SELECT count(*) FROM audit"), "5") << "the table's trigger fires for writes through the view too";
  EXPECT_FALSE(app.conn().Execute("INSERT INTO products (id, name) VALUES (1, 'dup')").ok()) << "the table's key holds";

  // The contract waits for the app version, then swaps.
  RunResult old_app = Migrate({"register", "--database", db, "--app", "api", "--app-version", "1.0.0", "--instance", "old"});
  ASSERT_EQ(old_app.exit_code, 0) << old_app.Describe();
  RunResult closed = Migrate({"contract", "--database", db, "--app", "api"});
  EXPECT_EQ(closed.exit_code, 3) << closed.Describe();
  EXPECT_EQ(value("SELECT type FROM sqlite_schema WHERE name = 'items'"), "table") << "nothing ran";
  ASSERT_EQ(Migrate({"register", "--database", db, "--app", "api", "--instance", "old", "--deregister"}).exit_code, 0);
  RunResult reg = Migrate({"register", "--database", db, "--app", "api", "--app-version", "2.0.0", "--instance", "x"});
  ASSERT_EQ(reg.exit_code, 0) << reg.Describe();
  RunResult contract = Migrate({"contract", "--database", db, "--app", "api"});
  ASSERT_EQ(contract.exit_code, 0) << contract.Describe();

  // products is the table now, with every row; items is gone; what named items follows the rename.
  EXPECT_EQ(value("SELECT type FROM sqlite_schema WHERE name = 'products'"), "table");
  EXPECT_EQ(value("SELECT count(*) FROM sqlite_schema WHERE name = 'items' OR name LIKE 'products_migrate_%'"), "0");
  EXPECT_EQ(value("SELECT group_concat(id || ':' || name || ':' || price, ',') FROM (SELECT * FROM products ORDER BY id)"),
            "1:one:1,3:old app:30,4:renamed by old:4,5:unnamed:5");
  EXPECT_TRUE(Contains(value("SELECT sql FROM sqlite_schema WHERE name = 'orders'"), "REFERENCES \"products\""));
  EXPECT_EQ(value("SELECT tbl_name FROM sqlite_schema WHERE name = 'items_audit'"), "products");
  EXPECT_EQ(value("SELECT count(*) FROM cheap_items"), "3") << "the view reads products: ids 1, 4 and 5";
  EXPECT_EQ(value("SELECT count(*) FROM pragma_foreign_key_check"), "0");
  // A real table again: last_insert_rowid() and RETURNING give the assigned key.
  exec("INSERT INTO products (name, price) VALUES ('after', 6)");
  EXPECT_EQ(value("SELECT last_insert_rowid()"), "6");
  EXPECT_EQ(value("SELECT count(*) FROM audit WHERE item_id = 6"), "1");
}

}  // namespace
}  // namespace migrate::testing
