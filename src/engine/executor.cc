#include "engine/executor.h"

#include <spdlog/spdlog.h>

#include "engine/catalog.h"
#include "sql/quote.h"

namespace migrate {

RetryPolicy MakeRetryPolicy(const EngineSettings& s) { return RetryPolicy{s.ddl_retry_for, s.retry_initial, s.retry_max}; }

std::string StatementLocation(const LoadedMigration& m, int statement) {
  const Statement& s = m.file.statements[static_cast<size_t>(statement)];
  return m.file.path + ":" + std::to_string(s.pos.line) + ":" + std::to_string(s.pos.column);
}

namespace {

Status ApplyTimeouts(ExecContext& ctx, bool lock_timeout) {
  Status s = ctx.conn.SetLockTimeout(lock_timeout ? ctx.settings.lock_timeout : Millis(0));
  if (s.ok()) s = ctx.conn.SetStatementTimeout(ctx.settings.statement_timeout);
  return s;
}

// A CREATE INDEX CONCURRENTLY that failed before leaves an INVALID index behind: drop it so the
// build can start over. A valid index of that name means an earlier run built it but did not
// live to record it: the statement is done.
Result<bool> PrepareConcurrentIndex(ExecContext& ctx, const std::string& index) {
  Result<std::optional<bool>> valid = PostgresIndexValid(ctx.conn, index);
  if (!valid.ok()) return valid.status();
  if (!*valid) return false;
  if (**valid) return true;
  spdlog::warn("dropping the INVALID index {} left by an earlier failed build", index);
  Status s = ctx.conn.Execute("DROP INDEX CONCURRENTLY IF EXISTS " + QuoteQualifiedName(Dialect::kPostgres, index));
  if (!s.ok()) return s;
  return false;
}

Status Attempt(ExecContext& ctx, const LoadedMigration& m, const Step& step, StepFailure* failure) {
  Status s = ApplyTimeouts(ctx, step.lock_timeout);
  if (!s.ok()) return s;
  const auto& stmts = m.file.statements;
  if (step.mode == TxnMode::kAutocommit) {
    int index = step.statements.front();
    failure->statement = index;
    bool already_built = false;
    if (!step.concurrent_index.empty()) {
      Result<bool> prepared = PrepareConcurrentIndex(ctx, step.concurrent_index);
      if (!prepared.ok()) return prepared.status();
      already_built = *prepared;
    }
    if (!already_built) {
      s = ctx.conn.Execute(stmts[static_cast<size_t>(index)].text);
      if (!s.ok()) return s;
    }
    failure->statement = -1;
    return ctx.state.MarkStatementDone(m.version(), index, step.section);
  }
  s = ctx.conn.Begin();
  if (!s.ok()) return s;
  for (int index : step.statements) {
    failure->statement = index;
    s = ctx.conn.Execute(stmts[static_cast<size_t>(index)].text);
    if (!s.ok()) {
      (void)ctx.conn.Rollback();
      return s;
    }
  }
  failure->statement = -1;
  for (int index : step.statements) {
    s = ctx.state.MarkStatementDone(m.version(), index, step.section);
    if (!s.ok()) {
      (void)ctx.conn.Rollback();
      return s;
    }
  }
  s = ctx.conn.Commit();
  if (!s.ok()) (void)ctx.conn.Rollback();
  return s;
}

}  // namespace

Status RunStep(ExecContext& ctx, const LoadedMigration& m, const Step& step, StepFailure* failure) {
  const std::string where = StatementLocation(m, step.statements.front());
  Status s = RunWithRetry(
      MakeRetryPolicy(ctx.settings), ctx.clock, ctx.cancel,
      [&](int) { return Attempt(ctx, m, step, failure); },
      [&](const Status& why, int attempt, Millis pause) {
        spdlog::warn("{}: {} (attempt {}); retrying in {}", where, why.message(), attempt, FormatDuration(pause));
      });
  if (!s.ok()) {
    if (failure->statement < 0) failure->statement = step.statements.front();
    failure->status = s;
  }
  return s;
}

Status RunSteps(ExecContext& ctx, const LoadedMigration& m, const std::vector<Step>& steps, const std::set<int>& done,
                StepFailure* failure) {
  for (const Step& step : steps) {
    bool all_done = true;
    for (int i : step.statements) all_done = all_done && done.count(i);
    if (all_done) continue;
    if (ctx.cancel && ctx.cancel->cancelled()) {
      failure->statement = step.statements.front();
      failure->status = Status::Cancelled("cancelled before " + StatementLocation(m, step.statements.front()));
      return failure->status;
    }
    const Statement& first = m.file.statements[static_cast<size_t>(step.statements.front())];
    spdlog::info("{}: {}", StatementLocation(m, step.statements.front()),
                 first.changes.empty() ? std::string("statement") : Describe(first.changes.front()));
    Status s = RunStep(ctx, m, step, failure);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status RunGeneratedSql(ExecContext& ctx, const std::string& sql, bool autocommit, bool lock_timeout,
                       const std::string& label) {
  return RunWithRetry(
      MakeRetryPolicy(ctx.settings), ctx.clock, ctx.cancel,
      [&](int) {
        Status s = ApplyTimeouts(ctx, lock_timeout);
        if (!s.ok()) return s;
        if (autocommit) return ctx.conn.Execute(sql);
        s = ctx.conn.Begin();
        if (s.ok()) s = ctx.conn.Execute(sql);
        if (s.ok()) s = ctx.conn.Commit();
        if (!s.ok()) (void)ctx.conn.Rollback();
        return s;
      },
      [&](const Status& why, int attempt, Millis pause) {
        spdlog::warn("{}: {} (attempt {}); retrying in {}", label, why.message(), attempt, FormatDuration(pause));
      });
}

}  // namespace migrate
