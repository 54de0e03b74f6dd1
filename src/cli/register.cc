// `migrate register --app NAME --app-version V --instance ID [--ttl D] [--deregister]`: a live app
// instance reports its version for the gate (SPEC §6). A heartbeat: send it again before the TTL
// runs out, from a deploy pipeline or a readiness probe.
#include <iostream>

#include "base/semver.h"
#include "cli/engine_session.h"

namespace migrate {

Result<int> RunRegisterCommand(const GlobalOptions& opts, const RegisterArgs& args) {
  Result<std::unique_ptr<EngineSession>> session = OpenEngineSession(opts, kNeedStateStore);
  if (!session.ok()) return session.status();
  EngineSession& s = **session;
  if (s.app.empty()) return Status::Usage("register needs --app NAME (or `app` in migrate.toml)");
  if (args.instance.empty()) return Status::Usage("register needs --instance ID");
  if (args.deregister) {
    Status st = s.state->DeregisterInstance(s.app, args.instance);
    if (!st.ok()) return st;
    std::cout << "deregistered " << s.app << "/" << args.instance << "\n";
    return 0;
  }
  if (args.app_version.empty()) return Status::Usage("register needs --app-version V");
  if (!ParseSemVer(args.app_version).ok()) {
    return Status::Usage("--app-version must be a semantic version such as 2.0.0, got '" + args.app_version + "'");
  }
  Millis ttl = s.settings.instance_ttl;
  if (!args.ttl.empty()) {
    Result<Millis> d = ParseDuration(args.ttl);
    if (!d.ok() || d->count() < 1000) return Status::Usage("--ttl must be a duration of at least 1s, e.g. 60s");
    ttl = *d;
  }
  Status st = s.state->RegisterInstance(s.app, args.instance, args.app_version, ttl);
  if (!st.ok()) return st;
  std::cout << "registered " << s.app << "/" << args.instance << " at " << args.app_version << " for "
            << FormatDuration(ttl) << "\n";
  return 0;
}

}  // namespace migrate
