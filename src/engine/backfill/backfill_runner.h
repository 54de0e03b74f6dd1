// The backfill executor (SPEC §5): an UPDATE or DELETE of a backfill section runs in batches over
// the target table's key (primary key, else a unique NOT NULL key; composite keys work; SQLite
// rowid). Each batch is its own short transaction that also advances the checkpoint, so a kill at
// any instant loses nothing and no row is processed twice; a rerun resumes after the last
// committed batch. The throttle (engine/throttle/) decides each batch's size and the pause before
// it; progress goes to a ProgressSink (progress.h).
#pragma once

#include <functional>
#include <memory>

#include "engine/backfill/progress.h"
#include "engine/executor.h"
#include "engine/throttle/make_throttle.h"
#include "engine/throttle/throttle.h"

namespace migrate {

// Builds the throttle of one backfill statement once its table and key are known.
using ThrottleFactory = std::function<Result<std::unique_ptr<Throttle>>(const BackfillTarget& target)>;

// Runs (or resumes) the backfill of one statement of `m`'s backfill section. Statements that are
// not UPDATE or DELETE (SET …, INSERT … SELECT) run once, as a step, in their own transaction.
Status RunBackfillStatement(ExecContext& ctx, const LoadedMigration& m, int statement,
                            const ThrottleFactory& make_throttle, ProgressSink* progress, StepFailure* failure);

// The batch size for a backfill section: its batch=N, else the configured batch size.
int64_t SectionBatchSize(const Section& section, const EngineSettings& settings);

}  // namespace migrate
