// `migrate control pause|resume|set KEY=VALUE…`: live control of a running backfill through its
// control file (--control-file, [backfill] control-file, default ./migrate.control), re-read by
// the backfill before every batch: no restart, no database connection.
#include <iostream>

#include "cli/engine_session.h"
#include "engine/throttle/live_control.h"

namespace migrate {

Result<int> RunControlCommand(const GlobalOptions& opts, const ControlArgs& args) {
  Result<Config> config = LoadConfigFor(opts);
  if (!config.ok()) return config.status();
  ThrottleSettings settings = config->engine.throttle;
  Status flags = ApplyThrottleFlags(opts, &settings);
  if (!flags.ok()) return flags;
  const std::string& path = settings.control_file;
  if (path.empty()) return Status::Usage("no control file: set --control-file or [backfill] control-file");
  std::vector<std::pair<std::string, std::string>> changes;
  if (args.action == "pause") {
    changes.emplace_back("pause", "true");
  } else if (args.action == "resume") {
    changes.emplace_back("pause", "false");
  } else if (args.action == "set") {
    if (args.settings.empty()) return Status::Usage("control set needs KEY=VALUE, e.g. max-rows-per-second=5000");
    for (const std::string& kv : args.settings) {
      size_t eq = kv.find('=');
      if (eq == std::string::npos) return Status::Usage("control set: expected KEY=VALUE, got '" + kv + "'");
      changes.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
  } else {
    return Status::Usage("control takes pause, resume or set KEY=VALUE…, got '" + args.action + "'");
  }
  for (const auto& [key, value] : changes) {
    Status s = SetControlKey(path, key, value);
    if (!s.ok()) return s;
    std::cout << path << ": " << key << " = " << value << "\n";
  }
  return 0;
}

}  // namespace migrate
