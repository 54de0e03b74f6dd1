// The executor: runs the planner's steps against the database, each under the lock-timeout and
// retry policy of SPEC §5, and records each statement as done — in the statement's own
// transaction where the database allows, right after it where it cannot (autocommit steps) — so a
// rerun continues at the first statement not recorded.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "drivers/driver.h"
#include "engine/clock.h"
#include "engine/engine_settings.h"
#include "engine/migration_set.h"
#include "engine/planner.h"
#include "engine/retry.h"
#include "engine/state_store.h"

namespace migrate {

struct ExecContext {
  Connection& conn;
  StateStore& state;
  Clock& clock;
  CancelToken* cancel;
  const EngineSettings& settings;
};

RetryPolicy MakeRetryPolicy(const EngineSettings& settings);

// Where a step failed: the statement (index into the file) and why.
struct StepFailure {
  int statement = -1;
  Status status;
};

// Runs one step and records its statements as done. On failure nothing of a transactional step
// remains; `failure` names the statement.
Status RunStep(ExecContext& ctx, const LoadedMigration& m, const Step& step, StepFailure* failure);

// Runs the steps whose statements are not all in `done`, in order; stops at the first failure.
Status RunSteps(ExecContext& ctx, const LoadedMigration& m, const std::vector<Step>& steps, const std::set<int>& done,
                StepFailure* failure);

// Runs one generated statement (rollback's inverse) under the same retry policy, without a
// record: in its own transaction unless `autocommit`, under the short lock timeout if `lock_timeout`.
Status RunGeneratedSql(ExecContext& ctx, const std::string& sql, bool autocommit, bool lock_timeout,
                       const std::string& label);

// "file.sql:12:1" for messages.
std::string StatementLocation(const LoadedMigration& m, int statement);

}  // namespace migrate
