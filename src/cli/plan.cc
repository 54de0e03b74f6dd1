// `migrate plan`: what apply and contract would run — each step's SQL, lock level, transaction
// mode and lock-timeout policy, backfill batching, and the contract gates — without writing
// anything (the state store is only read, and only if it exists).
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "cli/engine_session.h"
#include "engine/backfill/backfill_runner.h"
#include "engine/backfill/batch_statement.h"
#include "engine/catalog.h"
#include "engine/planner.h"

namespace migrate {

namespace {

nlohmann::json StepJson(const LoadedMigration& m, const Step& step, const EngineSettings& settings) {
  std::vector<std::string> sql;
  for (int i : step.statements) sql.push_back(m.file.statements[static_cast<size_t>(i)].text);
  nlohmann::json j{{"section", SectionKindName(step.section)},
                   {"location", StatementLocation(m, step.statements.front())},
                   {"sql", sql},
                   {"transaction", TxnModeName(step.mode)},
                   {"lock_timeout", step.lock_timeout ? FormatDuration(settings.lock_timeout) : "none"}};
  if (!step.txn_reason.empty()) j["transaction_reason"] = step.txn_reason;
  if (!step.lock_level.empty()) j["lock"] = {{"level", step.lock_level}, {"algorithm", step.algorithm.empty() ? nlohmann::json(nullptr) : nlohmann::json(step.algorithm)}};
  return j;
}

// The backfill throttle's effective settings ([backfill] and flags), with redacted replica URLs.
nlohmann::json ThrottleSettingsJson(const ThrottleSettings& t) {
  std::vector<std::string> replicas;
  for (const std::string& r : t.replicas) replicas.push_back(RedactUrls(r));
  auto optional_ms = [](Millis d) { return d.count() ? nlohmann::json(FormatDuration(d)) : nlohmann::json(nullptr); };
  return {{"target-batch-time", FormatDuration(t.target_batch_time)},
          {"min-batch", t.min_batch},
          {"max-batch", t.max_batch},
          {"max-rows-per-second", t.max_rows_per_second > 0 ? nlohmann::json(t.max_rows_per_second) : nlohmann::json(nullptr)},
          {"replicas", replicas},
          {"max-replica-lag", FormatDuration(t.max_replica_lag)},
          {"max-active-sessions", t.max_active_sessions},
          {"max-app-load-ratio", t.max_app_load_ratio},
          {"app-load-margin", t.app_load_margin},
          {"sqlite-write-share", t.sqlite_write_share},
          {"max-probe-ratio", t.max_probe_ratio},
          {"probe-floor", optional_ms(t.probe_floor)},
          {"max-wal-bytes-per-second", t.max_wal_bytes_per_second},
          {"max-slot-retained-bytes", t.max_slot_retained_bytes},
          {"throttle-query", t.throttle_query.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.throttle_query)},
          {"pause-file", t.pause_file.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.pause_file)},
          {"control-file", t.control_file}};
}

}  // namespace

Result<int> RunPlanCommand(const GlobalOptions& opts) {
  Result<std::unique_ptr<EngineSession>> session = OpenEngineSession(opts, kNeedFiles);
  if (!session.ok()) return session.status();
  EngineSession& s = **session;
  Result<bool> exists = s.state->Exists();
  if (!exists.ok()) return exists.status();
  std::map<std::string, Phase> phases;
  std::map<std::string, std::set<int>> done;
  Migrator migrator = s.MakeMigrator();
  if (*exists) {
    Result<std::vector<HistoryRow>> rows = s.state->History();
    if (!rows.ok()) return rows.status();
    Status v = migrator.Validate(*rows);
    if (!v.ok()) return v;
    for (const HistoryRow& r : *rows) {
      const LoadedMigration* m = s.set.Find(r.version);
      if (!m) continue;
      phases[m->version()] = r.phase;
      Result<std::set<int>> d = s.state->DoneStatements(r.version);
      if (!d.ok()) return d.status();
      done[m->version()] = *d;
    }
  }
  nlohmann::json out{{"database", s.url.Redacted()},
                     {"settings",
                      {{"lock-timeout", FormatDuration(s.settings.lock_timeout)},
                       {"ddl-retry-for", FormatDuration(s.settings.ddl_retry_for)},
                       {"statement-timeout", s.settings.statement_timeout.count() ? FormatDuration(s.settings.statement_timeout) : "none"},
                       {"lock-wait", FormatDuration(s.settings.lock_wait)},
                       {"batch-size", s.settings.batch_size},
                       {"batch-pause", FormatDuration(s.settings.batch_pause)}}},
                     {"backfill", ThrottleSettingsJson(s.settings.throttle)},
                     {"migrations", nlohmann::json::array()}};
  for (const LoadedMigration& m : s.set.migrations) {
    auto phase_it = phases.find(m.version());
    const bool known = phase_it != phases.end();
    if (known && phase_it->second == Phase::kContracted) continue;
    if (known && phase_it->second >= Phase::kBackfilled && !m.Has(SectionKind::kContract)) continue;
    nlohmann::json mj{{"version", m.version()}, {"name", m.name},
                      {"phase", known ? PhaseName(phase_it->second) : "pending"}, {"steps", nlohmann::json::array()}};
    const std::set<int>& finished = done[m.version()];
    for (SectionKind kind : {SectionKind::kExpand, SectionKind::kBackfill, SectionKind::kContract}) {
      for (const Step& step : PlanSection(m, kind)) {
        bool all_done = true;
        for (int i : step.statements) all_done = all_done && finished.count(i);
        if (all_done) continue;
        nlohmann::json sj = StepJson(m, step, s.settings);
        if (kind == SectionKind::kBackfill) {
          const Statement& st = m.file.statements[static_cast<size_t>(step.statements.front())];
          const Section& section = m.file.sections[st.section];
          std::string table = section.table.empty() ? TargetTable(st.changes.empty() ? Change(Unanalyzed{}) : st.changes.front()) : section.table;
          nlohmann::json bj{{"table", table}, {"batch_size", SectionBatchSize(section, s.settings)},
                            {"adaptive", !(section.batch && *section.batch > 0)}};
          if (!section.key.empty()) {
            bj["key"] = section.key;
          } else if (!table.empty()) {
            Result<std::optional<BatchKey>> key = FindBatchKey(*s.conn, table);
            if (key.ok() && *key) {
              bj["key"] = (*key)->columns;
            } else if (!key.ok()) {
              bj["key"] = "unknown until the expand has run";
            } else {
              Result<BatchableStatement> prepared = PrepareBatchStatement(st.text, s.dialect());
              std::string why;
              const bool by_blocks = s.dialect() == Dialect::kPostgres && prepared.ok() &&
                                     RepeatedBatchIsNoOp(*prepared, s.dialect(), &why);
              bj["key"] = by_blocks ? "block ranges (ctid): no usable key, and a repeated batch is a no-op"
                                    : "none: the backfill would be refused";
            }
          }
          sj["batches"] = bj;
        }
        mj["steps"].push_back(sj);
      }
    }
    if (m.Has(SectionKind::kContract)) {
      if (!known || phase_it->second < Phase::kBackfilled) {
        mj["gate"] = {{"open", false}, {"reason", "waits for expand and backfill"}};
      } else {
        Result<GateDecision> d = migrator.ContractGate(m);
        if (!d.ok()) return d.status();
        mj["gate"] = {{"open", d->open}, {"reason", d->reason}};
      }
    }
    out["migrations"].push_back(mj);
  }

  if (opts.format == "json") {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << "plan for " << s.url.Redacted() << " (lock-timeout " << out["settings"]["lock-timeout"].get<std::string>()
            << ", retried for " << out["settings"]["ddl-retry-for"].get<std::string>() << ", batch-size "
            << s.settings.batch_size << "; backfill batches aim at "
            << out["backfill"]["target-batch-time"].get<std::string>() << ", replica lag limit "
            << out["backfill"]["max-replica-lag"].get<std::string>()
            << (s.settings.throttle.replicas.empty() ? " (no replica given)" : "") << ")\n";
  if (out["migrations"].empty()) std::cout << "nothing to do\n";
  for (const auto& mj : out["migrations"]) {
    std::cout << "\n" << mj["name"].get<std::string>() << " (" << mj["phase"].get<std::string>() << ")\n";
    for (const auto& sj : mj["steps"]) {
      std::cout << "  " << sj["section"].get<std::string>() << "  " << sj["location"].get<std::string>() << "  "
                << sj["transaction"].get<std::string>();
      if (sj.contains("transaction_reason")) std::cout << " (" << sj["transaction_reason"].get<std::string>() << ")";
      if (sj.contains("lock")) {
        std::cout << ", lock " << sj["lock"]["level"].get<std::string>();
        if (!sj["lock"]["algorithm"].is_null()) std::cout << " " << sj["lock"]["algorithm"].get<std::string>();
      }
      std::cout << ", lock timeout " << sj["lock_timeout"].get<std::string>() << "\n";
      for (const auto& sql : sj["sql"]) {
        std::string text = sql.get<std::string>();
        for (size_t pos = text.find('\n'); pos != std::string::npos; pos = text.find('\n', pos + 5)) {
          text.replace(pos, 1, "\n    ");
        }
        std::cout << "    " << text << ";\n";
      }
      if (sj.contains("batches")) {
        const auto& b = sj["batches"];
        std::cout << "    batches of " << (b["adaptive"].get<bool>() ? "adaptive size from " : "")
                  << b["batch_size"].get<int64_t>() << " rows over " << b["table"].get<std::string>()
                  << " by " << (b["key"].is_array() ? Join(b["key"].get<std::vector<std::string>>(), ", ") : b["key"].get<std::string>())
                  << "\n";
      }
    }
    if (mj.contains("gate")) {
      std::cout << "  contract gate " << (mj["gate"]["open"].get<bool>() ? "open: " : "closed: ")
                << mj["gate"]["reason"].get<std::string>() << "\n";
    }
  }
  return 0;
}

}  // namespace migrate
