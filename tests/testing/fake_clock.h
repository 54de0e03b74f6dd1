// A fake clock for engine unit tests: time moves only when the engine sleeps (or the test
// advances it), and every sleep is recorded, so retries and backoff are deterministic.
#pragma once

#include <vector>

#include "engine/clock.h"

namespace migrate::testing {

class FakeClock : public Clock {
 public:
  explicit FakeClock(int64_t start_ms = 1'800'000'000'000) : now_(start_ms) {}
  int64_t NowMillis() override { return now_; }
  bool SleepFor(Millis d, CancelToken* cancel) override {
    sleeps.push_back(d);
    now_ += d.count();
    return !(cancel && cancel->cancelled());
  }
  void Advance(Millis d) { now_ += d.count(); }

  std::vector<Millis> sleeps;

 private:
  int64_t now_;
};

}  // namespace migrate::testing
