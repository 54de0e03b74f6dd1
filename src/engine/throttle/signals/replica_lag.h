// Replica lag. PostgreSQL: WAL positions, never now() - pg_last_xact_replay_timestamp() (which grows
// while the primary is idle and would never let a paused backfill resume). Each reading samples the
// primary's pg_current_wal_lsn(); a replica's lag is how long ago the primary was last at or below
// the replica's pg_last_wal_replay_lsn(), so an idle primary with a caught-up replica reads 0.
// MySQL/MariaDB: SHOW REPLICA STATUS (SHOW SLAVE STATUS before MySQL 8.0.22 / MariaDB 10.5.1),
// Seconds_Behind_Source; NULL (replication stopped) is unreadable.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "drivers/driver.h"
#include "engine/clock.h"
#include "engine/throttle/signal.h"

namespace migrate {

class ReplicaLagSignal : public ThrottleSignal {
 public:
  struct Replica {
    std::string label;  // the redacted URL
    std::unique_ptr<Connection> conn;
  };
  ReplicaLagSignal(Connection* primary, std::vector<Replica> replicas, Millis max_lag, Clock* clock);
  Status Start() override;
  SignalReading Read() override;

  // PostgreSQL: the lag of a replica at `replay_lsn`, given the primary's samples (time ms, lsn).
  static int64_t LagFromSamples(const std::deque<std::pair<int64_t, double>>& samples, double replay_lsn, int64_t now_ms);

 private:
  Result<double> PrimaryLsn();
  Connection* primary_;
  std::vector<Replica> replicas_;
  Millis max_lag_;
  Clock* clock_;
  std::deque<std::pair<int64_t, double>> samples_;  // (time ms, primary lsn)
};

}  // namespace migrate
