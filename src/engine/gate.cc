#include "engine/gate.h"

#include <cctype>

#include "base/semver.h"
#include "base/strings.h"

namespace migrate {
namespace {

bool HasSpace(std::string_view s) {
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

// Splits "[APP@]VERSION" at the first '@'; `app` is empty when there is none.
void SplitAppVersion(std::string_view text, std::string_view* app, std::string_view* version, bool* has_at) {
  size_t at = text.find('@');
  *has_at = at != std::string_view::npos;
  if (!*has_at) {
    *app = {};
    *version = text;
    return;
  }
  *app = Trim(text.substr(0, at));
  *version = Trim(text.substr(at + 1));
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "web-1 at 1.4.0 (registry)", "1.3.0 (pg_stat_activity)", "web-2 at \"nightly\" (registry; not a
// semantic version, counted as older)".
std::string DescribeInstance(const LiveInstance& i, bool parseable) {
  std::string out;
  if (!i.instance.empty()) out += i.instance + " at ";
  out += parseable ? i.version : "\"" + i.version + "\"";
  out += " (" + i.source;
  if (!parseable) out += "; not a semantic version, counted as older";
  out += ")";
  return out;
}

std::string MigrationLabel(const MigrationGateInfo& m) {
  if (m.name.empty()) return m.version;
  if (m.version.empty() || StartsWith(m.name, m.version)) return m.name;
  return m.version + "_" + m.name;
}

}  // namespace

Result<AppRequirement> ParseRequiresApp(std::string_view text, std::string_view default_app) {
  std::string_view t = Trim(text);
  if (t.empty()) return Status::Input("requires-app is empty: write requires-app=[APP@]VERSION");
  std::string_view app, version;
  bool has_at = false;
  SplitAppVersion(t, &app, &version, &has_at);
  if (has_at && app.empty()) {
    return Status::Input("requires-app=" + std::string(t) + " names no app before \"@\": write requires-app=APP@VERSION");
  }
  if (!has_at) app = Trim(default_app);
  if (app.empty()) {
    return Status::Input("requires-app=" + std::string(t) +
                         " names no app and no `app` setting is configured: write requires-app=APP@" +
                         std::string(version) + " or set `app` in migrate.toml");
  }
  Result<SemVer> v = ParseSemVer(version);
  if (!v.ok()) return Status::Input("requires-app=" + std::string(t) + ": " + v.status().message());
  return AppRequirement{std::string(app), std::string(version)};
}

Result<std::vector<LiveInstance>> ParseLiveVersions(std::string_view csv, std::string_view default_app) {
  std::vector<LiveInstance> out;
  int n = 0;
  for (const std::string& raw : Split(csv, ',')) {
    std::string_view entry = Trim(raw);
    if (entry.empty()) continue;
    ++n;
    std::string_view app, version;
    bool has_at = false;
    SplitAppVersion(entry, &app, &version, &has_at);
    if (has_at && app.empty()) {
      return Status::Usage("--live-versions entry \"" + std::string(entry) + "\" names no app before \"@\"");
    }
    if (!has_at) app = Trim(default_app);
    if (app.empty()) {
      return Status::Usage("--live-versions entry \"" + std::string(entry) +
                           "\" names no app and no `app` setting is configured: write APP@VERSION");
    }
    Result<SemVer> v = ParseSemVer(version);
    if (!v.ok()) {
      return Status::Usage("--live-versions entry \"" + std::string(entry) + "\": " + v.status().message());
    }
    out.push_back(LiveInstance{std::string(app), "entry " + std::to_string(n), std::string(version),
                               std::string(kSourceLiveVersions)});
  }
  return out;
}

std::optional<LiveInstance> ParseApplicationName(std::string_view application_name) {
  std::string_view s = Trim(application_name);
  size_t at = s.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view app = s.substr(0, at);
  std::string_view version = s.substr(at + 1);
  if (app.empty() || version.empty() || HasSpace(app) || HasSpace(version) ||
      version.find('@') != std::string_view::npos) {
    return std::nullopt;
  }
  return LiveInstance{std::string(app), "", std::string(version), std::string(kSourcePgStatActivity)};
}

GateDecision DecideContractGate(const AppRequirement& req, const std::vector<LiveInstance>& authoritative,
                                const std::vector<LiveInstance>& observed) {
  GateDecision d;
  Result<SemVer> required = ParseSemVer(req.version);
  if (!required.ok()) {
    d.reason = "requires-app version of app '" + req.app + "' is not usable: " + required.status().message();
    return d;
  }

  size_t known = 0;
  std::vector<std::string> older;
  auto check = [&](const LiveInstance& i) {
    if (i.app != req.app) return;
    Result<SemVer> v = ParseSemVer(i.version);
    const bool parseable = v.ok();
    if (parseable && CompareSemVer(*v, *required) >= 0) return;
    d.blocking.push_back(i);
    older.push_back(DescribeInstance(i, parseable));
  };
  for (const LiveInstance& i : authoritative) {
    if (i.app != req.app) continue;
    ++known;
    check(i);
  }
  if (known == 0) {
    d.reason = "no information about live versions of app '" + req.app +
               "': register instances with `migrate register` or pass --live-versions";
    return d;
  }
  size_t seen = 0;
  for (const LiveInstance& i : observed) {
    if (i.app != req.app) continue;
    ++seen;
    check(i);
  }

  if (!d.blocking.empty()) {
    d.reason = "contract requires " + req.app + " >= " + req.version + ", but " +
               Plural(d.blocking.size(), "live instance is", "live instances are") + " older: " +
               Join(older, ", ");
    return d;
  }
  d.open = true;
  d.reason = known == 1 ? "the 1 live instance of " + req.app + " is at >= " + req.version
                        : "all " + std::to_string(known) + " live instances of " + req.app + " are at >= " +
                              req.version;
  if (seen > 0) {
    d.reason += " (and " + Plural(seen, "connection", "connections") + " seen in pg_stat_activity agree)";
  }
  return d;
}

GateDecision DecideDeployGate(std::string_view app, std::string_view app_version,
                              const std::vector<MigrationGateInfo>& migrations) {
  GateDecision d;
  const std::string who = std::string(app) + " " + std::string(app_version);
  Result<SemVer> deploying = ParseSemVer(app_version);
  if (!deploying.ok()) {
    d.reason = "cannot judge deploying " + who + ": " + deploying.status().message();
    return d;
  }

  std::vector<std::string> pending;   // not expanded or not backfilled
  std::vector<std::string> newer;     // applied contracts requiring a newer app
  for (const MigrationGateInfo& m : migrations) {
    const std::string label = MigrationLabel(m);
    if (!m.expanded) {
      pending.push_back("migration " + label + " is not expanded yet");
    } else if (m.has_backfill && !m.backfilled) {
      pending.push_back("the backfill of migration " + label + " has not finished");
    }
    if (!m.contract_applied || !m.requires_app || m.requires_app->app != app) continue;
    Result<SemVer> required = ParseSemVer(m.requires_app->version);
    if (!required.ok()) {
      newer.push_back("the applied contract " + label + " has an unusable requires-app version \"" +
                      m.requires_app->version + "\" (counted as newer)");
    } else if (CompareSemVer(*required, *deploying) > 0) {
      newer.push_back("deploying " + who + " would run against a schema whose contract " + label +
                      " requires >= " + m.requires_app->version);
    }
  }

  std::vector<std::string> problems;
  if (!pending.empty()) {
    problems.push_back(Join(pending, ", ") + ": run `migrate apply` (and let backfills finish) before deploying");
  }
  for (const std::string& n : newer) problems.push_back(n);
  if (!problems.empty()) {
    d.reason = "not safe to deploy " + who + ": " + Join(problems, "; ");
    return d;
  }
  d.open = true;
  d.reason = "deploying " + who + " is safe: " +
             (migrations.empty() ? std::string("there are no migrations")
                                 : (migrations.size() == 1 ? std::string("the 1 migration is")
                                                           : "all " + std::to_string(migrations.size()) +
                                                                 " migrations are") +
                                       " expanded and backfilled") +
             ", and no applied contract requires a newer " + std::string(app);
  return d;
}

}  // namespace migrate
