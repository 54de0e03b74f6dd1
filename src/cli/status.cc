// `migrate status`: per migration, the phase reached, backfill progress and the contract gate,
// as text or JSON (--format json). Read only.
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/engine_session.h"
#include "engine/executor.h"
#include "engine/loader.h"

namespace migrate {

namespace {

struct MigrationStatus {
  const LoadedMigration* m = nullptr;
  std::optional<HistoryRow> row;
  std::vector<BackfillCheckpoint> backfills;
  std::string gate;  // "", "open: …", "closed: …", "waits for …", "contracted"
  bool gate_open = false;
};

std::string PhaseOf(const MigrationStatus& st) {
  if (!st.row) return "pending";
  if (st.row->baselined) return "baselined";
  if (st.row->phase == Phase::kBackfilled && !st.row->has_contract) return "complete";
  return PhaseName(st.row->phase);
}

}  // namespace

Result<int> RunStatusCommand(const GlobalOptions& opts) {
  Result<std::unique_ptr<EngineSession>> session = OpenEngineSession(opts, kNeedFiles);
  if (!session.ok()) return session.status();
  EngineSession& s = **session;
  Result<bool> exists = s.state->Exists();
  if (!exists.ok()) return exists.status();
  std::map<std::string, HistoryRow> history;
  std::vector<BackfillCheckpoint> checkpoints;
  std::string validation;
  Migrator migrator = s.MakeMigrator();
  if (*exists) {
    Result<std::vector<HistoryRow>> rows = s.state->History();
    if (!rows.ok()) return rows.status();
    Status v = migrator.Validate(*rows);
    if (!v.ok()) validation = v.message();
    for (const HistoryRow& r : *rows) history[r.version] = r;
    Result<std::vector<BackfillCheckpoint>> cps = s.state->Checkpoints();
    if (!cps.ok()) return cps.status();
    checkpoints = *cps;
  }
  std::vector<MigrationStatus> statuses;
  for (const LoadedMigration& m : s.set.migrations) {
    MigrationStatus st;
    st.m = &m;
    for (const auto& [version, row] : history) {
      if (CompareVersions(version, m.version()) == 0) st.row = row;
    }
    for (const BackfillCheckpoint& cp : checkpoints) {
      if (CompareVersions(cp.version, m.version()) == 0) st.backfills.push_back(cp);
    }
    if (m.Has(SectionKind::kContract)) {
      if (st.row && st.row->phase == Phase::kContracted) {
        st.gate = "contracted";
        st.gate_open = true;
      } else if (!st.row || st.row->phase < Phase::kBackfilled) {
        st.gate = "closed: waits for expand and backfill (run `migrate apply`)";
      } else {
        Result<GateDecision> d = migrator.ContractGate(m);
        if (!d.ok()) return d.status();
        st.gate = std::string(d->open ? "open: " : "closed: ") + d->reason;
        st.gate_open = d->open;
      }
    }
    statuses.push_back(std::move(st));
  }

  if (opts.format == "json") {
    nlohmann::json j;
    j["database"] = s.url.Redacted();
    j["migrations"] = nlohmann::json::array();
    for (const MigrationStatus& st : statuses) {
      nlohmann::json m{{"version", st.m->version()}, {"name", st.m->name}, {"phase", PhaseOf(st)}};
      if (st.row && !st.row->error.empty()) {
        m["error"] = st.row->error;
        if (st.row->failed_statement) m["failed_at"] = StatementLocation(*st.m, *st.row->failed_statement);
      }
      nlohmann::json bf = nlohmann::json::array();
      for (const BackfillCheckpoint& cp : st.backfills) {
        bf.push_back({{"statement", StatementLocation(*st.m, cp.statement)}, {"table", cp.table}, {"key", cp.key},
                      {"rows_done", cp.rows_done}, {"rows_estimate", cp.rows_estimate}, {"batches", cp.batches},
                      {"done", cp.done}});
      }
      m["backfills"] = bf;
      if (!st.gate.empty()) m["gate"] = {{"open", st.gate_open}, {"state", st.gate}};
      j["migrations"].push_back(m);
    }
    if (!validation.empty()) j["validation_error"] = validation;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "database " << s.url.Redacted() << "\n";
    if (statuses.empty()) std::cout << "no migrations in " << s.dir << "\n";
    for (const MigrationStatus& st : statuses) {
      std::cout << st.m->name << "  " << PhaseOf(st) << "\n";
      if (st.row && !st.row->error.empty()) {
        std::cout << "  failed"
                  << (st.row->failed_statement ? " at " + StatementLocation(*st.m, *st.row->failed_statement) : "")
                  << ": " << st.row->error << "\n";
      }
      for (const BackfillCheckpoint& cp : st.backfills) {
        std::cout << "  backfill " << cp.table << ": " << cp.rows_done << " rows";
        if (cp.rows_estimate > 0) std::cout << " of ~" << cp.rows_estimate;
        std::cout << " in " << cp.batches << " batches" << (cp.done ? ", done" : ", in progress or interrupted") << "\n";
      }
      if (!st.gate.empty()) std::cout << "  contract gate " << st.gate << "\n";
    }
    if (!validation.empty()) std::cout << "validation failed:\n" << validation << "\n";
  }
  return validation.empty() ? 0 : 6;
}

}  // namespace migrate
