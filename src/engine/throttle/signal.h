// A throttle signal: one measurement of how much the database (or its replicas) suffers, with a
// threshold. The adaptive throttle (adaptive_throttle.h) reads every configured signal, slows the
// backfill as a signal nears its threshold and pauses it above. A signal that cannot be read
// counts as over its threshold (fail safe), and says why.
#pragma once

#include <limits>
#include <string>

#include "base/status.h"

namespace migrate {

struct SignalReading {
  std::string signal;      // "replica lag", "active sessions", "probe latency", …
  bool readable = true;
  double value = 0;
  double threshold = 0;
  std::string unit;        // "ms", "sessions", "B/s", "B", ""
  std::string detail;      // which replica, or why it could not be read

  // value / threshold; +infinity when unreadable.
  double Load() const {
    if (!readable) return std::numeric_limits<double>::infinity();
    return threshold > 0 ? value / threshold : 0;
  }
  // "replica lag 7.2 s > 5 s (127.0.0.1:54330)", "cannot read replica lag: …".
  std::string Describe() const;
};

class ThrottleSignal {
 public:
  virtual ~ThrottleSignal() = default;
  // Called once before the first batch (a baseline, a first sample).
  virtual Status Start() { return Status::Ok(); }
  virtual SignalReading Read() = 0;
  // The throttle tells whether it keeps the backfill idle (paused, no batch running) from now on;
  // a signal measured against a baseline can take the idle level as its new baseline.
  virtual void Idle(bool /*idle*/) {}
  // The pace (share of time in batches) to start at, after Start(): below 1 when the signal
  // found the database busy, so that the backfill speeds up from there instead of starting flat out.
  virtual double StartPace() const { return 1; }
  // True for signals that follow the latency the application sees (app load, probe latency): when
  // one of them goes over its threshold, the backfill was taking more than the database can spare,
  // and the throttle halves its pace. The others (replica lag, WAL, a custom query, …) pause the
  // backfill until they are back under, then it resumes at the pace it had.
  virtual bool MeasuresLatency() const { return false; }
};

// A number a server returned as text; 0 when it is not one (never an exception).
double ParseSignalNumber(const std::string& text);

// "7.2 s", "250 ms", "12 sessions", "3.4 MB/s", "1.1 GB".
std::string FormatSignalValue(double value, const std::string& unit);

}  // namespace migrate
