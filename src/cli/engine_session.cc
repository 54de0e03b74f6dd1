#include "cli/engine_session.h"

#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "base/strings.h"

namespace migrate {

namespace {

Status ApplyDurationFlag(const std::string& flag, const std::string& value, Millis* field) {
  if (value.empty()) return Status::Ok();
  Result<Millis> d = ParseDuration(value);
  if (!d.ok()) return Status::Usage("--" + flag + ": " + d.status().message());
  *field = *d;
  return Status::Ok();
}

// PostgreSQL's default search_path is "$user", public. For a role named `migrate` "$user" is the
// state schema, so once it exists the migrations' unqualified CREATE TABLE would land in it.
// Drop "$user" from this session's search_path in that case (and only then).
Status KeepStateSchemaOffSearchPath(Connection& conn) {
  Result<Rows> r = conn.Query("SELECT current_user::text, current_setting('search_path')");
  if (!r.ok()) return r.status();
  if (r->rows.empty() || r->rows[0][0].value_or("") != "migrate") return Status::Ok();
  std::string path = r->rows[0][1].value_or("");
  std::vector<std::string> kept;
  for (const std::string& part : Split(path, ',')) {
    std::string p(Trim(part));
    if (p != "\"$user\"" && p != "$user" && p != "migrate") kept.push_back(p);
  }
  if (kept.size() == Split(path, ',').size()) return Status::Ok();
  if (kept.empty()) kept.push_back("public");
  spdlog::debug("role 'migrate': search_path {} -> {}", path, Join(kept, ", "));
  return conn.Execute("SET search_path TO " + Join(kept, ", "));
}

}  // namespace

Status ApplyThrottleFlags(const GlobalOptions& opts, ThrottleSettings* t) {
  if (!opts.replicas.empty()) t->replicas = opts.replicas;
  Status s = ApplyDurationFlag("max-replica-lag", opts.max_replica_lag, &t->max_replica_lag);
  if (s.ok()) s = ApplyDurationFlag("target-batch-time", opts.target_batch_time, &t->target_batch_time);
  if (!s.ok()) return s;
  if (opts.max_rows_per_second >= 0) t->max_rows_per_second = opts.max_rows_per_second;
  if (!opts.pause_file.empty()) t->pause_file = opts.pause_file;
  if (!opts.control_file.empty()) t->control_file = opts.control_file;
  if (!opts.throttle_query.empty()) t->throttle_query = opts.throttle_query;
  if (opts.throttle_query_max >= 0) t->throttle_query_max = opts.throttle_query_max;
  if (!t->throttle_query.empty() && t->throttle_query_max <= 0) {
    return Status::Usage("--throttle-query needs --throttle-query-max (its threshold)");
  }
  return Status::Ok();
}

Migrator EngineSession::MakeMigrator(bool force) {
  MigratorOptions options;
  options.app = app;
  options.live_versions = live_versions;
  options.force = force;
  options.format = format;
  options.url = url;
  return Migrator(set, Context(), options);
}

EngineSession::~EngineSession() {
  lock.reset();
  if (conn) cancel.Unwatch(conn.get());
  if (lock_conn) cancel.Unwatch(lock_conn.get());
}

Result<std::unique_ptr<EngineSession>> OpenEngineSession(const GlobalOptions& opts, int needs) {
  if (opts.format != "text" && opts.format != "json") {
    return Status::Usage("--format must be text or json for this command, got '" + opts.format + "'");
  }
  auto session = std::make_unique<EngineSession>();
  // Signals first: threads started later (the loader's) inherit the blocked mask.
  session->signals = std::make_unique<SignalWatcher>(&session->cancel);
  Result<Config> config = LoadConfigFor(opts);
  if (!config.ok()) return config.status();
  session->config = *config;
  session->settings = config->engine;
  session->format = opts.format;
  session->lint = MakeLintSettings(*config);
  session->dir = !opts.dir.empty() ? opts.dir : config->dir.value_or("migrations");
  session->app = !opts.app.empty() ? opts.app : config->app.value_or("");
  for (const auto& [flag, value, field] :
       {std::tuple{"lock-timeout", opts.lock_timeout, &session->settings.lock_timeout},
        std::tuple{"ddl-retry-for", opts.ddl_retry_for, &session->settings.ddl_retry_for},
        std::tuple{"statement-timeout", opts.statement_timeout, &session->settings.statement_timeout},
        std::tuple{"lock-wait", opts.lock_wait, &session->settings.lock_wait}}) {
    Status s = ApplyDurationFlag(flag, value, field);
    if (!s.ok()) return s;
  }
  Status throttle = ApplyThrottleFlags(opts, &session->settings.throttle);
  if (!throttle.ok()) return throttle;
  if (opts.batch_size < 0) return Status::Usage("--batch-size must be positive");
  if (opts.batch_size > 0) session->settings.batch_size = opts.batch_size;
  if (!opts.live_versions.empty()) {
    Result<std::vector<LiveInstance>> live = ParseLiveVersions(opts.live_versions, session->app);
    if (!live.ok()) return Status::Usage("--live-versions: " + live.status().message());
    session->live_versions = *live;
  }

  bool is_default = false;
  const std::string url_text = ResolveDatabaseUrl(opts, *config, &is_default);
  if (is_default) spdlog::info("no database given: using the embedded default sqlite:migrate.db");
  Result<DatabaseUrl> url = ParseDatabaseUrl(url_text);
  if (!url.ok()) return url.status();
  session->url = *url;
  std::optional<Dialect> wanted;
  if (!opts.dialect.empty()) wanted = ParseDialect(opts.dialect);
  else if (config->dialect) wanted = ParseDialect(*config->dialect);
  if (!opts.dialect.empty() && !wanted) {
    return Status::Usage("--dialect must be postgres, mysql or sqlite, got '" + opts.dialect + "'");
  }
  if (wanted && *wanted != url->dialect) {
    return Status::Usage(std::string("the dialect is ") + DialectName(*wanted) + " but the database " + url->Redacted() +
                         " is " + DialectName(url->dialect));
  }

  if (needs & kNeedFiles) {
    Result<MigrationSet> set = LoadMigrationSet(session->dir, url->dialect, session->lint);
    if (!set.ok()) return set.status();
    session->set = std::move(set).value();
  }

  ConnectOptions connect;
  connect.application_name = "migrate";
  Result<std::unique_ptr<Connection>> conn = Connect(*url, connect);
  if (!conn.ok()) return conn.status();
  session->conn = std::move(conn).value();
  session->cancel.Watch(session->conn.get());
  if (url->dialect == Dialect::kPostgres) {
    Status s = KeepStateSchemaOffSearchPath(*session->conn);
    if (!s.ok()) return s;
  }
  session->state = std::make_unique<StateStore>(session->conn.get(), &session->clock);
  spdlog::debug("connected to {} ({})", url->Redacted(), session->conn->ServerVersion());

  if (needs & kNeedLock) {
    if (url->dialect != Dialect::kSqlite) {
      Result<std::unique_ptr<Connection>> lock_conn = Connect(*url, connect);
      if (!lock_conn.ok()) return lock_conn.status();
      session->lock_conn = std::move(lock_conn).value();
      session->cancel.Watch(session->lock_conn.get());
    }
    Result<std::unique_ptr<MigratorLock>> lock = MigratorLock::Acquire(
        *url, session->lock_conn.get(), session->settings.lock_wait, session->clock, &session->cancel);
    if (!lock.ok()) return lock.status();
    session->lock = std::move(lock).value();
  }
  if (needs & kNeedStateStore) {
    Status s = session->state->Ensure();
    if (!s.ok()) return s;
  }
  return session;
}

void PrintOperationReport(const GlobalOptions& opts, const std::string& command, const OperationReport& report) {
  if (opts.format == "json") {
    nlohmann::json j;
    j["command"] = command;
    j["done"] = report.done;
    std::cout << j.dump(2) << "\n";
    return;
  }
  for (const std::string& line : report.done) std::cout << line << "\n";
  if (report.done.empty()) std::cout << command << ": nothing to do\n";
}

}  // namespace migrate
