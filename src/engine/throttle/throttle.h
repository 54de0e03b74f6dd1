// The throttle: the backfill executor asks it before every batch how many rows to take and how
// long to pause first, and tells it afterwards how the batch went. A decision with batch_size 0 is
// a pause: the executor waits, then asks again (the backfill is paused, and says why).
#pragma once

#include <cstdint>
#include <string>

#include "base/duration.h"

namespace migrate {

struct BatchOutcome {
  int64_t batch_size = 0;  // rows asked for
  int64_t rows = 0;        // rows the statement changed
  Millis duration{0};      // the batch's transaction, from BEGIN to COMMIT
};

struct ThrottleDecision {
  int64_t batch_size = 0;  // 0: do not run a batch yet; pause, then ask again
  Millis pause{0};         // wait this long first
  std::string reason;      // why it slowed down or paused; empty at full speed
};

class Throttle {
 public:
  virtual ~Throttle() = default;
  virtual ThrottleDecision BeforeBatch() = 0;
  virtual void AfterBatch(const BatchOutcome& outcome) = 0;
};

}  // namespace migrate
