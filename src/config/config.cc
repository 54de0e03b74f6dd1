#include "config/config.h"

#include <filesystem>
#include <set>
#include <toml++/toml.h>

#include "analysis/rule.h"
#include "base/duration.h"

namespace migrate {
namespace {

std::string Where(const std::string& path, const toml::source_region& r) {
  return path + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column);
}

Status BadValue(const std::string& path, const toml::node& node, const std::string& what) {
  return Status::Config(Where(path, node.source()) + ": " + what);
}

Status BadKey(const std::string& path, const toml::key& key, const std::string& what) {
  return Status::Config(Where(path, key.source()) + ": " + what);
}

Result<std::optional<std::string>> OptString(const std::string& path, const toml::table& t, const char* key) {
  const toml::node* n = t.get(key);
  if (!n) return std::optional<std::string>();
  if (!n->is_string()) return BadValue(path, *n, std::string("'") + key + "' must be a string");
  return std::optional<std::string>(n->as_string()->get());
}

// A duration setting: a TOML string such as "250ms", "1s" or "5m".
Status ReadDuration(const std::string& path, const toml::node& value, const std::string& name, Millis* field) {
  auto text = value.value<std::string>();
  Result<Millis> d = text ? ParseDuration(*text) : Result<Millis>(Status::Usage(""));
  if (!d.ok()) return BadValue(path, value, name + " must be a duration such as \"1s\", \"500ms\" or \"5m\"");
  *field = *d;
  return Status::Ok();
}

// [engine]: durations as strings ("1s", "500ms", "5m"), sizes as integers.
Status ReadEngineTable(const std::string& path, const toml::node& node, EngineSettings* engine) {
  const toml::table* table = node.as_table();
  if (!table) return BadValue(path, node, "[engine] must be a table");
  const std::pair<const char*, Millis*> durations[] = {
      {"lock-timeout", &engine->lock_timeout},       {"ddl-retry-for", &engine->ddl_retry_for},
      {"statement-timeout", &engine->statement_timeout}, {"lock-wait", &engine->lock_wait},
      {"batch-pause", &engine->batch_pause},         {"instance-ttl", &engine->instance_ttl}};
  for (const auto& [key, value] : *table) {
    std::string k(key.str());
    bool known = false;
    for (const auto& [name, field] : durations) {
      if (k != name) continue;
      known = true;
      Status st = ReadDuration(path, value, "engine." + k, field);
      if (!st.ok()) return st;
    }
    if (k == "batch-size") {
      known = true;
      auto n = value.value<int64_t>();
      if (!n || *n < 1) return BadValue(path, value, "engine.batch-size must be a positive integer");
      engine->batch_size = *n;
    }
    if (!known) {
      return BadKey(path, key, "unknown setting 'engine." + k + "' (known: lock-timeout, ddl-retry-for, "
                               "statement-timeout, lock-wait, batch-size, batch-pause, instance-ttl)");
    }
  }
  return Status::Ok();
}

// [backfill]: the throttle (engine/throttle/throttle_settings.h).
Status ReadBackfillTable(const std::string& path, const toml::node& node, ThrottleSettings* t) {
  const toml::table* table = node.as_table();
  if (!table) return BadValue(path, node, "[backfill] must be a table");
  const std::pair<const char*, Millis*> durations[] = {{"target-batch-time", &t->target_batch_time},
                                                       {"check-interval", &t->check_interval},
                                                       {"max-pause", &t->max_pause},
                                                       {"max-replica-lag", &t->max_replica_lag},
                                                       {"probe-floor", &t->probe_floor}};
  const std::pair<const char*, int64_t*> integers[] = {{"min-batch", &t->min_batch},
                                                       {"max-batch", &t->max_batch},
                                                       {"max-active-sessions", &t->max_active_sessions},
                                                       {"max-wal-bytes-per-second", &t->max_wal_bytes_per_second},
                                                       {"max-slot-retained-bytes", &t->max_slot_retained_bytes}};
  const std::pair<const char*, double*> numbers[] = {{"max-rows-per-second", &t->max_rows_per_second},
                                                     {"max-probe-ratio", &t->max_probe_ratio},
                                                     {"max-app-load-ratio", &t->max_app_load_ratio},
                                                     {"app-load-margin", &t->app_load_margin},
                                                     {"sqlite-write-share", &t->sqlite_write_share},
                                                     {"throttle-query-max", &t->throttle_query_max}};
  const std::pair<const char*, std::string*> strings[] = {{"throttle-query", &t->throttle_query},
                                                          {"pause-file", &t->pause_file},
                                                          {"control-file", &t->control_file}};
  for (const auto& [key, value] : *table) {
    std::string k(key.str());
    bool known = false;
    for (const auto& [name, field] : durations) {
      if (k != name) continue;
      known = true;
      Status st = ReadDuration(path, value, "backfill." + k, field);
      if (!st.ok()) return st;
    }
    for (const auto& [name, field] : integers) {
      if (k != name) continue;
      known = true;
      auto n = value.value<int64_t>();
      if (!n || *n < 0) return BadValue(path, value, "backfill." + k + " must be an integer >= 0");
      *field = *n;
    }
    for (const auto& [name, field] : numbers) {
      if (k != name) continue;
      known = true;
      auto n = value.value<double>();
      if (!n || *n < 0) return BadValue(path, value, "backfill." + k + " must be a number >= 0");
      if (field == &t->sqlite_write_share && (*n <= 0 || *n > 1)) {
        return BadValue(path, value, "backfill.sqlite-write-share must be a share in (0, 1]");
      }
      *field = *n;
    }
    for (const auto& [name, field] : strings) {
      if (k != name) continue;
      known = true;
      auto text = value.value<std::string>();
      if (!text) return BadValue(path, value, "backfill." + k + " must be a string");
      *field = *text;
    }
    if (k == "replicas") {
      known = true;
      const toml::array* arr = value.as_array();
      if (!arr) return BadValue(path, value, "backfill.replicas must be an array of database URLs");
      for (const toml::node& item : *arr) {
        if (!item.is_string()) return BadValue(path, item, "backfill.replicas must hold database URLs");
        t->replicas.push_back(item.as_string()->get());
      }
    }
    if (!known) {
      return BadKey(path, key, "unknown setting 'backfill." + k + "' (see docs/backfill.md for the throttle settings)");
    }
  }
  if (t->min_batch < 1 || t->max_batch < t->min_batch) {
    return BadValue(path, node, "backfill: min-batch must be >= 1 and max-batch >= min-batch");
  }
  return Status::Ok();
}

}  // namespace

Result<Config> LoadConfig(const std::string& path, bool required) {
  Config config;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (required) return Status::Config(path + ": no such config file");
    return config;
  }
  config.path = path;
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Status::Config(Where(path, e.source()) + ": " + std::string(e.description()));
  }

  static const std::set<std::string> kTopKeys = {"dialect", "dir", "app", "database", "postgres-version",
                                                 "mysql-version", "lint", "engine", "backfill"};
  for (const auto& [key, node] : root) {
    if (!kTopKeys.count(std::string(key.str()))) {
      return BadKey(path, key, "unknown setting '" + std::string(key.str()) +
                                      "' (known: dialect, dir, app, database, postgres-version, "
                                      "mysql-version, [lint], [engine], [backfill])");
    }
  }
  for (auto [key, field] : {std::pair{"dialect", &config.dialect}, std::pair{"dir", &config.dir},
                            std::pair{"app", &config.app}, std::pair{"database", &config.database}}) {
    auto v = OptString(path, root, key);
    if (!v.ok()) return v.status();
    *field = *v;
  }
  if (config.dialect && *config.dialect != "postgres" && *config.dialect != "mysql" &&
      *config.dialect != "sqlite") {
    return BadValue(path, *root.get("dialect"), "dialect must be postgres, mysql or sqlite");
  }
  if (const toml::node* n = root.get("postgres-version")) {
    auto v = n->value<int64_t>();
    if (!v || *v < 9 || *v > 99) return BadValue(path, *n, "postgres-version must be a major version such as 15");
    config.postgres_version = static_cast<int>(*v);
  }
  if (const toml::node* n = root.get("mysql-version")) {
    auto v = n->value<std::string>();
    std::optional<MysqlVersion> version = v ? MysqlVersion::Parse(*v) : std::nullopt;
    if (!version) {
      return BadValue(path, *n,
                      "mysql-version must name a flavour and version: mysql-X.Y[.Z] (MySQL 5.7, 8.0 to 8.4, "
                      "9.x) or mariadb-X.Y[.Z] (MariaDB 10.2 to 10.11, 11.x, 12.x), e.g. \"mysql-8.0\" or "
                      "\"mariadb-10.11\"");
    }
    config.mysql_version = *version;
  }
  if (const toml::node* lint_node = root.get("lint")) {
    const toml::table* lint = lint_node->as_table();
    if (!lint) return BadValue(path, *lint_node, "[lint] must be a table");
    for (const auto& [key, node] : *lint) {
      std::string k(key.str());
      if (k == "disable") {
        const toml::array* arr = node.as_array();
        if (!arr) return BadValue(path, node, "lint.disable must be an array of rule names");
        for (const toml::node& item : *arr) {
          if (!item.is_string()) return BadValue(path, item, "lint.disable must hold rule names");
          std::string rule = item.as_string()->get();
          if (!FindRule(rule)) return BadValue(path, item, "unknown rule '" + rule + "'");
          config.disabled_rules.push_back(rule);
        }
      } else if (k == "severity") {
        const toml::table* sev = node.as_table();
        if (!sev) return BadValue(path, node, "[lint.severity] must be a table of rule = \"error|warning|off\"");
        for (const auto& [rule_key, level] : *sev) {
          std::string rule(rule_key.str());
          if (!FindRule(rule)) return BadValue(path, level, "unknown rule '" + rule + "'");
          auto value = level.value<std::string>();
          if (!value || (*value != "error" && *value != "warning" && *value != "off")) {
            return BadValue(path, level, "severity of '" + rule + "' must be \"error\", \"warning\" or \"off\"");
          }
          config.severity[rule] = *value;
        }
      } else {
        return BadKey(path, key, "unknown setting 'lint." + k + "' (known: disable, severity)");
      }
    }
  }
  if (const toml::node* backfill_node = root.get("backfill")) {
    Status s = ReadBackfillTable(path, *backfill_node, &config.engine.throttle);
    if (!s.ok()) return s;
  }
  if (const toml::node* engine_node = root.get("engine")) {
    Status s = ReadEngineTable(path, *engine_node, &config.engine);
    if (!s.ok()) return s;
  }
  return config;
}

LintSettings MakeLintSettings(const Config& config) {
  LintSettings s;
  if (config.postgres_version) s.postgres_version = *config.postgres_version;
  if (config.mysql_version) s.mysql_version = *config.mysql_version;
  for (const std::string& r : config.disabled_rules) s.disabled_rules.insert(r);
  for (const auto& [rule, level] : config.severity) {
    if (level == "off") s.disabled_rules.insert(rule);
    else s.severity_overrides[rule] = level == "error" ? Severity::kError : Severity::kWarning;
  }
  return s;
}

std::optional<Dialect> ParseDialect(std::string_view name) {
  if (name == "postgres" || name == "postgresql") return Dialect::kPostgres;
  if (name == "mysql" || name == "mariadb") return Dialect::kMysql;
  if (name == "sqlite") return Dialect::kSqlite;
  return std::nullopt;
}

std::optional<Dialect> DialectFromUrl(std::string_view url) {
  size_t colon = url.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return ParseDialect(url.substr(0, colon));
}

}  // namespace migrate
