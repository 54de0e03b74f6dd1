#include "engine/backfill/backfill_runner.h"

#include <algorithm>
#include <chrono>
#include <spdlog/spdlog.h>

#include "base/strings.h"
#include "engine/backfill/batch_statement.h"
#include "engine/backfill/progress.h"
#include "engine/catalog.h"

namespace migrate {
namespace {

const Dml* FindDml(const Statement& s) {
  for (const Change& c : s.changes) {
    if (const auto* d = std::get_if<Dml>(&c)) return d;
  }
  return nullptr;
}

std::string KeyText(const std::optional<std::vector<Value>>& key) {
  if (!key) return "start";
  std::vector<std::string> parts;
  for (const Value& v : *key) parts.push_back(v.value_or("NULL"));
  return "(" + Join(parts, ", ") + ")";
}

// Creates the checkpoint of a backfill that has not started: the key and the table's size.
Result<BackfillCheckpoint> StartCheckpoint(ExecContext& ctx, const LoadedMigration& m, int statement,
                                           const std::string& table) {
  const Statement& s = m.file.statements[static_cast<size_t>(statement)];
  const Section& section = m.file.sections[s.section];
  BackfillCheckpoint cp;
  cp.version = m.version();
  cp.statement = statement;
  cp.table = table;
  if (!section.key.empty()) {
    Result<std::vector<std::string>> columns = TableColumns(ctx.conn, table);
    if (!columns.ok()) return columns.status();
    for (const std::string& k : section.key) {
      if (std::find(columns->begin(), columns->end(), k) == columns->end()) {
        return Status::Input("key=" + Join(section.key, ",") + ": table " + table + " has no column " + k);
      }
    }
    cp.key = section.key;
  } else {
    Result<std::optional<BatchKey>> key = FindBatchKey(ctx.conn, table);
    if (!key.ok()) return Status::Database(key.status().message());
    if (!*key) {
      return Status::Input("table " + table +
                           " has no primary key and no unique NOT NULL key, so the backfill cannot be batched "
                           "safely; add a key, or name one with `-- migrate:backfill key=col[,col]`");
    }
    cp.key = (*key)->columns;
    spdlog::info("{}: backfill of {} batches by its {} ({})", StatementLocation(m, statement), table,
                 (*key)->source, Join(cp.key, ", "));
  }
  Result<int64_t> estimate = EstimateRows(ctx.conn, table);
  cp.rows_estimate = estimate.ok() ? *estimate : 0;
  cp.started_at = cp.updated_at = ctx.clock.NowSeconds();
  Status st = ctx.state.InsertCheckpoint(cp);
  if (!st.ok()) return st;
  return cp;
}

}  // namespace

int64_t SectionBatchSize(const Section& section, const EngineSettings& settings) {
  return section.batch && *section.batch > 0 ? *section.batch : settings.batch_size;
}

Status RunBackfillStatement(ExecContext& ctx, const LoadedMigration& m, int statement,
                            const ThrottleFactory& make_throttle, ProgressSink* progress, StepFailure* failure) {
  const Statement& s = m.file.statements[static_cast<size_t>(statement)];
  const Section& section = m.file.sections[s.section];
  const Dml* dml = FindDml(s);
  const std::string where = StatementLocation(m, statement);
  failure->statement = statement;
  if (!dml || dml->kind == DmlKind::kInsertValues || dml->kind == DmlKind::kInsertSelect) {
    Step step{SectionKind::kBackfill, {statement}, TxnMode::kTransaction, "", true, "", "", ""};
    return RunStep(ctx, m, step, failure);
  }
  Result<BatchableStatement> prepared = PrepareBatchStatement(s.text, m.file.dialect);
  if (!prepared.ok()) return failure->status = Status::Input(prepared.status().message());
  const std::string table = !section.table.empty() ? section.table : dml->table;

  Result<std::optional<BackfillCheckpoint>> existing = ctx.state.Checkpoint(m.version(), statement);
  if (!existing.ok()) return failure->status = existing.status();
  BackfillCheckpoint cp;
  if (*existing) {
    cp = **existing;
    if (!cp.done) {
      spdlog::info("{}: resuming the backfill of {} after key {} ({} rows done in {} batches)", where, cp.table,
                   KeyText(cp.last_key), cp.rows_done, cp.batches);
    }
  } else {
    Result<BackfillCheckpoint> started = StartCheckpoint(ctx, m, statement, table);
    if (!started.ok()) return failure->status = started.status();
    cp = *started;
  }
  if (cp.done) {
    failure->statement = -1;
    return Status::Ok();
  }
  const int64_t fixed = section.batch && *section.batch > 0 ? *section.batch : 0;
  Result<std::unique_ptr<Throttle>> made = make_throttle(BackfillTarget{table, cp.key, ctx.settings.batch_size, fixed});
  if (!made.ok()) return failure->status = made.status();
  Throttle& throttle = **made;

  const Dialect dialect = m.file.dialect;
  std::optional<std::vector<Value>> lower = cp.last_key;
  ProgressEvent event{m.name, where, table, "running", cp.rows_done, cp.rows_estimate, 0, 0, cp.batches, "", 0};
  const auto started = std::chrono::steady_clock::now();
  int64_t rows_this_run = 0;
  auto report = [&](const std::string& state, const std::string& reason) {
    event.state = state;
    event.throttle = reason;
    event.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    event.rows_per_second = event.elapsed_seconds > 0 ? static_cast<double>(rows_this_run) / event.elapsed_seconds : 0;
    if (progress) progress->Report(event);
  };
  bool done = false;
  while (!done) {
    if (ctx.cancel && ctx.cancel->cancelled()) {
      return failure->status = Status::Cancelled("backfill cancelled at key " + KeyText(lower) + " (" +
                                                 std::to_string(event.rows_done) + " rows done); rerun to resume");
    }
    ThrottleDecision decision = throttle.BeforeBatch();
    Millis pause = decision.pause + (decision.batch_size > 0 ? ctx.settings.batch_pause : Millis(0));
    if (pause.count() > 0 || decision.batch_size == 0) {
      // A throttled batch reads "slowed" before and after it runs (a rows-per-second ceiling spaces
      // every batch): flipping between slowed and running would defeat the progress rate limit.
      report(decision.batch_size == 0 ? "paused" : decision.reason.empty() ? "running" : "slowed", decision.reason);
      if (pause.count() > 0 && !ctx.clock.SleepFor(pause, ctx.cancel)) {
        return failure->status = Status::Cancelled("backfill cancelled while paused at key " + KeyText(lower) +
                                                   "; rerun to resume");
      }
      if (decision.batch_size == 0) continue;
    }
    const int64_t batch_size = decision.batch_size;
    event.batch_size = batch_size;
    std::vector<Value> lower_params = lower ? *lower : std::vector<Value>();
    // The upper key of this batch: the batch_size-th key after the checkpoint, or none (last batch).
    Result<Rows> upper_rows = ctx.conn.Query(NextUpperBoundSql(dialect, table, cp.key, lower.has_value(), batch_size),
                                             lower_params);
    if (!upper_rows.ok()) return failure->status = upper_rows.status();
    std::optional<std::vector<Value>> upper;
    if (!upper_rows->rows.empty()) upper = upper_rows->rows[0];
    const std::string sql = BatchSql(*prepared, dialect, cp.key, lower.has_value(), upper.has_value());
    std::vector<Value> params = lower_params;
    if (upper) params.insert(params.end(), upper->begin(), upper->end());

    int64_t affected = 0;
    auto batch_start = std::chrono::steady_clock::now();
    Status st = RunWithRetry(
        MakeRetryPolicy(ctx.settings), ctx.clock, ctx.cancel,
        [&](int) {
          batch_start = std::chrono::steady_clock::now();
          Status a = ctx.conn.SetLockTimeout(ctx.settings.lock_timeout);
          if (a.ok()) a = ctx.conn.SetStatementTimeout(ctx.settings.statement_timeout);
          if (a.ok()) a = ctx.conn.Begin();
          if (!a.ok()) return a;
          Result<Rows> r = ctx.conn.Query(sql, params);
          if (!r.ok()) {
            (void)ctx.conn.Rollback();
            return r.status();
          }
          affected = r->affected;
          // The checkpoint commits with the batch: after the last batch it keeps the last key.
          a = ctx.state.AdvanceCheckpoint(m.version(), statement, upper ? upper : lower, affected, !upper);
          if (a.ok()) a = ctx.conn.Commit();
          if (!a.ok()) (void)ctx.conn.Rollback();
          return a;
        },
        [&](const Status& why, int attempt, Millis retry_pause) {
          spdlog::warn("{}: batch after key {}: {} (attempt {}); retrying in {}", where, KeyText(lower), why.message(),
                       attempt, FormatDuration(retry_pause));
        });
    if (!st.ok()) return failure->status = st;
    const Millis took = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - batch_start);
    event.rows_done += affected;
    event.batches += 1;
    rows_this_run += affected;
    lower = upper ? upper : lower;
    done = !upper;
    throttle.AfterBatch({batch_size, affected, took});
    report(done ? "done" : decision.reason.empty() ? "running" : "slowed", decision.reason);
  }
  failure->statement = -1;
  Result<std::set<int>> recorded = ctx.state.DoneStatements(m.version());
  if (!recorded.ok()) return recorded.status();
  if (recorded->count(statement)) return Status::Ok();
  return ctx.state.MarkStatementDone(m.version(), statement, SectionKind::kBackfill);
}

}  // namespace migrate
