// `migrate gate --app-version V`: the pre-deploy check. Exit 0 when deploying V is safe now, exit 3
// with the reason when a migration is not yet expanded and backfilled or an applied contract
// requires a newer app (SPEC §6).
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/semver.h"
#include "cli/engine_session.h"

namespace migrate {

Result<int> RunGateCommand(const GlobalOptions& opts, const GateArgs& args) {
  if (args.app_version.empty()) return Status::Usage("gate needs --app-version V: the version about to be deployed");
  if (!ParseSemVer(args.app_version).ok()) {
    return Status::Usage("--app-version must be a semantic version such as 2.0.0, got '" + args.app_version + "'");
  }
  Result<std::unique_ptr<EngineSession>> session = OpenEngineSession(opts, kNeedFiles);
  if (!session.ok()) return session.status();
  EngineSession& s = **session;
  Result<bool> exists = s.state->Exists();
  if (!exists.ok()) return exists.status();
  GateDecision decision;
  if (!*exists) {
    decision = {false, "no migration has been applied to " + s.url.Redacted() + " yet (run `migrate apply`)", {}};
    if (s.set.migrations.empty()) decision = {true, "no migrations", {}};
  } else {
    Result<GateDecision> d = s.MakeMigrator().DeployGate(args.app_version);
    if (!d.ok()) return d.status();
    decision = *d;
  }
  if (opts.format == "json") {
    nlohmann::json j{{"app", s.app}, {"app_version", args.app_version}, {"open", decision.open}, {"reason", decision.reason}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << (decision.open ? "gate open: " : "gate closed: ") << decision.reason << "\n";
  }
  if (!decision.open) return 3;
  return 0;
}

}  // namespace migrate
