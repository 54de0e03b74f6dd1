#include "engine/throttle/signals/server_load.h"

namespace migrate {

SignalReading ServerLoadSignal::Read() {
  SignalReading reading{"active sessions", true, 0, static_cast<double>(max_active_), "sessions", ""};
  Result<Rows> r = conn_->dialect() == Dialect::kPostgres
                       ? conn_->Query("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                                      " AND backend_type = 'client backend' AND pid <> pg_backend_pid()")
                       : conn_->Query("SHOW GLOBAL STATUS LIKE 'Threads_running'");
  if (!r.ok() || r->rows.empty()) {
    reading.readable = false;
    reading.detail = r.ok() ? "no value" : r.status().message();
    return reading;
  }
  const Value& v = r->rows[0][conn_->dialect() == Dialect::kPostgres ? 0 : 1];
  reading.value = v ? ParseSignalNumber(*v) : 0;
  if (conn_->dialect() != Dialect::kPostgres && reading.value > 0) reading.value -= 1;  // our own thread
  return reading;
}

}  // namespace migrate
