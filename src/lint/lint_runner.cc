#include "lint/lint_runner.h"

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <thread>

#include "engine/loader.h"
#include "sql/front_end.h"

namespace migrate {
namespace fs = std::filesystem;
namespace {

// One unit of reporting: a file judged against the replay of `history` (loaded, not reported).
struct Job {
  std::string path;
  std::vector<std::string> history;
  std::string error;  // set when the path itself is bad
};

// Plans the jobs for the given paths. A directory is one history: each file is judged against
// the files before it, so its jobs share one replay (history_owner marks the first of a run).
struct Plan {
  std::vector<Job> jobs;
  // Consecutive jobs from one directory: the replay carries over from one to the next.
  std::vector<bool> continues_previous;
};

Plan MakePlan(const std::vector<std::string>& paths) {
  Plan plan;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      Result<MigrationListing> listing = ListMigrationDir(path);
      if (!listing.ok()) {
        plan.jobs.push_back({path, {}, listing.status().message()});
        plan.continues_previous.push_back(false);
        continue;
      }
      for (const PathError& e : listing->errors) {
        plan.jobs.push_back({e.path, {}, e.message});
        plan.continues_previous.push_back(false);
      }
      bool first = true;
      for (const std::string& file : listing->migrations) {
        plan.jobs.push_back({file, {}, ""});
        plan.continues_previous.push_back(!first);
        first = false;
      }
      continue;
    }
    if (!fs::exists(path, ec)) {
      plan.jobs.push_back({path, {}, "no such file or directory"});
      plan.continues_previous.push_back(false);
      continue;
    }
    plan.jobs.push_back({path, HistoryOf(path), ""});
    plan.continues_previous.push_back(false);
  }
  return plan;
}

// Loads every distinct path once, spreading the parsing over `threads` threads.
std::map<std::string, MigrationFile> LoadAll(const Plan& plan, const FrontEnd& fe, int threads) {
  std::vector<std::string> paths;
  std::map<std::string, MigrationFile> loaded;
  for (const Job& job : plan.jobs) {
    if (!job.error.empty()) continue;
    for (const std::string& p : job.history) {
      if (loaded.emplace(p, MigrationFile{}).second) paths.push_back(p);
    }
    if (loaded.emplace(job.path, MigrationFile{}).second) paths.push_back(job.path);
  }
  std::vector<MigrationFile> files(paths.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < paths.size(); i = next++) files[i] = LoadMigrationFile(paths[i], fe);
  };
  int n = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  n = std::min<int>(n, static_cast<int>(paths.size()));
  std::vector<std::thread> pool;
  for (int t = 1; t < n; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  for (size_t i = 0; i < paths.size(); ++i) loaded[paths[i]] = std::move(files[i]);
  return loaded;
}

}  // namespace

std::vector<std::string> HistoryOf(const std::string& path) {
  std::vector<std::string> history;
  auto name = ParseMigrationName(fs::path(path).filename().string());
  if (!name) return history;
  fs::path dir = fs::path(path).parent_path();
  Result<MigrationListing> listing = ListMigrationDir(dir.empty() ? "." : dir.string());
  if (!listing.ok()) return history;
  for (const std::string& other : listing->migrations) {
    auto other_name = ParseMigrationName(fs::path(other).filename().string());
    if (other_name && CompareVersions(other_name->version, name->version) < 0) history.push_back(other);
  }
  return history;
}

LintReport RunLint(const LintRequest& request) {
  LintReport report;
  std::unique_ptr<FrontEnd> fe = MakeFrontEnd(request.dialect);
  Plan plan = MakePlan(request.paths);
  std::map<std::string, MigrationFile> loaded = LoadAll(plan, *fe, request.threads);

  Schema schema;
  for (size_t i = 0; i < plan.jobs.size(); ++i) {
    const Job& job = plan.jobs[i];
    if (!job.error.empty()) {
      FileReport fr;
      fr.path = job.path;
      fr.dialect = request.dialect;
      fr.errors.push_back({SourcePos{1, 1}, job.error});
      report.files.push_back(std::move(fr));
      continue;
    }
    if (!plan.continues_previous[i]) {
      schema = Schema();
      for (const std::string& p : job.history) ReplayFile(loaded.at(p), &schema);
    }
    const MigrationFile& file = loaded.at(job.path);
    FileReport fr = AnalyzeFile(file, &schema, request.settings);
    if (!file.errors.empty()) ReplayFile(file, &schema);  // keep the history going past a bad file
    report.files.push_back(std::move(fr));
  }

  LintSummary& s = report.summary;
  s.files = static_cast<int>(report.files.size());
  for (const FileReport& f : report.files) {
    s.input_errors += static_cast<int>(f.errors.size());
    s.statements += static_cast<int>(f.statements.size());
    for (const StatementReport& st : f.statements) {
      for (const Finding& fd : st.findings) (fd.severity == Severity::kError ? s.errors : s.warnings)++;
    }
  }
  return report;
}

}  // namespace migrate
