// The commands of the CLI. main.cc builds the command line from the table of commands and is the
// only place that turns a Status into an exit code; a command returns its own outcome code
// (SPEC §3: 0 success, 1 lint errors, …) or a Status for usage, config and input errors.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "config/config.h"

namespace migrate {

// Options shared by every command; they may come before or after the command name.
struct GlobalOptions {
  std::string database;   // --database
  std::string dir;        // --dir (empty: config, else "migrations")
  std::string dialect;    // --dialect
  std::string format = "text";
  std::string config_path;  // --config (empty: ./migrate.toml if present)
  bool no_color = false;
  bool verbose = false;
};

// Loads the config named by --config (required) or ./migrate.toml (optional).
Result<Config> LoadConfigFor(const GlobalOptions& opts);

struct LintArgs {
  std::vector<std::string> paths;
};
Result<int> RunLintCommand(const GlobalOptions& opts, const LintArgs& args);

struct ExplainArgs {
  std::string rule;
  bool list = false;
};
Result<int> RunExplainCommand(const GlobalOptions& opts, const ExplainArgs& args);

}  // namespace migrate
