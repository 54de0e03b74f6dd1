// Time for the engine: the wall clock in production, a fake one in unit tests (tests/testing/
// fake_clock.h), so retries, backoff and TTLs are deterministic under test. Sleeping is
// interruptible: a cancelled CancelToken wakes every sleeper.
#pragma once

#include <cstdint>

#include "base/duration.h"
#include "engine/cancel.h"

namespace migrate {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch.
  virtual int64_t NowMillis() = 0;
  int64_t NowSeconds() { return NowMillis() / 1000; }
  // Sleeps for `d` unless `cancel` fires first; false when cancelled.
  virtual bool SleepFor(Millis d, CancelToken* cancel) = 0;
};

class SystemClock : public Clock {
 public:
  int64_t NowMillis() override;
  bool SleepFor(Millis d, CancelToken* cancel) override;
};

}  // namespace migrate
