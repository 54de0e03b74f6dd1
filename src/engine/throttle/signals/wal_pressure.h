// PostgreSQL WAL pressure: the rate at which WAL is written (bytes per second between two
// readings, from pg_current_wal_lsn()), and the WAL that replication slots hold back
// (pg_current_wal_lsn() - restart_lsn, the worst slot). A backfill writes WAL for every row it
// changes; too much fills replicas' queues and the primary's disk.
#pragma once

#include "drivers/driver.h"
#include "engine/clock.h"
#include "engine/throttle/signal.h"

namespace migrate {

class WalRateSignal : public ThrottleSignal {
 public:
  WalRateSignal(Connection* conn, int64_t max_bytes_per_second, Clock* clock)
      : conn_(conn), max_(max_bytes_per_second), clock_(clock) {}
  Status Start() override;
  SignalReading Read() override;

 private:
  Connection* conn_;
  int64_t max_;
  Clock* clock_;
  double last_lsn_ = -1;
  int64_t last_ms_ = 0;
};

class SlotRetentionSignal : public ThrottleSignal {
 public:
  SlotRetentionSignal(Connection* conn, int64_t max_bytes) : conn_(conn), max_(max_bytes) {}
  SignalReading Read() override;

 private:
  Connection* conn_;
  int64_t max_;
};

}  // namespace migrate
