#include "engine/throttle/signals/app_load.h"

#include <algorithm>
#include <cstdio>
#include <spdlog/spdlog.h>

namespace migrate {

namespace {
// MySQL/MariaDB without the PROCESS privilege: INNODB_TRX is refused; the processlist shows the
// user's own threads only.
constexpr const char* kMysqlProcesslistOnly =
    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND ID <> ?"
    " AND DB = DATABASE() AND COMMAND IN ('Query', 'Execute')";
}  // namespace

std::string AppLoadSignal::CountSql(Dialect dialect) {
  if (dialect == Dialect::kPostgres) {
    // Other roles' sessions show state NULL unless migrate's role has pg_read_all_stats.
    return "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
           " AND state IN ('active', 'idle in transaction', 'idle in transaction (aborted)')"
           " AND datname = current_database()"
           " AND pid <> pg_backend_pid() AND pid <> CAST(? AS integer) AND application_name NOT LIKE 'migrate (%'";
  }
  // Threads of other users are visible with the PROCESS privilege.
  return "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND ID <> ?"
         " AND DB = DATABASE() AND (COMMAND IN ('Query', 'Execute')"
         " OR ID IN (SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX))";
}

AppLoadSignal::AppLoadSignal(std::unique_ptr<Connection> sampler, Connection* backfill, Options options, Clock* clock)
    : sampler_(std::move(sampler)), backfill_(backfill), options_(options), clock_(clock),
      sql_(CountSql(sampler_->dialect())) {}

double AppLoadSignal::StartPace() const { return baseline() > 0 ? kBusyStartPace : 1.0; }

double AppLoadSignal::baseline() const {
  std::lock_guard<std::mutex> lock(mu_);
  return baseline_;
}

Result<double> AppLoadSignal::Sample() {
  Result<Rows> r = sampler_->Query(sql_, params_);
  if (!r.ok()) return r.status();
  if (r->rows.empty() || r->rows[0].empty() || !r->rows[0][0]) return Status::Database("no count");
  return ParseSignalNumber(*r->rows[0][0]);
}

Status AppLoadSignal::Start() {
  Result<Rows> id = backfill_->Query(backfill_->dialect() == Dialect::kPostgres ? "SELECT pg_backend_pid()"
                                                                                 : "SELECT CONNECTION_ID()");
  if (!id.ok()) return id.status();
  if (id->rows.empty() || id->rows[0].empty() || !id->rows[0][0]) return Status::Database("no session id");
  params_ = {id->rows[0][0]};
  if (sampler_->dialect() == Dialect::kPostgres) {
    Result<Rows> hidden = sampler_->Query(
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND state IS NULL"
        " AND datname = current_database()");
    if (hidden.ok() && !hidden->rows.empty() && hidden->rows[0][0] && ParseSignalNumber(*hidden->rows[0][0]) > 0) {
      spdlog::warn("app load: {} sessions of other roles are hidden from migrate's role; grant it pg_read_all_stats "
                   "so that the throttle sees the application",
                   *hidden->rows[0][0]);
    }
  } else if (!Sample().ok()) {
    Result<Rows> fallback = sampler_->Query(kMysqlProcesslistOnly, params_);
    if (fallback.ok()) {
      sql_ = kMysqlProcesslistOnly;
      spdlog::warn("app load: without the PROCESS privilege migrate sees only its own user's threads and no "
                   "transactions; grant PROCESS so that the throttle sees the application");
    }
  }

  // A quiet database does not wait: a few samples back to back, and if none finds a busy
  // session there is no application to protect yet (baseline 0).
  Accumulator quick;
  for (int i = 0; i < options_.inline_samples; ++i) {
    Result<double> v = Sample();
    if (!v.ok()) return v.status();
    quick.Add(*v);
  }
  Accumulator base = quick;
  if (quick.sum > 0 && options_.interval.count() > 0) {
    const int64_t until = clock_->NowMillis() + options_.baseline_window.count();
    while (clock_->NowMillis() < until) {
      clock_->SleepFor(options_.interval, nullptr);
      Result<double> v = Sample();
      if (!v.ok()) return v.status();
      base.Add(*v);
    }
  }
  baseline_ = base.Mean();
  if (options_.interval.count() > 0) {
    loop_.Start(options_.interval, [this] {
      Result<double> v = Sample();
      std::lock_guard<std::mutex> lock(mu_);
      if (v.ok()) {
        Record(*v);
        error_.clear();
      } else {
        error_ = v.status().message();
      }
    });
  }
  return Status::Ok();
}

void AppLoadSignal::Record(double value) {
  since_read_.Add(value);
  if (idle_since_ms_ >= 0 && clock_->NowMillis() - idle_since_ms_ >= kSettle.count()) idle_.Add(value);
}

void AppLoadSignal::Idle(bool idle) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle && idle_since_ms_ < 0) {
    idle_since_ms_ = clock_->NowMillis();
    idle_ = {};
  } else if (!idle) {
    idle_since_ms_ = -1;
  }
}

SignalReading AppLoadSignal::Read() {
  SignalReading reading{"app load", true, 0, 0, "sessions over baseline", ""};
  if (!loop_.running()) {
    for (int i = 0; i < options_.inline_samples; ++i) {
      Result<double> v = Sample();
      std::lock_guard<std::mutex> lock(mu_);
      if (v.ok()) {
        Record(*v);
      } else {
        error_ = v.status().message();
        break;
      }
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.n >= kMinRebaselineSamples) {
    baseline_ = idle_.Mean();  // the application's own level, measured while the backfill was idle
    idle_ = {};
  }
  reading.threshold = std::max(baseline_ * (options_.max_ratio - 1), options_.min_excess);
  if (since_read_.n == 0 && !error_.empty()) {
    reading.readable = false;
    reading.detail = error_;
    if (!loop_.running()) error_.clear();
    return reading;
  }
  if (!loop_.running()) error_.clear();
  // Too few samples for a mean (a reading right after the last one): the last mean stands, and
  // the samples count towards the next reading.
  if (since_read_.n >= kMinSamples || (!loop_.running() && since_read_.n > 0)) {
    last_mean_ = since_read_.Mean();
    last_samples_ = since_read_.n;
    since_read_ = {};
  }
  if (last_samples_ == 0) {
    reading.detail = "no sample yet";
    return reading;
  }
  reading.value = std::max(0.0, last_mean_ - baseline_);
  char buf[128];
  std::snprintf(buf, sizeof(buf), "%.2f busy sessions on average over %d samples, baseline %.2f", last_mean_,
                last_samples_, baseline_);
  reading.detail = buf;
  return reading;
}

}  // namespace migrate
