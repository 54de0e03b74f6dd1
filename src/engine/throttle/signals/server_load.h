// Server load: sessions actively running a statement. PostgreSQL: client backends in state
// 'active' in pg_stat_activity (other than migrate's own); MySQL/MariaDB: Threads_running (minus
// migrate's own thread). SQLite has no server: the signal is not used there.
#pragma once

#include "drivers/driver.h"
#include "engine/throttle/signal.h"

namespace migrate {

class ServerLoadSignal : public ThrottleSignal {
 public:
  ServerLoadSignal(Connection* conn, int64_t max_active) : conn_(conn), max_active_(max_active) {}
  SignalReading Read() override;

 private:
  Connection* conn_;
  int64_t max_active_;
};

}  // namespace migrate
