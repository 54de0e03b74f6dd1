// `migrate rewrite FILE [--requires-app V] [--compat-schema S] [--write]`: the file's breaking and locking statements
// as an expand/backfill/contract migration (src/rewrite/rewrite.h). The result goes to stdout, or
// replaces FILE with --write; what was rewritten, moved or left, and the notes, go to stderr.
// Exit 0 when the result lints clean, 1 when errors remain (each is printed), 2 for usage and
// input errors.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "engine/loader.h"
#include "lint/lint_runner.h"
#include "rewrite/rewrite.h"
#include "rewrite/sqlite_rebuild.h"
#include "sql/front_end.h"

namespace migrate {
namespace {

std::string Where(const std::string& path, const SourcePos& pos) {
  return path + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

}  // namespace

Result<int> RunRewriteCommand(const GlobalOptions& opts, const RewriteArgs& args) {
  Result<Config> config = LoadConfigFor(opts);
  if (!config.ok()) return config.status();
  if (opts.format != "text") return Status::Usage("rewrite prints SQL: --format must be text");
  Result<Dialect> dialect = ResolveStaticDialect(opts, *config, "rewrite");
  if (!dialect.ok()) return dialect.status();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(args.file, ec)) return Status::Input(args.file + ": no such file");

  std::unique_ptr<FrontEnd> fe = MakeFrontEnd(*dialect);
  // The file itself may hold ALTER TABLE forms its dialect cannot run, but rewrite can (SQLite).
  std::unique_ptr<FrontEnd> rewrite_fe = MakeRewriteFrontEnd(*dialect);
  MigrationFile file = LoadMigrationFile(args.file, *rewrite_fe);
  if (!file.errors.empty()) {
    for (const InputError& e : file.errors) std::cerr << Where(file.path, e.pos) << ": error: " << e.message << "\n";
    return 2;
  }
  Schema before;
  RewriteOptions options;
  for (const std::string& p : HistoryOf(args.file)) {
    options.history.push_back(LoadMigrationFile(p, *fe));
    ReplayFile(options.history.back(), &before);
  }

  options.requires_app = args.requires_app;
  options.compat_schema = args.compat_schema;
  if (!options.compat_schema.empty() && *dialect != Dialect::kPostgres) {
    return Status::Usage("--compat-schema is for PostgreSQL (search_path and automatically updatable views)");
  }
  options.lint = MakeLintSettings(*config);
  Result<RewriteResult> result = RewriteMigration(file, before, options);
  if (!result.ok()) return result.status();

  for (const RewriteItem& item : result->rewritten) {
    std::cerr << Where(file.path, item.pos) << ": rewritten: " << item.what << "\n";
    for (const std::string& note : item.notes) std::cerr << "  note: " << note << "\n";
  }
  for (const RewriteItem& item : result->moved) std::cerr << Where(file.path, item.pos) << ": " << item.what << "\n";
  for (const RewriteItem& item : result->left) {
    std::cerr << Where(file.path, item.pos) << ": not rewritten: " << item.what << "\n";
  }
  if (result->rewritten.empty() && result->moved.empty() && result->left.empty()) {
    std::cerr << file.path << ": nothing to rewrite: no statement breaks the running app or blocks it\n";
  }

  if (args.write) {
    std::ofstream out(args.file, std::ios::binary | std::ios::trunc);
    out << result->text;
    out.close();
    if (!out) return Status::Io(args.file + ": could not write the rewrite");
    std::cerr << file.path << ": written\n";
  } else {
    std::cout << result->text;
    std::cout.flush();
  }

  for (const InputError& e : result->after.errors) {
    std::cerr << "rewrite: the result does not parse: line " << e.pos.line << ": " << e.message << "\n";
  }
  for (const StatementReport& s : result->after.statements) {
    for (const Finding& f : s.findings) {
      if (f.severity != Severity::kError) continue;
      std::cerr << "rewrite: the result still has an error at line " << f.pos.line << " [" << f.rule
                << "]: " << f.message << "\n";
    }
  }
  return result->after_errors > 0 ? 1 : 0;
}

}  // namespace migrate
