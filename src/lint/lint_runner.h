// The lint run: resolves paths (directories as one history, versioned files against the replay
// of their directory's lower versions, other files on their own), loads every file (in parallel),
// and analyses them in version order. One run, one report.
#pragma once

#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/settings.h"
#include "model/change.h"

namespace migrate {

struct LintRequest {
  std::vector<std::string> paths;
  Dialect dialect = Dialect::kPostgres;
  LintSettings settings;
  int threads = 0;  // 0: one per core
};

struct LintSummary {
  int files = 0;
  int statements = 0;
  int errors = 0;        // findings of severity error
  int warnings = 0;
  int input_errors = 0;  // syntax, directive, naming and I/O errors
};

struct LintReport {
  std::vector<FileReport> files;
  LintSummary summary;
};

LintReport RunLint(const LintRequest& request);

// The files a versioned migration file is judged against: the lower versions of its directory,
// in version order (none for a file whose name is not <version>_<slug>.sql).
std::vector<std::string> HistoryOf(const std::string& path);

}  // namespace migrate
