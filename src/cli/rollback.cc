// `migrate rollback`: undo the newest migration that is not contracted, by the inverse of its
// expand statements; refused with the reason where none is safe (SPEC §3, §6).
#include "cli/engine_session.h"

namespace migrate {

Result<int> RunRollbackCommand(const GlobalOptions& opts, bool force) {
  Result<std::unique_ptr<EngineSession>> session = OpenEngineSession(opts, kNeedFiles | kNeedLock | kNeedStateStore);
  if (!session.ok()) return session.status();
  OperationReport report;
  Status s = (*session)->MakeMigrator(force).Rollback(&report);
  if (!s.ok()) return s;
  PrintOperationReport(opts, "rollback", report);
  return 0;
}

}  // namespace migrate
