#include "engine/throttle/signals/replica_lag.h"

#include <algorithm>
namespace migrate {
namespace {

constexpr size_t kMaxSamples = 4096;

Result<double> FirstNumber(Connection& conn, const std::string& sql) {
  Result<Rows> r = conn.Query(sql);
  if (!r.ok()) return r.status();
  if (r->rows.empty() || r->rows[0].empty() || !r->rows[0][0]) return Status::Database("no value");
  return ParseSignalNumber(*r->rows[0][0]);
}

// MySQL/MariaDB: Seconds_Behind_Source (or _Master) from SHOW REPLICA/SLAVE STATUS, in ms.
Result<double> MysqlLagMs(Connection& conn) {
  Result<Rows> r = conn.Query("SHOW REPLICA STATUS");
  if (!r.ok()) r = conn.Query("SHOW SLAVE STATUS");
  if (!r.ok()) return r.status();
  if (r->rows.empty()) return Status::Database("not a replica (SHOW REPLICA STATUS is empty)");
  for (size_t i = 0; i < r->columns.size(); ++i) {
    if (r->columns[i] == "Seconds_Behind_Source" || r->columns[i] == "Seconds_Behind_Master") {
      if (!r->rows[0][i]) return Status::Database("replication is not running (Seconds_Behind_Source is NULL)");
      return ParseSignalNumber(*r->rows[0][i]) * 1000;
    }
  }
  return Status::Database("SHOW REPLICA STATUS has no Seconds_Behind_Source");
}

}  // namespace

ReplicaLagSignal::ReplicaLagSignal(Connection* primary, std::vector<Replica> replicas, Millis max_lag, Clock* clock)
    : primary_(primary), replicas_(std::move(replicas)), max_lag_(max_lag), clock_(clock) {}

Result<double> ReplicaLagSignal::PrimaryLsn() {
  return FirstNumber(*primary_, "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::float8");
}

Status ReplicaLagSignal::Start() {
  if (primary_->dialect() != Dialect::kPostgres) return Status::Ok();
  Result<double> lsn = PrimaryLsn();
  if (!lsn.ok()) return lsn.status();
  samples_.emplace_back(clock_->NowMillis(), *lsn);
  return Status::Ok();
}

int64_t ReplicaLagSignal::LagFromSamples(const std::deque<std::pair<int64_t, double>>& samples, double replay_lsn,
                                         int64_t now_ms) {
  if (samples.empty() || replay_lsn >= samples.back().second) return 0;
  // The newest sample at which the primary had not yet written past the replica's position: WAL
  // the replica lacks was written after it. Without one, the replica is behind every sample.
  int64_t since = samples.front().first;
  for (auto it = samples.rbegin(); it != samples.rend(); ++it) {
    if (it->second <= replay_lsn) {
      since = it->first;
      break;
    }
  }
  return std::max<int64_t>(0, now_ms - since);
}

SignalReading ReplicaLagSignal::Read() {
  SignalReading reading{"replica lag", true, 0, static_cast<double>(max_lag_.count()), "ms", ""};
  const int64_t now = clock_->NowMillis();
  if (primary_->dialect() == Dialect::kPostgres) {
    Result<double> lsn = PrimaryLsn();
    if (!lsn.ok()) return {reading.signal, false, 0, reading.threshold, "ms", "primary: " + lsn.status().message()};
    samples_.emplace_back(now, *lsn);
    while (samples_.size() > kMaxSamples) samples_.pop_front();
  }
  for (Replica& replica : replicas_) {
    double lag_ms = 0;
    if (primary_->dialect() == Dialect::kPostgres) {
      Result<double> replay = FirstNumber(*replica.conn, "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::float8");
      if (!replay.ok()) {
        return {reading.signal, false, 0, reading.threshold, "ms", replica.label + ": " + replay.status().message()};
      }
      lag_ms = static_cast<double>(LagFromSamples(samples_, *replay, now));
    } else {
      Result<double> lag = MysqlLagMs(*replica.conn);
      if (!lag.ok()) return {reading.signal, false, 0, reading.threshold, "ms", replica.label + ": " + lag.status().message()};
      lag_ms = *lag;
    }
    if (lag_ms >= reading.value) {
      reading.value = lag_ms;
      reading.detail = replica.label;
    }
  }
  return reading;
}

}  // namespace migrate
