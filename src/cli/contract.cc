// `migrate contract`: contract sections whose version gate is open, in version order; exit 3
// with the reason at the first closed gate (SPEC §6).
#include "cli/engine_session.h"

namespace migrate {

Result<int> RunContractCommand(const GlobalOptions& opts) {
  Result<std::unique_ptr<EngineSession>> session = OpenEngineSession(opts, kNeedFiles | kNeedLock | kNeedStateStore);
  if (!session.ok()) return session.status();
  OperationReport report;
  Status s = (*session)->MakeMigrator().Contract(&report);
  if (!report.done.empty()) PrintOperationReport(opts, "contract", report);
  if (!s.ok()) return s;
  return 0;
}

}  // namespace migrate
