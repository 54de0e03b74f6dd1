// The commands of the CLI. main.cc builds the command line from the table of commands and is the
// only place that turns a Status into an exit code; a command returns its own outcome code
// (SPEC §3: 0 success, 1 lint errors, …) or a Status for usage, config and input errors.
#pragma once

#include <cstdint>
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
  // Engine options (SPEC §5); empty or zero: the config's value, else the default.
  std::string app;              // --app
  std::string lock_timeout;     // --lock-timeout
  std::string ddl_retry_for;    // --ddl-retry-for
  std::string statement_timeout;  // --statement-timeout
  std::string lock_wait;        // --lock-wait
  int64_t batch_size = 0;       // --batch-size
  std::string live_versions;    // --live-versions V1,V2 (contract, gate, status, plan)
  // Backfill throttle options (docs/backfill.md); empty or negative: the config's value.
  std::vector<std::string> replicas;  // --replica URL (repeatable)
  std::string max_replica_lag;        // --max-replica-lag
  std::string target_batch_time;      // --target-batch-time
  double max_rows_per_second = -1;    // --max-rows-per-second
  std::string pause_file;             // --pause-file
  std::string control_file;           // --control-file
  std::string throttle_query;         // --throttle-query
  double throttle_query_max = -1;     // --throttle-query-max
};

// Loads the config named by --config (required) or ./migrate.toml (optional).
Result<Config> LoadConfigFor(const GlobalOptions& opts);

// The database URL (SPEC §3): --database, else MIGRATE_DATABASE_URL, else DATABASE_URL, else the
// config's `database`, else the embedded default sqlite:migrate.db (then `is_default` is set).
std::string ResolveDatabaseUrl(const GlobalOptions& opts, const Config& config, bool* is_default);

// The dialect of a command that reads files only (lint, rewrite): --dialect, else the config's
// dialect, else the scheme of an explicitly given database URL; none is a usage error.
Result<Dialect> ResolveStaticDialect(const GlobalOptions& opts, const Config& config, const std::string& command);

struct LintArgs {
  std::vector<std::string> paths;
};
Result<int> RunLintCommand(const GlobalOptions& opts, const LintArgs& args);

struct RewriteArgs {
  std::string file;
  std::string requires_app;
  std::string compat_schema;  // PostgreSQL renames through a view in this schema (docs/recipes.md)
  bool write = false;
};
Result<int> RunRewriteCommand(const GlobalOptions& opts, const RewriteArgs& args);

struct ExplainArgs {
  std::string rule;
  bool list = false;
};
Result<int> RunExplainCommand(const GlobalOptions& opts, const ExplainArgs& args);

// The engine commands (SPEC §3). Each returns 0 on success or a Status whose code main.cc maps to
// the exit code (3 gate closed, 4 lock busy, 5 database failure, 6 validation).
Result<int> RunApplyCommand(const GlobalOptions& opts);
Result<int> RunBackfillCommand(const GlobalOptions& opts);
Result<int> RunContractCommand(const GlobalOptions& opts);
Result<int> RunRollbackCommand(const GlobalOptions& opts, bool force);
Result<int> RunBaselineCommand(const GlobalOptions& opts, const std::string& version);
Result<int> RunPlanCommand(const GlobalOptions& opts);
Result<int> RunStatusCommand(const GlobalOptions& opts);

// `migrate control pause|resume|set KEY=VALUE…`: live control of a running backfill.
struct ControlArgs {
  std::string action;
  std::vector<std::string> settings;
};
Result<int> RunControlCommand(const GlobalOptions& opts, const ControlArgs& args);

struct GateArgs {
  std::string app_version;
};
Result<int> RunGateCommand(const GlobalOptions& opts, const GateArgs& args);

struct RegisterArgs {
  std::string app_version;
  std::string instance;
  std::string ttl;  // duration; empty: the configured instance-ttl
  bool deregister = false;
};
Result<int> RunRegisterCommand(const GlobalOptions& opts, const RegisterArgs& args);

}  // namespace migrate
