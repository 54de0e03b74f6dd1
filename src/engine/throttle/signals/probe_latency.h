// Probe latency: a cheap canary query (one row of the backfilled table by its key order) timed
// before the backfill starts (the baseline, median of several runs) and before batches. When the
// database gets slower for everyone, the canary slows down too; the backfill yields when the
// canary takes more than max_ratio times its baseline (and more than a floor, so that
// sub-millisecond jitter never throttles).
#pragma once

#include <cstdio>
#include <string>

#include "base/duration.h"
#include "drivers/driver.h"
#include "engine/throttle/signal.h"

namespace migrate {

class ProbeLatencySignal : public ThrottleSignal {
 public:
  ProbeLatencySignal(Connection* conn, std::string canary_sql, double max_ratio, Millis floor)
      : conn_(conn), sql_(std::move(canary_sql)), max_ratio_(max_ratio), floor_(floor) {}
  Status Start() override;
  SignalReading Read() override;
  double baseline_ms() const { return baseline_ms_; }

  static constexpr int kBaselineRuns = 5;
  static constexpr int kRuns = 3;

 private:
  // The median latency of `runs` canary queries, in ms.
  Result<double> Measure(int runs);
  Connection* conn_;
  std::string sql_;
  double max_ratio_;
  Millis floor_;
  double baseline_ms_ = 0;
};

}  // namespace migrate
