#include "engine/throttle/batch_size_controller.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace migrate {

BatchSizeController::BatchSizeController(Millis target, int64_t min_size, int64_t max_size, int64_t initial)
    : target_(target), min_(std::max<int64_t>(1, min_size)), max_(std::max(max_size, min_size)), next_(0) {
  next_ = Clamp(static_cast<double>(initial));
}

int64_t BatchSizeController::Clamp(double size) const {
  if (!std::isfinite(size)) return max_;
  return std::clamp(static_cast<int64_t>(std::llround(size)), min_, max_);
}

void BatchSizeController::Observe(int64_t size, Millis duration) {
  if (size <= 0) return;
  const double ms = std::max<double>(0.01, static_cast<double>(duration.count()));
  const double target = static_cast<double>(target_.count());
  cost_ms_per_row_.push_back(ms / static_cast<double>(size));
  if (ms > kOvershoot * target) {
    // A bad overshoot (lock waits, a cold cache, a load spike): cut at once, and forget the
    // cheaper past so the next estimate starts from this batch.
    cost_ms_per_row_.erase(cost_ms_per_row_.begin(), cost_ms_per_row_.end() - 1);
    next_ = Clamp(static_cast<double>(size) * target / ms);
    return;
  }
  while (cost_ms_per_row_.size() > kWindow) cost_ms_per_row_.pop_front();
  std::vector<double> sorted(cost_ms_per_row_.begin(), cost_ms_per_row_.end());
  std::sort(sorted.begin(), sorted.end());
  // The 75th percentile: one fast batch does not make the next one too big.
  const double cost = sorted[static_cast<size_t>(std::floor(0.75 * static_cast<double>(sorted.size() - 1)))];
  const double ideal = target / cost;
  // Growth is bounded by the larger of this batch and the size proposed before it: a batch the
  // throttle shrank (graded slowdown) says what a row costs, not how big the next one may be.
  next_ = Clamp(std::min(ideal, 2.0 * static_cast<double>(std::max(size, next_))));
}

void BatchSizeController::Limit(int64_t cap) { next_ = std::clamp(cap, min_, next_); }

}  // namespace migrate

namespace migrate {

void BatchSizeController::SetTarget(Millis target) {
  if (target == target_ || target.count() <= 0) return;
  const double scale = static_cast<double>(target.count()) / static_cast<double>(target_.count());
  target_ = target;
  next_ = Clamp(static_cast<double>(next_) * scale);
}

}  // namespace migrate
