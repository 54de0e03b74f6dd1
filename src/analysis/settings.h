// Lint settings, filled from migrate.toml and flags: which rules run, at what severity, and the
// server version that version-dependent rules judge against.
#pragma once

#include <map>
#include <set>
#include <string>

#include "analysis/finding.h"
#include "analysis/mysql_version.h"

namespace migrate {

// The oldest PostgreSQL major still supported upstream (14 reached end of life in November 2026).
inline constexpr int kDefaultPostgresVersion = 15;

struct LintSettings {
  int postgres_version = kDefaultPostgresVersion;
  MysqlVersion mysql_version = kDefaultMysqlVersion;  // flavour and version for the MySQL dialect
  std::set<std::string> disabled_rules;
  std::map<std::string, Severity> severity_overrides;
};

}  // namespace migrate
