#include "engine/backfill/backfill_runner.h"

#include <algorithm>
#include <chrono>
#include <spdlog/spdlog.h>

#include "base/strings.h"
#include "engine/backfill/batch_cursor.h"
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


// Creates the checkpoint of a backfill that has not started: the key and the table's size. A
// PostgreSQL table without a usable key is walked by block ranges when a repeated batch of the
// statement is a no-op (batch_cursor.h); elsewhere, or otherwise, it is refused.
Result<BackfillCheckpoint> StartCheckpoint(ExecContext& ctx, const LoadedMigration& m, int statement,
                                           const std::string& table, const BatchableStatement& prepared) {
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
    if (*key) {
      cp.key = (*key)->columns;
      spdlog::info("{}: backfill of {} batches by its {} ({})", StatementLocation(m, statement), table,
                   (*key)->source, Join(cp.key, ", "));
    } else {
      std::string why;
      const bool no_op = RepeatedBatchIsNoOp(prepared, m.file.dialect, &why);
      if (m.file.dialect != Dialect::kPostgres || !no_op) {
        std::string reason = m.file.dialect != Dialect::kPostgres
                                 ? "batches without a key would process rows twice"
                                 : "the statement cannot be batched without a key: " + why;
        return Status::Input("table " + table + " has no primary key and no unique NOT NULL key, and " + reason +
                             "; add a key, or name one with `-- migrate:backfill key=col[,col]`");
      }
      cp.key = CtidKey();
      spdlog::info("{}: {} has no usable key; its backfill walks the table by block ranges (a repeated batch of "
                   "this statement is a no-op)",
                   StatementLocation(m, statement), table);
    }
  }
  Result<int64_t> estimate = EstimateRows(ctx.conn, table);
  cp.rows_estimate = estimate.ok() ? *estimate : 0;
  cp.started_at = cp.updated_at = ctx.clock.NowSeconds();
  Status st = ctx.state.InsertCheckpoint(cp);
  if (!st.ok()) return st;
  return cp;
}

// The batches of a backfill that has not finished, from its checkpoint `cp` to the end.
Status RunBatches(ExecContext& ctx, const LoadedMigration& m, int statement, const BatchableStatement& prepared,
                  BackfillCheckpoint cp, bool resuming, const ThrottleFactory& make_throttle, ProgressSink* progress,
                  StepFailure* failure) {
  const Section& section = m.file.sections[m.file.statements[static_cast<size_t>(statement)].section];
  const std::string where = StatementLocation(m, statement);
  const std::string& table = cp.table;
  const int64_t fixed = section.batch && *section.batch > 0 ? *section.batch : 0;
  Result<std::unique_ptr<Throttle>> made = make_throttle(BackfillTarget{table, cp.key, ctx.settings.batch_size, fixed});
  if (!made.ok()) return failure->status = made.status();
  Throttle& throttle = **made;

  std::unique_ptr<BatchCursor> cursor;
  if (cp.key == CtidKey()) {
    Result<std::unique_ptr<BatchCursor>> c = MakeCtidRangeCursor(ctx.conn, prepared, table, cp.last_key);
    if (!c.ok()) return failure->status = c.status();
    cursor = std::move(c).value();
  } else {
    cursor = MakeKeyRangeCursor(ctx.conn, prepared, m.file.dialect, table, cp.key, cp.last_key);
  }
  if (resuming) {
    spdlog::info("{}: resuming the backfill of {} after {} ({} rows done in {} batches)", where, table,
                 cursor->Position(), cp.rows_done, cp.batches);
  }

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
  while (true) {
    if (ctx.cancel && ctx.cancel->cancelled()) {
      return failure->status = Status::Cancelled("backfill cancelled at " + cursor->Position() + " (" +
                                                 std::to_string(event.rows_done) + " rows done); rerun to resume");
    }
    ThrottleDecision decision = throttle.BeforeBatch();
    Millis pause = decision.pause + (decision.batch_size > 0 ? ctx.settings.batch_pause : Millis(0));
    if (pause.count() > 0 || decision.batch_size == 0) {
      // A throttled batch reads "slowed" before and after it runs (a rows-per-second ceiling spaces
      // every batch): flipping between slowed and running would defeat the progress rate limit.
      report(decision.batch_size == 0 ? "paused" : decision.reason.empty() ? "running" : "slowed", decision.reason);
      if (pause.count() > 0 && !ctx.clock.SleepFor(pause, ctx.cancel)) {
        return failure->status = Status::Cancelled("backfill cancelled while paused at " + cursor->Position() +
                                                   "; rerun to resume");
      }
      if (decision.batch_size == 0) continue;
    }
    const int64_t batch_size = decision.batch_size;
    event.batch_size = batch_size;
    Result<std::optional<BatchPlan>> next = cursor->Next(batch_size);
    if (!next.ok()) return failure->status = next.status();
    if (!*next) {
      // Nothing left (block ranges find out only after their last batch): record the end.
      Status st = ctx.state.AdvanceCheckpoint(m.version(), statement, cp.last_key, 0, true);
      if (!st.ok()) return failure->status = st;
      report("done", "");
      break;
    }
    const BatchPlan& plan = **next;
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
          Result<Rows> r = ctx.conn.Query(plan.sql, plan.params);
          if (!r.ok()) {
            (void)ctx.conn.Rollback();
            return r.status();
          }
          affected = r->affected;
          // The checkpoint commits with the batch.
          a = ctx.state.AdvanceCheckpoint(m.version(), statement, plan.checkpoint, affected, plan.last);
          if (a.ok()) a = ctx.conn.Commit();
          if (!a.ok()) (void)ctx.conn.Rollback();
          return a;
        },
        [&](const Status& why, int attempt, Millis retry_pause) {
          spdlog::warn("{}: batch after {}: {} (attempt {}); retrying in {}", where, cursor->Position(), why.message(),
                       attempt, FormatDuration(retry_pause));
        });
    if (!st.ok()) return failure->status = st;
    const Millis took = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - batch_start);
    cursor->Committed(plan);
    cp.last_key = plan.checkpoint;
    event.rows_done += affected;
    event.batches += 1;
    rows_this_run += affected;
    throttle.AfterBatch({batch_size, affected, took});
    if (plan.last) report("done", "");
    else report(decision.reason.empty() ? "running" : "slowed", decision.reason);
    if (plan.last) break;
  }
  return Status::Ok();
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
  const bool resuming = existing->has_value();
  if (resuming) {
    cp = **existing;
  } else {
    Result<BackfillCheckpoint> started = StartCheckpoint(ctx, m, statement, table, *prepared);
    if (!started.ok()) return failure->status = started.status();
    cp = *started;
  }
  if (!cp.done) {
    Status st = RunBatches(ctx, m, statement, *prepared, cp, resuming, make_throttle, progress, failure);
    if (!st.ok()) return st;
  }
  failure->statement = -1;
  Result<std::set<int>> recorded = ctx.state.DoneStatements(m.version());
  if (!recorded.ok()) return recorded.status();
  if (recorded->count(statement)) return Status::Ok();
  return ctx.state.MarkStatementDone(m.version(), statement, SectionKind::kBackfill);
}

}  // namespace migrate
