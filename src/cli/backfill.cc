// `migrate backfill`: run or resume the pending backfills of expanded migrations only.
#include "cli/engine_session.h"

namespace migrate {

Result<int> RunBackfillCommand(const GlobalOptions& opts) {
  Result<std::unique_ptr<EngineSession>> session = OpenEngineSession(opts, kNeedFiles | kNeedLock | kNeedStateStore);
  if (!session.ok()) return session.status();
  OperationReport report;
  Status s = (*session)->MakeMigrator().Backfill(&report);
  if (s.ok() && report.done.empty()) report.done.push_back("nothing to backfill");
  if (!s.ok()) {
    if (!report.done.empty()) PrintOperationReport(opts, "backfill", report);
    return s;
  }
  PrintOperationReport(opts, "backfill", report);
  return 0;
}

}  // namespace migrate
