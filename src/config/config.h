// migrate.toml: project settings read with toml++. Flags override the file; the file overrides
// built-in defaults. Errors name the file, line and column.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/settings.h"
#include "base/status.h"
#include "engine/engine_settings.h"
#include "model/change.h"

namespace migrate {

struct Config {
  std::string path;                   // the file read, empty when none
  std::optional<std::string> dialect;
  std::optional<std::string> dir;
  std::optional<std::string> app;
  std::optional<std::string> database;
  std::optional<int> postgres_version;
  std::optional<MysqlVersion> mysql_version;
  std::vector<std::string> disabled_rules;
  std::map<std::string, std::string> severity;  // rule → "error" | "warning" | "off"
  EngineSettings engine;                         // [engine]; defaults where not set
};

// Reads `path`. When `required` is false a missing file yields an empty Config.
Result<Config> LoadConfig(const std::string& path, bool required);

// The lint settings of a config (rule names were validated when it was read).
LintSettings MakeLintSettings(const Config& config);

// "postgres" | "mysql" | "sqlite" (also "postgresql", "mariadb").
std::optional<Dialect> ParseDialect(std::string_view name);
// The dialect of a database URL's scheme: postgres://, postgresql://, mysql://, mariadb://, sqlite:.
std::optional<Dialect> DialectFromUrl(std::string_view url);

}  // namespace migrate
