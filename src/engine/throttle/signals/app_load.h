// App load: how many of the application's sessions on the backfilled database are busy (inside a
// transaction or running a statement), sampled every `interval` on a connection of its own;
// migrate's own sessions are not counted. (MySQL/MariaDB: threads whose default database is it.)
// InnoDB refreshes what INNODB_TRX shows at most every 0.1 s.
//   PostgreSQL: pg_stat_activity client backends that are 'active' or 'idle in transaction'.
//   MySQL/MariaDB: processlist threads running a query or holding an InnoDB transaction.
//
// Why this measures the application's latency: at a steady request rate, the mean number of busy
// sessions is the rate times the time each transaction takes (Little's law). When the backfill
// makes the application's transactions slower, for whatever reason (CPU, I/O, locks, WAL, a
// starved client), the mean rises in proportion. A canary query alone misses most of that.
//
// The baseline is the mean before the first batch, over `baseline_window`; when the first few
// samples find no busy session the database is quiet and the backfill starts at once (baseline 0),
// at full speed; otherwise it starts at a quarter pace and speeds up as the readings allow.
// A reading is the mean of the samples since the previous one. Its value is the excess over the
// baseline; the threshold is the excess allowed: baseline × (max_ratio − 1), and at least
// `min_excess` sessions, so that a light workload's noise does not throttle.
//
// The application's own load changes over a long backfill. When the throttle has kept the
// backfill idle for a while (Idle(true) for longer than kSettle), the mean over the rest of that
// idle stretch is the application's level without the backfill: it becomes the baseline.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "base/duration.h"
#include "drivers/driver.h"
#include "engine/clock.h"
#include "engine/throttle/signal.h"
#include "engine/throttle/signals/background_loop.h"

namespace migrate {

class AppLoadSignal : public ThrottleSignal {
 public:
  struct Options {
    double max_ratio = 1.2;
    double min_excess = 0.5;
    Millis interval{25};         // between samples; 0: no thread, Read() samples inline (tests)
    Millis baseline_window{500};
    int inline_samples = 5;      // samples per Read() without a thread, and the quiet check's
  };

  // `sampler` runs the sampling query (a connection of its own: it is used from a thread);
  // `backfill` is the connection running the batches, whose session is not counted.
  AppLoadSignal(std::unique_ptr<Connection> sampler, Connection* backfill, Options options, Clock* clock);

  Status Start() override;
  SignalReading Read() override;
  bool MeasuresLatency() const override { return true; }
  void Idle(bool idle) override;
  // A quarter when the application had busy sessions before the first batch; else full speed.
  double StartPace() const override;

  double baseline() const;
  // The query counting busy sessions other than migrate's (tests check its parameters).
  static std::string CountSql(Dialect dialect);

  static constexpr Millis kSettle{3000};  // idle this long before samples count for a new baseline
  static constexpr int kMinRebaselineSamples = 10;
  static constexpr int kMinSamples = 5;
  static constexpr double kBusyStartPace = 0.25;  // per reading, in the background

 private:
  struct Accumulator {
    double sum = 0;
    int n = 0;
    void Add(double v) { sum += v, ++n; }
    double Mean() const { return n > 0 ? sum / n : 0; }
  };

  Result<double> Sample();
  void Record(double value);  // with mu_ held

  std::unique_ptr<Connection> sampler_;
  Connection* backfill_;
  Options options_;
  Clock* clock_;
  std::string sql_;
  std::vector<Value> params_;  // the backfill session's id

  mutable std::mutex mu_;
  double baseline_ = 0;
  Accumulator since_read_;
  double last_mean_ = 0;  // the last reading's mean and sample count
  int last_samples_ = 0;
  Accumulator idle_;           // samples of the current idle stretch, after kSettle
  int64_t idle_since_ms_ = -1;  // -1: a batch may be running
  std::string error_;
  BackgroundLoop loop_;  // last: destroyed (stopped) first, before what it uses
};

}  // namespace migrate
