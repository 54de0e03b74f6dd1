// `migrate baseline --version V`: adopt an existing database by recording the migrations up to V
// as applied without running them (docs/adopting.md: from Flyway, dbmate, golang-migrate).
#include "cli/engine_session.h"

namespace migrate {

Result<int> RunBaselineCommand(const GlobalOptions& opts, const std::string& version) {
  if (version.empty()) return Status::Usage("baseline needs --version V: the newest migration already in the database");
  Result<std::unique_ptr<EngineSession>> session = OpenEngineSession(opts, kNeedFiles | kNeedLock | kNeedStateStore);
  if (!session.ok()) return session.status();
  OperationReport report;
  Status s = (*session)->MakeMigrator().Baseline(version, &report);
  if (!s.ok()) return s;
  PrintOperationReport(opts, "baseline", report);
  return 0;
}

}  // namespace migrate
