#include "cli/commands.h"

#include <cstdlib>

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

}  // namespace migrate
