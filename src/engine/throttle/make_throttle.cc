#include "engine/throttle/make_throttle.h"

#include "base/strings.h"
#include "engine/throttle/signals/app_load.h"
#include "engine/throttle/signals/custom_query.h"
#include "engine/throttle/signals/probe_latency.h"
#include "engine/throttle/signals/replica_lag.h"
#include "engine/throttle/signals/server_load.h"
#include "engine/throttle/signals/wal_pressure.h"
#include "sql/quote.h"

namespace migrate {
namespace {
constexpr Millis kProbeInterval{100};  // background probes: 10 cheap queries a second
}  // namespace

Result<std::vector<std::unique_ptr<ThrottleSignal>>> MakeSignals(const ThrottleSettings& settings, Connection& conn,
                                                                  const BackfillTarget& target, Clock& clock,
                                                                  const DatabaseUrl* url) {
  std::vector<std::unique_ptr<ThrottleSignal>> signals;
  const Dialect dialect = conn.dialect();
  if (!settings.replicas.empty()) {
    if (dialect == Dialect::kSqlite) return Status::Usage("--replica: SQLite has no replicas");
    std::vector<ReplicaLagSignal::Replica> replicas;
    for (const std::string& text : settings.replicas) {
      Result<DatabaseUrl> url = ParseDatabaseUrl(text);
      if (!url.ok()) return Status::Usage("--replica: " + url.status().message());
      if (url->dialect != dialect) return Status::Usage("--replica " + url->Redacted() + ": not the primary's database kind");
      ConnectOptions options;
      options.application_name = "migrate (replica lag)";
      Result<std::unique_ptr<Connection>> replica = Connect(*url, options);
      if (!replica.ok()) return replica.status();
      replicas.push_back({url->Redacted(), std::move(replica).value()});
    }
    signals.push_back(std::make_unique<ReplicaLagSignal>(&conn, std::move(replicas), settings.max_replica_lag, &clock));
  }
  if (dialect != Dialect::kSqlite && settings.max_active_sessions > 0) {
    signals.push_back(std::make_unique<ServerLoadSignal>(&conn, settings.max_active_sessions));
  }
  if (dialect != Dialect::kSqlite && settings.max_app_load_ratio > 0 && url) {
    ConnectOptions options;
    options.application_name = "migrate (app load)";
    Result<std::unique_ptr<Connection>> sampler = Connect(*url, options);
    if (!sampler.ok()) return sampler.status();
    AppLoadSignal::Options app;
    app.max_ratio = settings.max_app_load_ratio;
    app.min_excess = settings.app_load_margin;
    signals.push_back(std::make_unique<AppLoadSignal>(std::move(sampler).value(), &conn, app, &clock));
  }
  if (settings.max_probe_ratio > 0 && !target.key.empty()) {
    std::vector<std::string> key;
    for (const std::string& k : target.key) key.push_back(QuoteIdentifier(dialect, k));
    std::string canary = "SELECT " + Join(key, ", ") + " FROM " + QuoteQualifiedName(dialect, target.table) +
                         " ORDER BY " + Join(key, ", ") + " LIMIT 1";
    std::unique_ptr<Connection> probe_conn;
    // SQLite: a second connection would meet the backfill's write lock; probe between batches.
    if (url && url->dialect != Dialect::kSqlite) {
      ConnectOptions options;
      options.application_name = "migrate (latency probe)";
      Result<std::unique_ptr<Connection>> c = Connect(*url, options);
      if (!c.ok()) return c.status();
      probe_conn = std::move(c).value();
    }
    if (probe_conn) {
      signals.push_back(std::make_unique<ProbeLatencySignal>(std::move(probe_conn), canary, settings.max_probe_ratio,
                                                             settings.probe_floor, kProbeInterval));
    } else {
      signals.push_back(
          std::make_unique<ProbeLatencySignal>(&conn, canary, settings.max_probe_ratio, settings.probe_floor));
    }
  }
  if (dialect == Dialect::kPostgres && settings.max_wal_bytes_per_second > 0) {
    signals.push_back(std::make_unique<WalRateSignal>(&conn, settings.max_wal_bytes_per_second, &clock));
  }
  if (dialect == Dialect::kPostgres && settings.max_slot_retained_bytes > 0) {
    signals.push_back(std::make_unique<SlotRetentionSignal>(&conn, settings.max_slot_retained_bytes));
  }
  if (!settings.throttle_query.empty()) {
    signals.push_back(std::make_unique<CustomQuerySignal>(&conn, settings.throttle_query, settings.throttle_query_max));
  }
  return signals;
}

Result<std::unique_ptr<Throttle>> MakeAdaptiveThrottle(const ThrottleSettings& settings, Connection& conn,
                                                       const BackfillTarget& target, Clock& clock,
                                                       const DatabaseUrl* url) {
  Result<std::vector<std::unique_ptr<ThrottleSignal>>> signals = MakeSignals(settings, conn, target, clock, url);
  if (!signals.ok()) return signals.status();
  std::unique_ptr<LiveControl> control;
  if (!settings.pause_file.empty() || !settings.control_file.empty()) {
    control = std::make_unique<LiveControl>(settings.pause_file, settings.control_file);
  }
  auto throttle = std::make_unique<AdaptiveThrottle>(settings, target.initial_batch, target.fixed_batch,
                                                     std::move(signals).value(), std::move(control), &clock);
  if (conn.dialect() == Dialect::kSqlite) throttle->ShareWriteLock(settings.sqlite_write_share);
  Status s = throttle->Start();
  if (!s.ok()) return s;
  return std::unique_ptr<Throttle>(std::move(throttle));
}

}  // namespace migrate
