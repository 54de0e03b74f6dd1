// The migrator: the engine's operations on one database — apply (expand, then backfill), backfill,
// contract behind the version gate, rollback, baseline — and the questions plan, status and gate
// ask. It validates the history first (checksums, order, missing files: kValidation, exit 6) and
// records every step in the state store, so a failure or a kill never leaves an unrecorded half
// state. The caller holds the migrator lock (migrator_lock.h) around the operations that write.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/backfill/backfill_runner.h"
#include "engine/executor.h"
#include "engine/gate.h"
#include "engine/migration_set.h"
#include "engine/state_store.h"

namespace migrate {

struct MigratorOptions {
  std::string app;  // the default app of requires-app and of the registry
  // --live-versions: replaces the registry for this run.
  std::optional<std::vector<LiveInstance>> live_versions;
  bool force = false;  // rollback: even while newer instances are live
  std::optional<DatabaseUrl> url;  // lets the latency probe open its own connection
  std::string format = "text";  // backfill progress: a bar on a terminal, JSON lines with "json"
  // Builds each backfill statement's throttle; unset: the adaptive throttle of the settings.
  std::function<Result<std::unique_ptr<Throttle>>(const BackfillTarget&)> make_throttle;
};

// What an operation did, for the report on stdout.
struct OperationReport {
  std::vector<std::string> done;  // "0002_full_name.sql: expanded (3 statements)"
};

class Migrator {
 public:
  Migrator(const MigrationSet& set, ExecContext ctx, MigratorOptions options)
      : set_(set), ctx_(ctx), options_(std::move(options)) {}

  // Checks the history against the files: every applied migration still has its file with the
  // same checksum, and no pending file is older than an applied one.
  Status Validate(const std::vector<HistoryRow>& history) const;

  // Expand then backfill every migration not yet backfilled, in version order. Refuses
  // (kLintErrors) when a migration still to run has lint errors.
  Status Apply(OperationReport* report);
  // Runs or resumes the pending backfills of expanded migrations only.
  Status Backfill(OperationReport* report);
  // Contract sections whose gate is open, in version order; kGateClosed at the first closed one.
  Status Contract(OperationReport* report);
  // Undoes the newest migration if it is not contracted (rollback_inverse.h).
  Status Rollback(OperationReport* report);
  // Records the migrations up to `version` as applied without running them.
  Status Baseline(const std::string& version, OperationReport* report);

  // The gate of one migration's contract section.
  Result<GateDecision> ContractGate(const LoadedMigration& m);
  // `migrate gate --app-version V`.
  Result<GateDecision> DeployGate(const std::string& app_version);
  // The live instances the gate looks at: the registry or --live-versions, and on PostgreSQL the
  // NAME@VERSION application names of connected sessions (observed).
  Status GatherInstances(std::vector<LiveInstance>* authoritative, std::vector<LiveInstance>* observed);

 private:
  Result<std::map<std::string, HistoryRow>> LoadHistory();
  Status RunExpand(const LoadedMigration& m, HistoryRow& row, OperationReport* report);
  Status RunBackfills(const LoadedMigration& m, HistoryRow& row, OperationReport* report);
  Status RunContract(const LoadedMigration& m, HistoryRow& row, OperationReport* report);
  Status Fail(const LoadedMigration& m, const StepFailure& failure, const std::string& section);

  const MigrationSet& set_;
  ExecContext ctx_;
  MigratorOptions options_;
};

}  // namespace migrate
