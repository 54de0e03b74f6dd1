// Lints the real-world migrations of the shared corpus with the built binary: one
// `migrate lint --dialect <dialect> --format json <files…>` per repository folder. The binary must
// not crash or hang, must exit 0, 1 or 2, must print a JSON report covering every file, and may
// fail to read (syntax or directive errors) at most 1% of the PostgreSQL files and 2% of the
// MySQL and SQLite ones.
//
// The corpus root is MIGRATE_CORPUS_DIR (env var, else the compile-time default); its postgres/,
// mysql/ and sqlite/ folders hold one folder per repository.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/run_binary.h"

namespace migrate::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr auto kTimeoutPerRepository = std::chrono::seconds(60);

fs::path CorpusRoot() {
  fs::path root = MIGRATE_CORPUS_DIR;
  if (const char* env = std::getenv("MIGRATE_CORPUS_DIR"); env != nullptr && *env != '\0') root = env;
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(root, ec);
  return ec ? root.lexically_normal() : canonical;
}

void LintCorpus(const std::string& dialect, double max_input_error_share) {
  const fs::path root = CorpusRoot() / dialect;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    std::cout << "[ SKIPPED  ] corpus folder " << root << " is absent; set MIGRATE_CORPUS_DIR to the corpus root\n";
    GTEST_SKIP() << "corpus folder " << root << " is absent (set MIGRATE_CORPUS_DIR)";
  }

  std::vector<fs::path> repos;
  for (const auto& e : fs::directory_iterator(root)) {
    if (e.is_directory()) repos.push_back(e.path());
  }
  std::sort(repos.begin(), repos.end());
  if (repos.empty()) GTEST_SKIP() << "no repository folders under " << root;

  int total_files = 0, total_statements = 0, total_errors = 0, total_warnings = 0;
  int files_with_input_errors = 0;
  double total_seconds = 0;
  std::map<std::string, int> findings_per_rule;
  std::vector<std::string> input_errors;  // "path:line:col: message"

  for (const fs::path& repo : repos) {
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(repo)) {
      if (e.is_regular_file()) files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) continue;
    const std::string name = repo.filename().string();
    SCOPED_TRACE(name);

    std::vector<std::string> argv = {MIGRATE_BINARY, "lint", "--dialect", dialect, "--format", "json"};
    argv.insert(argv.end(), files.begin(), files.end());
    RunOptions opts;
    opts.timeout = kTimeoutPerRepository;
    opts.env["NO_COLOR"] = "1";
    RunResult r = RunBinary(argv, opts);
    total_seconds += r.seconds;

    ASSERT_FALSE(r.start_failed) << r.err;
    ASSERT_FALSE(r.timed_out) << name << ": migrate did not finish within " << kTimeoutPerRepository.count() << " s";
    ASSERT_TRUE(r.exited) << name << ": migrate crashed: " << r.Describe();
    ASSERT_GE(r.exit_code, 0);
    ASSERT_LE(r.exit_code, 2) << name << ": unexpected exit code: " << r.Describe();
    if (!r.err.empty()) std::cout << name << " stderr: " << r.err << "\n";

    json doc = json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(doc.is_discarded()) << name << ": stdout is not JSON: " << r.out.substr(0, 500);
    ASSERT_TRUE(doc.contains("files") && doc["files"].is_array());
    EXPECT_EQ(doc["files"].size(), files.size()) << name << ": the report must cover every file";
    EXPECT_EQ(doc.at("summary").at("files").get<size_t>(), files.size());

    int repo_statements = 0, repo_bad = 0;
    for (const json& f : doc["files"]) {
      repo_statements += static_cast<int>(f.at("statements").size());
      for (const json& st : f["statements"]) {
        for (const json& fd : st.at("findings")) {
          ++findings_per_rule[fd.at("rule").get<std::string>()];
          (fd.at("severity") == "error" ? total_errors : total_warnings)++;
        }
      }
      if (!f.at("errors").empty()) {
        ++repo_bad;
        for (const json& e : f["errors"]) {
          input_errors.push_back(f["path"].get<std::string>() + ":" + std::to_string(e.at("line").get<int>()) + ":" +
                                 std::to_string(e.at("column").get<int>()) + ": " + e.at("message").get<std::string>());
        }
      }
    }
    EXPECT_EQ(doc["summary"].at("statements").get<int>(), repo_statements) << name;
    // Exit code 2 exactly when some file had an input error (SPEC §3: 2 wins over 1).
    EXPECT_EQ(r.exit_code == 2, repo_bad > 0) << name << ": " << r.Describe();
    std::printf("  %-32s %5zu files %6d statements %3d with input errors  %.2f s  exit %d\n", name.c_str(),
                files.size(), repo_statements, repo_bad, r.seconds, r.exit_code);
    total_files += static_cast<int>(files.size());
    total_statements += repo_statements;
    files_with_input_errors += repo_bad;
  }

  std::cout << "\ncorpus " << root.string() << ": " << repos.size() << " repositories, " << total_files
            << " files, " << total_statements << " statements, " << total_errors << " error findings, "
            << total_warnings << " warnings, " << files_with_input_errors << " files with input errors ("
            << (total_files ? 100.0 * files_with_input_errors / total_files : 0) << "%), " << total_seconds
            << " s of lint\n";
  std::vector<std::pair<std::string, int>> by_count(findings_per_rule.begin(), findings_per_rule.end());
  std::sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::cout << "findings per rule:\n";
  for (const auto& [rule, n] : by_count) std::printf("  %6d  %s\n", n, rule.c_str());
  std::cout << "input errors (" << input_errors.size() << "):\n";
  for (const std::string& e : input_errors) std::cout << "  " << e << "\n";
  std::cout.flush();

  ASSERT_GT(total_files, 0);
  EXPECT_LE(files_with_input_errors, max_input_error_share * total_files)
      << files_with_input_errors << " of " << total_files << " files have input errors (limit: "
      << 100 * max_input_error_share << "%)";
}

TEST(Corpus, PostgresCorpusLintsWithoutCrashesAndFewInputErrors) { LintCorpus("postgres", 0.01); }

TEST(Corpus, MysqlCorpusLintsWithoutCrashesAndFewInputErrors) { LintCorpus("mysql", 0.02); }

TEST(Corpus, SqliteCorpusLintsWithoutCrashesAndFewInputErrors) { LintCorpus("sqlite", 0.02); }

}  // namespace
}  // namespace migrate::testing
