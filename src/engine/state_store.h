// The state store (SPEC §5): migrate's own tables in the target database — schema `migrate` on
// PostgreSQL, tables prefixed `migrate_` on MySQL/MariaDB and SQLite. It holds the history (one
// row per migration, with its checksum and the phase reached), per-statement progress, backfill
// checkpoints, the app-instance registry and an event log. It is created on first use and carries
// its own schema version, upgraded in place by Ensure().
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "drivers/driver.h"
#include "engine/clock.h"
#include "model/migration.h"

namespace migrate {

// How far a migration got. Without a backfill section the phase goes from expanded straight to
// backfilled; without a contract section `backfilled` is complete.
enum class Phase { kExpanding, kExpanded, kBackfilling, kBackfilled, kContracting, kContracted };
const char* PhaseName(Phase p);
std::optional<Phase> ParsePhase(std::string_view name);

struct HistoryRow {
  std::string version;
  std::string name;        // file name
  std::string checksum;
  Phase phase = Phase::kExpanding;
  bool has_backfill = false;
  bool has_contract = false;
  std::string requires_app;  // the contract's requires-app, as written
  bool baselined = false;    // recorded by `baseline`, never run
  int64_t applied_at = 0;    // seconds since the epoch: when apply first started it
  int64_t updated_at = 0;
  std::optional<int64_t> contracted_at;
  std::string error;         // the last failure, empty when none
  std::optional<int> failed_statement;  // index into the file's statements
};

struct BackfillCheckpoint {
  std::string version;
  int statement = 0;                    // index into the file's statements
  std::string table;
  std::vector<std::string> key;         // key columns batches are ordered by
  std::optional<std::vector<Value>> last_key;  // the last batch's upper key; nullopt: none yet
  int64_t rows_done = 0;                // rows the batches changed
  int64_t batches = 0;
  int64_t rows_estimate = 0;            // the table's size when the backfill started
  bool done = false;
  int64_t started_at = 0;
  int64_t updated_at = 0;
};

struct InstanceRow {
  std::string app;
  std::string instance;
  std::string version;
  int64_t registered_at = 0;
  int64_t heartbeat_at = 0;
  int64_t expires_at = 0;
};

class StateStore {
 public:
  static constexpr int kSchemaVersion = 1;

  StateStore(Connection* conn, Clock* clock) : conn_(conn), clock_(clock) {}

  // Creates the tables or upgrades them to kSchemaVersion. Fails on a store newer than this binary.
  Status Ensure();
  // Whether the store exists (read only: for plan and status).
  Result<bool> Exists();

  Result<std::vector<HistoryRow>> History();  // ordered by version, numerically
  Status InsertHistory(const HistoryRow& row);
  Status SetPhase(const std::string& version, Phase phase);
  Status RecordFailure(const std::string& version, int statement, const std::string& error);
  Status ClearFailure(const std::string& version);
  Status MarkContracted(const std::string& version);
  // Removes every trace of a migration (rollback).
  Status DeleteMigration(const std::string& version);

  // Statements (indexes into the file) recorded as done. Record inside the statement's own
  // transaction where the database allows, so the record and the change commit together.
  Result<std::set<int>> DoneStatements(const std::string& version);
  Status MarkStatementDone(const std::string& version, int statement, SectionKind section);

  Result<std::optional<BackfillCheckpoint>> Checkpoint(const std::string& version, int statement);
  Result<std::vector<BackfillCheckpoint>> Checkpoints();
  Status InsertCheckpoint(const BackfillCheckpoint& cp);
  // Advances a checkpoint after one batch; call inside the batch's transaction.
  Status AdvanceCheckpoint(const std::string& version, int statement, const std::optional<std::vector<Value>>& last_key,
                           int64_t rows, bool done);

  Status RegisterInstance(const std::string& app, const std::string& instance, const std::string& version,
                          Millis ttl);
  Status DeregisterInstance(const std::string& app, const std::string& instance);
  // Instances whose heartbeat has not expired. Times are whole seconds: an instance counts as live
  // through the second its TTL ends, so it never expires early (a 1 s TTL lasts 1 to 2 s).
  Result<std::vector<InstanceRow>> LiveInstances();

  Status Log(const std::string& version, const std::string& event, const std::string& detail);

  // The quoted name of a state table: migrate.history / migrate_history.
  std::string Table(std::string_view name) const;

 private:
  Status Exec(const std::string& sql, const std::vector<Value>& params = {});
  Result<int> StoredSchemaVersion();

  Connection* conn_;
  Clock* clock_;
};

}  // namespace migrate
