// What every engine command starts from: the config, the database URL (flag, environment, config,
// else the embedded default sqlite:migrate.db), the engine settings, a connection, the state
// store, signal handling, and — for commands that write — the migrator lock.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "drivers/driver.h"
#include "engine/cancel.h"
#include "engine/clock.h"
#include "engine/executor.h"
#include "engine/gate.h"
#include "engine/migration_set.h"
#include "engine/migrator.h"
#include "engine/migrator_lock.h"
#include "engine/state_store.h"

namespace migrate {

// What a command needs opened.
enum SessionNeeds : int {
  kNeedFiles = 1,        // load and analyse the migrations directory
  kNeedLock = 2,         // hold the migrator lock (commands that write)
  kNeedStateStore = 4,   // create or upgrade the state store
};

struct EngineSession {
  Config config;
  DatabaseUrl url;
  std::string dir;
  EngineSettings settings;
  LintSettings lint;
  std::string app;
  std::string format = "text";
  std::optional<std::vector<LiveInstance>> live_versions;
  SystemClock clock;
  CancelToken cancel;
  std::unique_ptr<SignalWatcher> signals;
  MigrationSet set;
  std::unique_ptr<Connection> conn;
  std::unique_ptr<Connection> lock_conn;
  std::unique_ptr<StateStore> state;
  std::unique_ptr<MigratorLock> lock;  // declared last: released first

  Dialect dialect() const { return url.dialect; }
  ExecContext Context() { return ExecContext{*conn, *state, clock, &cancel, settings}; }
  Migrator MakeMigrator(bool force = false);
  ~EngineSession();
};

Result<std::unique_ptr<EngineSession>> OpenEngineSession(const GlobalOptions& opts, int needs);

// The throttle flags on top of the config's [backfill] settings.
Status ApplyThrottleFlags(const GlobalOptions& opts, ThrottleSettings* settings);

// Prints an operation's report on stdout (text lines, or JSON with --format json).
void PrintOperationReport(const GlobalOptions& opts, const std::string& command, const OperationReport& report);

}  // namespace migrate
