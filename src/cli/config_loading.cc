#include "cli/commands.h"

namespace migrate {

Result<Config> LoadConfigFor(const GlobalOptions& opts) {
  if (!opts.config_path.empty()) return LoadConfig(opts.config_path, /*required=*/true);
  return LoadConfig("migrate.toml", /*required=*/false);
}

}  // namespace migrate
