#include "engine/migrator.h"

#include <spdlog/spdlog.h>

#include "base/strings.h"
#include "engine/backfill/backfill_runner.h"
#include "engine/catalog.h"
#include "engine/loader.h"
#include "engine/rollback_inverse.h"

namespace migrate {
namespace {

std::string Plural(int64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// The history row of a migration about to be recorded, in `phase`, at `now`.
HistoryRow NewHistoryRow(const LoadedMigration& m, Phase phase, int64_t now) {
  HistoryRow row;
  row.version = m.version();
  row.name = m.name;
  row.checksum = m.checksum;
  row.phase = phase;
  row.has_backfill = m.Has(SectionKind::kBackfill);
  row.has_contract = m.Has(SectionKind::kContract);
  if (const Section* c = m.ContractSection()) row.requires_app = c->requires_app;
  row.applied_at = row.updated_at = now;
  return row;
}

}  // namespace

Status Migrator::Validate(const std::vector<HistoryRow>& history) const {
  std::vector<std::string> problems;
  std::string newest;
  for (const HistoryRow& row : history) {
    if (newest.empty() || CompareVersions(row.version, newest) > 0) newest = row.version;
    const LoadedMigration* m = set_.Find(row.version);
    if (!m) {
      problems.push_back("migration " + row.version + " (" + row.name + ") is recorded as " + PhaseName(row.phase) +
                         " but has no file in " + set_.dir);
      continue;
    }
    if (m->checksum != row.checksum) {
      problems.push_back(m->file.path + " was edited after it was applied (checksum " + m->checksum.substr(0, 12) +
                         "…, recorded " + row.checksum.substr(0, 12) + "…): restore it and put the change in a new migration");
    }
  }
  for (const LoadedMigration& m : set_.migrations) {
    bool known = false;
    for (const HistoryRow& row : history) known = known || CompareVersions(row.version, m.version()) == 0;
    if (!known && !newest.empty() && CompareVersions(m.version(), newest) < 0) {
      problems.push_back(m.file.path + " is older than the newest applied migration (" + newest +
                         "): give it a version after " + newest);
    }
  }
  if (problems.empty()) return Status::Ok();
  return Status::Validation(Join(problems, "\n"));
}

Result<std::map<std::string, HistoryRow>> Migrator::LoadHistory() {
  Result<std::vector<HistoryRow>> rows = ctx_.state.History();
  if (!rows.ok()) return rows.status();
  Status v = Validate(*rows);
  if (!v.ok()) return v;
  std::map<std::string, HistoryRow> by_version;
  for (HistoryRow& r : rows.value()) {
    const LoadedMigration* m = set_.Find(r.version);
    by_version[m ? m->version() : r.version] = std::move(r);
  }
  return by_version;
}

Status Migrator::Fail(const LoadedMigration& m, const StepFailure& failure, const std::string& section) {
  std::string where = failure.statement >= 0 ? StatementLocation(m, failure.statement) : m.file.path;
  std::string message = where + ": " + section + " failed: " + failure.status.message();
  if (ctx_.conn.InTransaction()) (void)ctx_.conn.Rollback();
  (void)ctx_.state.RecordFailure(m.version(), failure.statement, failure.status.message());
  (void)ctx_.state.Log(m.version(), section + "-failed", message);
  StatusCode code = failure.status.code();
  if (code == StatusCode::kInput || code == StatusCode::kCancelled) return Status(code, message);
  return Status::Database(message + "\nThe state records the failed statement; fix the cause and rerun to continue from it.");
}

Status Migrator::RunExpand(const LoadedMigration& m, HistoryRow& row, OperationReport* report) {
  Result<std::set<int>> done = ctx_.state.DoneStatements(m.version());
  if (!done.ok()) return done.status();
  std::vector<Step> steps = PlanSection(m, SectionKind::kExpand);
  if (!row.error.empty()) spdlog::info("{}: continuing after the recorded failure: {}", m.name, row.error);
  StepFailure failure;
  Status s = RunSteps(ctx_, m, steps, *done, &failure);
  if (!s.ok()) return Fail(m, failure, "expand");
  if (!row.error.empty()) (void)ctx_.state.ClearFailure(m.version());
  row.error.clear();
  s = ctx_.state.SetPhase(m.version(), Phase::kExpanded);
  if (!s.ok()) return s;
  row.phase = Phase::kExpanded;
  (void)ctx_.state.Log(m.version(), "expanded", std::to_string(steps.size()) + " steps");
  if (!steps.empty()) report->done.push_back(m.name + ": expanded (" + Plural(steps.size(), "step") + ")");
  return Status::Ok();
}

Status Migrator::RunBackfills(const LoadedMigration& m, HistoryRow& row, OperationReport* report) {
  if (!m.Has(SectionKind::kBackfill)) {
    Status s = ctx_.state.SetPhase(m.version(), Phase::kBackfilled);
    if (s.ok()) row.phase = Phase::kBackfilled;
    return s;
  }
  if (row.phase == Phase::kExpanded) {
    Status s = ctx_.state.SetPhase(m.version(), Phase::kBackfilling);
    if (!s.ok()) return s;
    row.phase = Phase::kBackfilling;
  }
  Result<std::set<int>> done = ctx_.state.DoneStatements(m.version());
  if (!done.ok()) return done.status();
  int64_t statements = 0;
  for (size_t i = 0; i < m.file.statements.size(); ++i) {
    const Statement& st = m.file.statements[i];
    const Section& section = m.file.sections[st.section];
    if (section.kind != SectionKind::kBackfill || done->count(static_cast<int>(i))) continue;
    if (st.changes.size() == 1 && std::holds_alternative<Transaction>(st.changes[0])) continue;
    ThrottleFactory make_throttle = options_.make_throttle;
    if (!make_throttle) {
      make_throttle = [this](const BackfillTarget& target) {
        return MakeAdaptiveThrottle(ctx_.settings.throttle, ctx_.conn, target, ctx_.clock,
                                    options_.url ? &*options_.url : nullptr);
      };
    }
    std::unique_ptr<ProgressSink> progress = MakeProgressSink(ChooseProgressStyle(options_.format));
    StepFailure failure;
    Status s = RunBackfillStatement(ctx_, m, static_cast<int>(i), make_throttle, progress.get(), &failure);
    if (!s.ok()) return Fail(m, failure, "backfill");
    ++statements;
  }
  if (!row.error.empty()) (void)ctx_.state.ClearFailure(m.version());
  row.error.clear();
  Status s = ctx_.state.SetPhase(m.version(), Phase::kBackfilled);
  if (!s.ok()) return s;
  row.phase = Phase::kBackfilled;
  (void)ctx_.state.Log(m.version(), "backfilled", std::to_string(statements) + " statements");
  report->done.push_back(m.name + ": backfilled (" + Plural(statements, "statement") + ")");
  return Status::Ok();
}

Status Migrator::Apply(OperationReport* report) {
  Result<std::map<std::string, HistoryRow>> history = LoadHistory();
  if (!history.ok()) return history.status();
  // Refuse before changing anything: every migration still to run must lint clean.
  std::vector<std::string> lint_errors;
  for (const LoadedMigration& m : set_.migrations) {
    auto it = history->find(m.version());
    if (it != history->end() && it->second.phase >= Phase::kBackfilled) continue;
    for (std::string& e : m.LintErrors()) lint_errors.push_back(std::move(e));
  }
  if (!lint_errors.empty()) {
    return Status(StatusCode::kLintErrors, "apply refused: the migrations to run have lint errors (see `migrate lint`):\n  " +
                                               Join(lint_errors, "\n  "));
  }
  for (const LoadedMigration& m : set_.migrations) {
    auto it = history->find(m.version());
    if (it == history->end()) {
      HistoryRow row = NewHistoryRow(m, Phase::kExpanding, ctx_.clock.NowSeconds());
      Status s = ctx_.state.InsertHistory(row);
      if (!s.ok()) return s;
      it = history->emplace(m.version(), row).first;
    }
    HistoryRow& row = it->second;
    if (row.phase >= Phase::kBackfilled) continue;
    spdlog::info("applying {}", m.name);
    if (row.phase == Phase::kExpanding) {
      Status s = RunExpand(m, row, report);
      if (!s.ok()) return s;
    }
    Status s = RunBackfills(m, row, report);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status Migrator::Backfill(OperationReport* report) {
  Result<std::map<std::string, HistoryRow>> history = LoadHistory();
  if (!history.ok()) return history.status();
  for (const LoadedMigration& m : set_.migrations) {
    auto it = history->find(m.version());
    if (it == history->end() || it->second.phase == Phase::kExpanding) continue;
    if (it->second.phase != Phase::kExpanded && it->second.phase != Phase::kBackfilling) continue;
    Status s = RunBackfills(m, it->second, report);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status Migrator::GatherInstances(std::vector<LiveInstance>* authoritative, std::vector<LiveInstance>* observed) {
  if (options_.live_versions) {
    *authoritative = *options_.live_versions;
  } else {
    Result<std::vector<InstanceRow>> rows = ctx_.state.LiveInstances();
    if (!rows.ok()) return rows.status();
    for (const InstanceRow& r : *rows) authoritative->push_back({r.app, r.instance, r.version, "registry"});
  }
  if (ctx_.conn.dialect() == Dialect::kPostgres) {
    Result<std::vector<std::string>> names = PostgresApplicationNames(ctx_.conn);
    if (!names.ok()) return names.status();
    for (const std::string& n : *names) {
      if (std::optional<LiveInstance> li = ParseApplicationName(n)) observed->push_back(*li);
    }
  }
  return Status::Ok();
}

Result<GateDecision> Migrator::ContractGate(const LoadedMigration& m) {
  const Section* section = m.ContractSection();
  if (!section) return GateDecision{true, "no contract section", {}};
  Result<AppRequirement> req = ParseRequiresApp(section->requires_app, options_.app);
  if (!req.ok()) {
    return Status::Input(m.file.path + ":" + std::to_string(section->pos.line) + ": " + req.status().message() +
                         " (pass --app or set `app` in migrate.toml)");
  }
  std::vector<LiveInstance> authoritative, observed;
  Status s = GatherInstances(&authoritative, &observed);
  if (!s.ok()) return s;
  return DecideContractGate(*req, authoritative, observed);
}

Status Migrator::RunContract(const LoadedMigration& m, HistoryRow& row, OperationReport* report) {
  Result<std::set<int>> done = ctx_.state.DoneStatements(m.version());
  if (!done.ok()) return done.status();
  if (row.phase != Phase::kContracting) {
    Status s = ctx_.state.SetPhase(m.version(), Phase::kContracting);
    if (!s.ok()) return s;
    row.phase = Phase::kContracting;
  }
  std::vector<Step> steps = PlanSection(m, SectionKind::kContract);
  StepFailure failure;
  Status s = RunSteps(ctx_, m, steps, *done, &failure);
  if (!s.ok()) return Fail(m, failure, "contract");
  if (!row.error.empty()) (void)ctx_.state.ClearFailure(m.version());
  s = ctx_.state.MarkContracted(m.version());
  if (!s.ok()) return s;
  row.phase = Phase::kContracted;
  (void)ctx_.state.Log(m.version(), "contracted", std::to_string(steps.size()) + " steps");
  report->done.push_back(m.name + ": contracted (" + Plural(steps.size(), "step") + ")");
  return Status::Ok();
}

Status Migrator::Contract(OperationReport* report) {
  Result<std::map<std::string, HistoryRow>> history = LoadHistory();
  if (!history.ok()) return history.status();
  for (const LoadedMigration& m : set_.migrations) {
    if (!m.Has(SectionKind::kContract)) continue;
    auto it = history->find(m.version());
    if (it != history->end() && it->second.phase == Phase::kContracted) continue;
    if (it == history->end() || it->second.phase < Phase::kBackfilled) {
      // Contracts run in version order: a later one never overtakes this one.
      return Status::GateClosed("the contract of " + m.name + " waits: the migration is not " +
                                (it == history->end() ? "applied" : "backfilled") + " yet (run `migrate apply`)");
    }
    if (it->second.phase != Phase::kContracting) {
      Result<GateDecision> gate = ContractGate(m);
      if (!gate.ok()) return gate.status();
      if (!gate->open) return Status::GateClosed("the gate of " + m.name + " is closed: " + gate->reason);
      spdlog::info("gate of {} open: {}", m.name, gate->reason);
    }
    Status s = RunContract(m, it->second, report);
    if (!s.ok()) return s;
  }
  if (report->done.empty()) report->done.push_back("nothing to contract");
  return Status::Ok();
}

Result<GateDecision> Migrator::DeployGate(const std::string& app_version) {
  Result<std::map<std::string, HistoryRow>> history = LoadHistory();
  if (!history.ok()) return history.status();
  std::vector<MigrationGateInfo> infos;
  for (const LoadedMigration& m : set_.migrations) {
    MigrationGateInfo info;
    info.version = m.version();
    info.name = m.name;
    info.has_backfill = m.Has(SectionKind::kBackfill);
    auto it = history->find(m.version());
    if (it != history->end()) {
      info.expanded = it->second.phase >= Phase::kExpanded;
      info.backfilled = it->second.phase >= Phase::kBackfilled;
      info.contract_applied = it->second.phase >= Phase::kContracting;
    }
    if (const Section* c = m.ContractSection()) {
      Result<AppRequirement> req = ParseRequiresApp(c->requires_app, options_.app);
      if (!req.ok()) {
        return Status::Input(m.file.path + ":" + std::to_string(c->pos.line) + ": " + req.status().message() +
                             " (pass --app or set `app` in migrate.toml)");
      }
      info.requires_app = *req;
    }
    infos.push_back(info);
  }
  return DecideDeployGate(options_.app, app_version, infos);
}

Status Migrator::Rollback(OperationReport* report) {
  Result<std::map<std::string, HistoryRow>> history = LoadHistory();
  if (!history.ok()) return history.status();
  if (history->empty()) return Status::Validation("nothing to roll back: no migration has been applied");
  const HistoryRow* newest = nullptr;
  for (const auto& [version, r] : *history) {
    if (!newest || CompareVersions(version, newest->version) > 0) newest = &r;
  }
  const HistoryRow& row = *newest;
  const LoadedMigration* m = set_.Find(row.version);
  // A baselined migration is recorded as contracted: say why it really is refused.
  if (row.baselined) return Status::Validation("cannot roll back " + row.name + ": it was baselined, never run by migrate");
  if (row.phase >= Phase::kContracting) {
    return Status::Validation("cannot roll back " + row.name + ": its contract already ran (" + PhaseName(row.phase) +
                              "); undo it with a new migration");
  }
  Inverse inverse = InverseOfExpand(m->file, m->file.dialect);
  if (!inverse.ok()) {
    return Status::Validation("cannot roll back " + row.name + ": " + m->file.path + ":" +
                              std::to_string(inverse.refusal_pos.line) + ": " + inverse.refusal);
  }
  if (!options_.force) {
    Result<std::vector<InstanceRow>> live = ctx_.state.LiveInstances();
    if (!live.ok()) return live.status();
    std::vector<std::string> newer;
    for (const InstanceRow& i : *live) {
      if (!options_.app.empty() && i.app != options_.app) continue;
      if (i.registered_at >= row.applied_at) newer.push_back(i.app + "/" + i.instance + " (" + i.version + ")");
    }
    if (!newer.empty()) {
      return Status::GateClosed("rollback of " + row.name + " refused: instances registered since it was applied are live and may use what it added: " +
                                Join(newer, ", ") + " (use --force to roll back anyway)");
    }
  }
  (void)ctx_.state.Log(row.version, "rollback-started", std::to_string(inverse.statements.size()) + " statements");
  for (const InverseStatement& inv : inverse.statements) {
    // CONCURRENTLY cannot run in a transaction and takes no blocking lock; MySQL DDL commits
    // implicitly but still needs its metadata lock under the short timeout.
    const bool concurrently = m->file.dialect == Dialect::kPostgres && inv.sql.find("CONCURRENTLY") != std::string::npos;
    const bool autocommit = concurrently || m->file.dialect == Dialect::kMysql;
    spdlog::info("{}: {}", m->name, inv.sql);
    Status s = RunGeneratedSql(ctx_, inv.sql, autocommit, !concurrently, m->name + " rollback");
    if (!s.ok()) {
      (void)ctx_.state.Log(row.version, "rollback-failed", inv.sql + ": " + s.message());
      return Status::Database("rollback of " + row.name + " failed at `" + inv.sql + "`: " + s.message() +
                              "\nThe migration stays recorded; rerun `migrate rollback` to finish (its statements use IF EXISTS).");
    }
  }
  Status s = ctx_.state.DeleteMigration(row.version);
  if (!s.ok()) return s;
  (void)ctx_.state.Log(row.version, "rolled-back", row.name);
  report->done.push_back(row.name + ": rolled back (" + Plural(inverse.statements.size(), "statement") + ")");
  return Status::Ok();
}

Status Migrator::Baseline(const std::string& version, OperationReport* report) {
  if (!set_.Find(version)) return Status::Usage("no migration with version " + version + " in " + set_.dir);
  Result<std::map<std::string, HistoryRow>> history = LoadHistory();
  if (!history.ok()) return history.status();
  for (const LoadedMigration& m : set_.migrations) {
    if (CompareVersions(m.version(), version) > 0) break;
    if (history->count(m.version())) continue;
    HistoryRow row = NewHistoryRow(m, Phase::kContracted, ctx_.clock.NowSeconds());
    row.baselined = true;
    row.contracted_at = row.applied_at;
    Status s = ctx_.state.InsertHistory(row);
    if (!s.ok()) return s;
    (void)ctx_.state.Log(m.version(), "baselined", m.name);
    report->done.push_back(m.name + ": baselined");
  }
  if (report->done.empty()) report->done.push_back("nothing to baseline: every migration up to " + version + " is recorded");
  return Status::Ok();
}

}  // namespace migrate
