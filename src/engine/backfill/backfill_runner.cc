#include "engine/backfill/backfill_runner.h"

#include <algorithm>
#include <chrono>
#include <spdlog/spdlog.h>

#include "base/strings.h"
#include "engine/backfill/batch_statement.h"
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

Status RunBackfillStatement(ExecContext& ctx, const LoadedMigration& m, int statement, Throttle& throttle,
                            StepFailure* failure) {
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

  const Dialect dialect = m.file.dialect;
  std::optional<std::vector<Value>> lower = cp.last_key;
  int64_t batch_size = throttle.InitialBatchSize();
  int64_t rows_done = cp.rows_done;
  const auto started = std::chrono::steady_clock::now();
  auto last_report = started;
  int64_t rows_this_run = 0;
  bool done = cp.done;
  while (!done) {
    if (ctx.cancel && ctx.cancel->cancelled()) {
      return failure->status = Status::Cancelled("backfill cancelled at key " + KeyText(lower) + " (" +
                                                 std::to_string(rows_done) + " rows done); rerun to resume");
    }
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
        [&](const Status& why, int attempt, Millis pause) {
          spdlog::warn("{}: batch after key {}: {} (attempt {}); retrying in {}", where, KeyText(lower), why.message(),
                       attempt, FormatDuration(pause));
        });
    if (!st.ok()) return failure->status = st;
    auto now = std::chrono::steady_clock::now();
    rows_done += affected;
    rows_this_run += affected;
    lower = upper ? upper : lower;
    done = !upper;

    ThrottleDecision next = throttle.AfterBatch(
        {batch_size, affected, std::chrono::duration_cast<Millis>(now - batch_start)});
    if (now - last_report >= std::chrono::seconds(5) || done) {
      double secs = std::chrono::duration<double>(now - started).count();
      std::string total = cp.rows_estimate > 0 ? " of ~" + std::to_string(cp.rows_estimate) : "";
      spdlog::info("{}: backfill {}: {} rows{} done, {:.0f} rows/s{}", where, table, rows_done, total,
                   secs > 0 ? rows_this_run / secs : 0.0, next.reason.empty() ? "" : " (" + next.reason + ")");
      last_report = now;
    }
    batch_size = next.next_batch_size > 0 ? next.next_batch_size : batch_size;
    if (!done && next.pause.count() > 0 && !ctx.clock.SleepFor(next.pause, ctx.cancel)) {
      return failure->status = Status::Cancelled("backfill cancelled while pausing; rerun to resume");
    }
  }
  failure->statement = -1;
  Result<std::set<int>> recorded = ctx.state.DoneStatements(m.version());
  if (!recorded.ok()) return recorded.status();
  if (recorded->count(statement)) return Status::Ok();
  return ctx.state.MarkStatementDone(m.version(), statement, SectionKind::kBackfill);
}

}  // namespace migrate
