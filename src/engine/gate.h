// The version gate (SPEC §6) as pure decisions: the engine gathers the inputs (requires-app of a
// contract section, the app-instance registry or --live-versions, pg_stat_activity's
// application_name values, the migrations' progress) and these functions decide whether a
// contract may run and whether deploying an app version is safe, with a specific,
// human-readable reason either way. Versions are compared as semantic versions (base/semver.h);
// app names are compared exactly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace migrate {

// requires-app=[APP@]VERSION of a contract section.
struct AppRequirement {
  std::string app;
  std::string version;  // a valid semantic version, as written
};

// Parses "[APP@]VERSION"; APP defaults to `default_app` (the `app` setting). Status::Input when
// there is no app and no default, the app is empty ("@2.0.0") or the version is not semver.
Result<AppRequirement> ParseRequiresApp(std::string_view text, std::string_view default_app);

// One live app instance and where the gate learned of it.
struct LiveInstance {
  std::string app;
  std::string instance;  // registry: the registered ID; --live-versions: "entry N"; observed: as the engine names it
  std::string version;   // as reported; an unparseable version is treated as older than any
  std::string source;    // "registry", "--live-versions", "pg_stat_activity"
};

inline constexpr std::string_view kSourceRegistry = "registry";
inline constexpr std::string_view kSourceLiveVersions = "--live-versions";
inline constexpr std::string_view kSourcePgStatActivity = "pg_stat_activity";

// Parses --live-versions: comma-separated [APP@]VERSION entries ("1.4.0,2.0.0",
// "api@1.4.0,api@2.0.0"); APP defaults to `default_app`. Blank entries are skipped; an empty
// list means "no live instances known". Status::Usage for an entry without an app (and no
// default) or with a version that is not semver.
Result<std::vector<LiveInstance>> ParseLiveVersions(std::string_view csv, std::string_view default_app);

// Parses a PostgreSQL application_name of the form "NAME@VERSION" (both parts non-empty, no
// whitespace) into an observed instance (source pg_stat_activity, instance empty); anything
// else gives nullopt. The version is not validated here: the gate counts an unparseable one as
// older.
std::optional<LiveInstance> ParseApplicationName(std::string_view application_name);

struct GateDecision {
  bool open = false;
  std::string reason;                  // why open or closed, for the user
  std::vector<LiveInstance> blocking;  // the instances that keep a contract gate closed
};

// May a contract section with requirement `req` run? `authoritative` holds the unexpired
// registry entries or the --live-versions entries (the engine passes one or the other);
// `observed` the pg_stat_activity instances, which can only close the gate. Only instances of
// req.app count. Closed when no authoritative instance of the app is known, or when any
// authoritative or observed instance is older than req.version (an unparseable version counts
// as older: fail safe).
GateDecision DecideContractGate(const AppRequirement& req, const std::vector<LiveInstance>& authoritative,
                                const std::vector<LiveInstance>& observed);

// A migration's progress as the deploy gate needs it.
struct MigrationGateInfo {
  std::string version;  // "0003"
  std::string name;     // "0003_full_name" or the slug "full_name"; shown in reasons
  bool expanded = false;
  bool backfilled = false;
  bool has_backfill = false;
  bool contract_applied = false;
  std::optional<AppRequirement> requires_app;
};

// `migrate gate --app-version V`: is deploying `app` at `app_version` safe now? Closed when a
// migration is not expanded or its backfill has not finished (the new version may need them),
// or when an applied contract requires `app` newer than `app_version` (old code against a schema
// that no longer has what it needs). Every problem is named in the reason.
GateDecision DecideDeployGate(std::string_view app, std::string_view app_version,
                              const std::vector<MigrationGateInfo>& migrations);

}  // namespace migrate
