// The adaptive batch size: each batch is aimed at a target duration. The controller keeps the
// per-row cost of the last batches and sizes the next batch from a high percentile of them (a
// smoothed, pessimistic estimate), growing at most 2x per batch (2x the size it proposed, when
// the throttle ran a smaller batch than that); one batch that overshoots the
// target badly cuts the size at once. It starts at the configured size and never waits for a
// baseline: on a quiet database it reaches full speed within a few batches.
#pragma once

#include <cstdint>
#include <deque>

#include "base/duration.h"

namespace migrate {

class BatchSizeController {
 public:
  BatchSizeController(Millis target, int64_t min_size, int64_t max_size, int64_t initial);

  int64_t next() const { return next_; }
  // A batch of `size` rows asked took `duration`.
  void Observe(int64_t size, Millis duration);
  // Caps the next batch (graded throttling); later batches grow back at most 2x each.
  void Limit(int64_t cap);
  // A new target (live control); the next size follows from the recent costs.
  void SetTarget(Millis target);
  Millis target() const { return target_; }

  static constexpr int kWindow = 8;        // batches remembered
  static constexpr double kOvershoot = 2;  // "badly": over twice the target

 private:
  int64_t Clamp(double size) const;

  Millis target_;
  int64_t min_;
  int64_t max_;
  int64_t next_;
  std::deque<double> cost_ms_per_row_;
};

}  // namespace migrate
