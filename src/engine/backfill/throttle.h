// The throttle seam of the backfill executor: after every batch it decides the size of the next
// batch and the pause before it. This issue ships the fixed throttle (batch=N or the configured
// batch size, and the configured pause); adaptive sizing and load signals plug in here.
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
  int64_t next_batch_size = 0;
  Millis pause{0};
  std::string reason;  // why it slowed down or paused; empty at full speed
};

class Throttle {
 public:
  virtual ~Throttle() = default;
  virtual int64_t InitialBatchSize() = 0;
  virtual ThrottleDecision AfterBatch(const BatchOutcome& outcome) = 0;
};

class FixedThrottle : public Throttle {
 public:
  FixedThrottle(int64_t batch_size, Millis pause) : batch_size_(batch_size), pause_(pause) {}
  int64_t InitialBatchSize() override { return batch_size_; }
  ThrottleDecision AfterBatch(const BatchOutcome&) override {
    return {batch_size_, pause_, pause_.count() > 0 ? "fixed pause between batches" : ""};
  }

 private:
  int64_t batch_size_;
  Millis pause_;
};

}  // namespace migrate
