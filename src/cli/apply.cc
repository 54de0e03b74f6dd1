// `migrate apply`: pending expand sections, then backfills, in version order (SPEC §3, §5).
#include "cli/engine_session.h"

namespace migrate {

Result<int> RunApplyCommand(const GlobalOptions& opts) {
  Result<std::unique_ptr<EngineSession>> session = OpenEngineSession(opts, kNeedFiles | kNeedLock | kNeedStateStore);
  if (!session.ok()) return session.status();
  OperationReport report;
  Status s = (*session)->MakeMigrator().Apply(&report);
  if (s.ok() && report.done.empty()) report.done.push_back("nothing to apply: every migration is expanded and backfilled");
  if (!s.ok()) {
    if (!report.done.empty()) PrintOperationReport(opts, "apply", report);
    return s;
  }
  PrintOperationReport(opts, "apply", report);
  return 0;
}

}  // namespace migrate
