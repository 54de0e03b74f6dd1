// Probe latency: a cheap canary query (one row of the backfilled table by its key order) timed
// before the backfill starts (the baseline, median of several runs) and before batches. When the
// database gets slower for everyone, the canary slows down too; the backfill yields when the
// canary takes more than max_ratio times its baseline (and more than a floor, so that
// sub-millisecond jitter never throttles).
//
// With a connection of its own the probe runs in the background every `interval` while batches
// run, so it measures what the backfill does to everyone else (a probe between batches would only
// see the database at rest); a reading is the 90th percentile of the samples since the last one.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/duration.h"
#include "drivers/driver.h"
#include "engine/throttle/signal.h"
#include "engine/throttle/signals/background_loop.h"

namespace migrate {

class ProbeLatencySignal : public ThrottleSignal {
 public:
  ProbeLatencySignal(Connection* conn, std::string canary_sql, double max_ratio, Millis floor)
      : conn_(conn), sql_(std::move(canary_sql)), max_ratio_(max_ratio), floor_(floor) {}
  // Background mode on its own connection.
  ProbeLatencySignal(std::unique_ptr<Connection> own, std::string canary_sql, double max_ratio, Millis floor,
                     Millis interval);
  Status Start() override;
  SignalReading Read() override;
  bool MeasuresLatency() const override { return true; }
  double baseline_ms() const { return baseline_ms_; }

  static constexpr int kBaselineRuns = 5;
  static constexpr int kRuns = 3;

 private:
  // The median latency of `runs` canary queries, in ms.
  Result<double> Measure(int runs);

  std::unique_ptr<Connection> own_;
  Connection* conn_;
  std::string sql_;
  double max_ratio_;
  Millis floor_;
  double baseline_ms_ = 0;
  // Background mode.
  Millis interval_{0};
  std::mutex mu_;
  std::vector<double> samples_;  // since the last reading
  std::string error_;            // the probe's last failure, if it failed
  BackgroundLoop loop_;          // last: destroyed (stopped) first, before what it uses
};

}  // namespace migrate
