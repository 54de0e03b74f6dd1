// `migrate lint [PATH...]`: static analysis of migration files; no database.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "lint/lint_runner.h"
#include "report/report.h"
#include "sql/front_end.h"

namespace migrate {

Result<int> RunLintCommand(const GlobalOptions& opts, const LintArgs& args) {
  Result<Config> config = LoadConfigFor(opts);
  if (!config.ok()) return config.status();

  auto format = ParseOutputFormat(opts.format);
  if (!format) return Status::Usage("--format must be text, json, sarif or github, got '" + opts.format + "'");

  Result<Dialect> dialect = ResolveStaticDialect(opts, *config, "lint");
  if (!dialect.ok()) return dialect.status();

  LintRequest request;
  request.dialect = *dialect;
  request.settings = MakeLintSettings(*config);
  request.paths = args.paths;
  if (request.paths.empty()) {
    request.paths.push_back(!opts.dir.empty() ? opts.dir : config->dir.value_or("migrations"));
  }
  spdlog::debug("linting {} path(s) as {}", request.paths.size(), DialectName(*dialect));

  LintReport report = RunLint(request);
  // NO_COLOR (no-color.org) counts only when set to a non-empty value.
  const char* no_color = std::getenv("NO_COLOR");
  const bool color = !opts.no_color && (no_color == nullptr || *no_color == '\0') && isatty(STDOUT_FILENO);
  WriteReport(*format, report, std::cout, color);
  std::cout.flush();

  if (report.summary.input_errors > 0) return 2;
  return report.summary.errors > 0 ? 1 : 0;
}

}  // namespace migrate
