// The backfill executor (SPEC §5): an UPDATE or DELETE of a backfill section runs in batches over
// the target table's key (primary key, else a unique NOT NULL key; composite keys work; SQLite
// rowid). Each batch is its own short transaction that also advances the checkpoint, so a kill at
// any instant loses nothing and no row is processed twice; a rerun resumes after the last
// committed batch. The throttle (throttle.h) decides each next batch size and pause.
#pragma once

#include "engine/backfill/throttle.h"
#include "engine/executor.h"

namespace migrate {

// Runs (or resumes) the backfill of one statement of `m`'s backfill section. Statements that are
// not UPDATE or DELETE (SET …, INSERT … SELECT) run once, as a step, in their own transaction.
Status RunBackfillStatement(ExecContext& ctx, const LoadedMigration& m, int statement, Throttle& throttle,
                            StepFailure* failure);

// The batch size for a backfill section: its batch=N, else the configured batch size.
int64_t SectionBatchSize(const Section& section, const EngineSettings& settings);

}  // namespace migrate
