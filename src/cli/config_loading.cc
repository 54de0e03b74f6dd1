#include "cli/commands.h"

#include <cstdlib>

#include "sql/front_end.h"

namespace migrate {

Result<Config> LoadConfigFor(const GlobalOptions& opts) {
  if (!opts.config_path.empty()) return LoadConfig(opts.config_path, /*required=*/true);
  return LoadConfig("migrate.toml", /*required=*/false);
}

std::string ResolveDatabaseUrl(const GlobalOptions& opts, const Config& config, bool* is_default) {
  *is_default = false;
  if (!opts.database.empty()) return opts.database;
  for (const char* env : {"MIGRATE_DATABASE_URL", "DATABASE_URL"}) {
    const char* v = std::getenv(env);
    if (v && *v) return v;
  }
  if (config.database) return *config.database;
  *is_default = true;
  return "sqlite:migrate.db";
}

Result<Dialect> ResolveStaticDialect(const GlobalOptions& opts, const Config& config, const std::string& command) {
  std::optional<Dialect> dialect;
  if (!opts.dialect.empty()) {
    dialect = ParseDialect(opts.dialect);
    if (!dialect) return Status::Usage("--dialect must be postgres, mysql or sqlite, got '" + opts.dialect + "'");
  } else if (config.dialect) {
    dialect = ParseDialect(*config.dialect);
  } else {
    bool is_default = false;
    const std::string url = ResolveDatabaseUrl(opts, config, &is_default);
    if (!is_default) dialect = DialectFromUrl(url);
  }
  if (!dialect) {
    return Status::Usage(command + " needs a dialect: pass --dialect postgres|mysql|sqlite or set dialect in migrate.toml");
  }
  if (MakeFrontEnd(*dialect) == nullptr) {
    return Status::Usage(command + " has no " + DialectName(*dialect) + " front end in this build");
  }
  return *dialect;
}

}  // namespace migrate
