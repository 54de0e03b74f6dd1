// migrate's entry point: the table of commands, wired to CLI11, and the one place that turns
// errors into exit codes (SPEC §3).
#include <CLI/CLI.hpp>
#include <iostream>
#include <set>
#include <string>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "base/version.h"
#include "cli/commands.h"

namespace {

using migrate::Result;
using migrate::Status;
using migrate::StatusCode;

int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return 0;
    case StatusCode::kUsage:
    case StatusCode::kConfig:
    case StatusCode::kInput:
    case StatusCode::kIo: return 2;
    case StatusCode::kLintErrors: return 1;
    case StatusCode::kGateClosed: return 3;
    case StatusCode::kLockBusy: return 4;
    case StatusCode::kDatabase:
    case StatusCode::kRetryable:
    case StatusCode::kCancelled:
    case StatusCode::kInternal: return 5;
    case StatusCode::kValidation: return 6;
  }
  return 5;
}

// The first argument that is neither an option nor an option's value: the command the user meant.
std::string FirstCommandWord(int argc, char** argv) {
  static const std::set<std::string> kValueOptions = {
      "--database", "--dir", "--dialect", "--format", "--config", "--app", "--lock-timeout", "--ddl-retry-for",
      "--statement-timeout", "--lock-wait", "--batch-size", "--live-versions", "--replica", "--max-replica-lag",
      "--target-batch-time", "--max-rows-per-second", "--pause-file", "--control-file", "--throttle-query",
      "--throttle-query-max"};
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (kValueOptions.count(arg)) {
      ++i;
      continue;
    }
    if (!arg.empty() && arg[0] != '-') return arg;
  }
  return "";
}

int Finish(const Result<int>& r) {
  if (r.ok()) return r.value();
  std::cerr << "migrate: " << r.status().message() << "\n";
  return ExitCodeFor(r.status());
}

}  // namespace

int main(int argc, char** argv) {
  auto logger = spdlog::stderr_color_mt("migrate");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);

  CLI::App app{"migrate: online schema migrations with expand-contract, for PostgreSQL, MySQL/MariaDB and SQLite"};
  app.name("migrate");
  app.set_version_flag("--version", std::string("migrate ") + migrate::kMigrateVersion);
  app.require_subcommand(1);
  app.fallthrough();

  migrate::GlobalOptions global;
  app.add_option("--database", global.database, "database URL (default: MIGRATE_DATABASE_URL, DATABASE_URL, config, sqlite:migrate.db)");
  app.add_option("--dir", global.dir, "migrations directory (default: migrations)");
  app.add_option("--dialect", global.dialect, "postgres, mysql or sqlite");
  app.add_option("--format", global.format, "report format: text, json, sarif or github");
  app.add_option("--config", global.config_path, "config file (default: ./migrate.toml if present)");
  app.add_flag("--no-color", global.no_color, "never colour the text report");
  app.add_flag("-v,--verbose", global.verbose, "debug logging on stderr");
  app.add_option("--app", global.app, "the app whose versions gate contracts (default: config `app`)");
  app.add_option("--lock-timeout", global.lock_timeout, "lock timeout of blocking DDL (default 1s)");
  app.add_option("--ddl-retry-for", global.ddl_retry_for, "retry a timed-out DDL for this long (default 5m)");
  app.add_option("--statement-timeout", global.statement_timeout, "statement timeout (default none)");
  app.add_option("--lock-wait", global.lock_wait, "wait this long for another migrator (default 60s)");
  app.add_option("--batch-size", global.batch_size, "backfill batch size without batch=N (default 1000)");
  app.add_option("--live-versions", global.live_versions, "live app versions V1,V2 (replaces the registry)");
  app.add_option("--replica", global.replicas, "replica URL whose lag throttles backfills (repeatable)");
  app.add_option("--max-replica-lag", global.max_replica_lag, "pause backfills above this replica lag (default 10s)");
  app.add_option("--target-batch-time", global.target_batch_time, "adaptive backfill batch duration (default 250ms)");
  app.add_option("--max-rows-per-second", global.max_rows_per_second, "backfill rows-per-second ceiling (default none)");
  app.add_option("--pause-file", global.pause_file, "backfills pause while this file exists");
  app.add_option("--control-file", global.control_file, "live control file (default ./migrate.control)");
  app.add_option("--throttle-query", global.throttle_query, "a query returning a number that throttles backfills");
  app.add_option("--throttle-query-max", global.throttle_query_max, "the --throttle-query threshold");

  // The command table: one row per command.
  migrate::LintArgs lint_args;
  migrate::ExplainArgs explain_args;
  std::function<Result<int>()> run;

  CLI::App* lint = app.add_subcommand("lint", "static analysis of migration files or directories; no database");
  lint->add_option("paths", lint_args.paths, "files or directories (default: --dir)");
  lint->callback([&] { run = [&] { return migrate::RunLintCommand(global, lint_args); }; });

  migrate::RewriteArgs rewrite_args;
  CLI::App* rewrite = app.add_subcommand(
      "rewrite", "the breaking and locking statements of FILE as an expand/backfill/contract migration");
  rewrite->add_option("file", rewrite_args.file, "the migration file")->required();
  rewrite->add_option("--requires-app", rewrite_args.requires_app,
                      "[APP@]VERSION: the app version the generated contract section waits for");
  rewrite->add_option("--compat-schema", rewrite_args.compat_schema,
                      "PostgreSQL: rename columns and tables through a view in this schema, the first of the "
                      "running app version's search_path, instead of dual writes");
  rewrite->add_flag("--write", rewrite_args.write, "replace FILE with the rewrite instead of printing it");
  rewrite->callback([&] { run = [&] { return migrate::RunRewriteCommand(global, rewrite_args); }; });

  CLI::App* explain = app.add_subcommand("explain", "print a rule's documentation");
  explain->add_option("rule", explain_args.rule, "rule name, e.g. rename-column");
  explain->add_flag("--list", explain_args.list, "list every rule");
  explain->callback([&] { run = [&] { return migrate::RunExplainCommand(global, explain_args); }; });

  auto add_engine_command = [&](const char* name, const char* help, std::function<Result<int>()> body) {
    CLI::App* sub = app.add_subcommand(name, help);
    sub->callback([&run, body] { run = body; });
    return sub;
  };
  add_engine_command("apply", "apply pending expand sections, then backfills, in version order",
                     [&] { return migrate::RunApplyCommand(global); });
  add_engine_command("backfill", "run or resume pending backfills only",
                     [&] { return migrate::RunBackfillCommand(global); });
  add_engine_command("contract", "run contract sections whose version gate is open (exit 3 when closed)",
                     [&] { return migrate::RunContractCommand(global); });
  migrate::GateArgs gate_args;
  CLI::App* gate = add_engine_command("gate", "pre-deploy check: is deploying --app-version V safe now? (exit 3 if not)",
                                      [&] { return migrate::RunGateCommand(global, gate_args); });
  gate->add_option("--app-version", gate_args.app_version, "the app version about to be deployed")->required();
  migrate::RegisterArgs register_args;
  CLI::App* reg = add_engine_command("register", "record a live app instance and its version for the gate",
                                     [&] { return migrate::RunRegisterCommand(global, register_args); });
  reg->add_option("--app-version", register_args.app_version, "the instance's app version (semver)");
  reg->add_option("--instance", register_args.instance, "the instance's ID (pod name, host…)")->required();
  reg->add_option("--ttl", register_args.ttl, "heartbeat lifetime (default 5m)");
  reg->add_flag("--deregister", register_args.deregister, "remove the instance at once");
  migrate::ControlArgs control_args;
  CLI::App* control = add_engine_command("control", "pause, resume or retune a running backfill (its control file)",
                                         [&] { return migrate::RunControlCommand(global, control_args); });
  control->add_option("action", control_args.action, "pause, resume or set")->required();
  control->add_option("settings", control_args.settings, "KEY=VALUE for set: max-rows-per-second, target-batch-time, batch-size");
  add_engine_command("status", "per migration: phase, backfill progress, gate",
                     [&] { return migrate::RunStatusCommand(global); });
  add_engine_command("plan", "what apply and contract would run, without writing anything",
                     [&] { return migrate::RunPlanCommand(global); });
  bool force = false;
  CLI::App* rollback = add_engine_command("rollback", "undo the newest migration that is not contracted",
                                          [&] { return migrate::RunRollbackCommand(global, force); });
  rollback->add_flag("--force", force, "roll back even while instances registered since are live");
  std::string baseline_version;
  CLI::App* baseline = add_engine_command("baseline", "record migrations up to --version V as applied without running them",
                                          [&] { return migrate::RunBaselineCommand(global, baseline_version); });
  baseline->add_option("--version", baseline_version, "the newest migration already in the database")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string word = FirstCommandWord(argc, argv);
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      known = known || sub->get_name() == word;
    }
    if (!run && !word.empty() && !known) {
      std::cerr << "migrate: unknown command '" << word << "'\nRun 'migrate --help' for the commands.\n";
    } else {
      std::cerr << "migrate: " << e.what() << "\nRun 'migrate --help' for usage.\n";
    }
    return 2;
  }
  if (global.verbose) spdlog::set_level(spdlog::level::debug);
  return Finish(run());
}
