#include "engine/throttle/signals/wal_pressure.h"

namespace migrate {
namespace {

Result<double> CurrentLsn(Connection& conn) {
  Result<Rows> r = conn.Query("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::float8");
  if (!r.ok()) return r.status();
  if (r->rows.empty() || !r->rows[0][0]) return Status::Database("no WAL position");
  return ParseSignalNumber(*r->rows[0][0]);
}

}  // namespace

Status WalRateSignal::Start() {
  Result<double> lsn = CurrentLsn(*conn_);
  if (!lsn.ok()) return lsn.status();
  last_lsn_ = *lsn;
  last_ms_ = clock_->NowMillis();
  return Status::Ok();
}

SignalReading WalRateSignal::Read() {
  SignalReading reading{"WAL rate", true, 0, static_cast<double>(max_), "B/s", ""};
  Result<double> lsn = CurrentLsn(*conn_);
  if (!lsn.ok()) {
    reading.readable = false;
    reading.detail = lsn.status().message();
    return reading;
  }
  const int64_t now = clock_->NowMillis();
  if (last_lsn_ >= 0 && now > last_ms_) reading.value = (*lsn - last_lsn_) * 1000.0 / static_cast<double>(now - last_ms_);
  last_lsn_ = *lsn;
  last_ms_ = now;
  return reading;
}

SignalReading SlotRetentionSignal::Read() {
  SignalReading reading{"WAL retained by replication slots", true, 0, static_cast<double>(max_), "B", ""};
  Result<Rows> r = conn_->Query(
      "SELECT coalesce(max((pg_current_wal_lsn() - restart_lsn)::float8), 0), "
      "(SELECT slot_name FROM pg_replication_slots WHERE restart_lsn IS NOT NULL ORDER BY restart_lsn LIMIT 1)"
      " FROM pg_replication_slots WHERE restart_lsn IS NOT NULL");
  if (!r.ok() || r->rows.empty()) {
    reading.readable = false;
    reading.detail = r.ok() ? "no value" : r.status().message();
    return reading;
  }
  reading.value = r->rows[0][0] ? ParseSignalNumber(*r->rows[0][0]) : 0;
  if (r->rows[0][1]) reading.detail = "slot " + *r->rows[0][1];
  return reading;
}

}  // namespace migrate
