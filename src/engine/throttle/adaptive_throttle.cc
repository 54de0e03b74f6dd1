#include "engine/throttle/adaptive_throttle.h"

#include <algorithm>
#include <cmath>
#include <spdlog/spdlog.h>

namespace migrate {

AdaptiveThrottle::AdaptiveThrottle(const ThrottleSettings& settings, int64_t initial_batch, int64_t fixed_batch,
                                   std::vector<std::unique_ptr<ThrottleSignal>> signals,
                                   std::unique_ptr<LiveControl> control, Clock* clock)
    : settings_(settings),
      fixed_batch_(fixed_batch),
      controller_(settings.target_batch_time, settings.min_batch, settings.max_batch, initial_batch),
      signals_(std::move(signals)),
      control_(std::move(control)),
      clock_(clock) {}

Status AdaptiveThrottle::Start() {
  for (auto& signal : signals_) {
    Status s = signal->Start();
    if (!s.ok()) spdlog::warn("throttle signal could not take its baseline: {}", s.message());
  }
  return Status::Ok();
}

void AdaptiveThrottle::ReadSignals() {
  worst_load_ = 0;
  worst_reason_.clear();
  for (auto& signal : signals_) {
    SignalReading r = signal->Read();
    if (r.Load() > worst_load_ || (worst_reason_.empty() && !r.readable)) {
      worst_load_ = r.Load();
      worst_reason_ = r.Describe();
    }
  }
  last_read_ms_ = clock_->NowMillis();
}

ThrottleDecision AdaptiveThrottle::BeforeBatch() {
  const int64_t now = clock_->NowMillis();
  ControlState control;
  if (control_) {
    std::string error;
    control = control_->Read(&error);
    if (!error.empty()) spdlog::warn("{}", error);
  }
  controller_.SetTarget(control.target_batch_time.value_or(settings_.target_batch_time));
  if (control.paused) {
    rate_start_ms_ = -1;  // a pause is not credit for a burst afterwards
    return {0, Millis(500), "paused: " + control.pause_reason};
  }
  // While paused by a signal, re-read at every ask; otherwise once per check interval.
  if (last_read_ms_ < 0 || backoff_.count() > 0 || now - last_read_ms_ >= settings_.check_interval.count()) {
    ReadSignals();
  }
  if (worst_load_ >= 1) {
    backoff_ = backoff_.count() == 0 ? kFirstPause : std::min(settings_.max_pause, backoff_ * 2);
    rate_start_ms_ = -1;
    return {0, backoff_, "paused: " + worst_reason_};
  }
  backoff_ = Millis(0);

  const int64_t fixed = control.batch_size && *control.batch_size > 0 ? *control.batch_size : fixed_batch_;
  int64_t size = fixed > 0 ? fixed : controller_.next();
  ThrottleDecision decision{size, Millis(0), ""};
  if (worst_load_ >= kSlowFrom) {
    // Graded: from full speed at kSlowFrom down to a tenth near the threshold.
    const double room = std::max(0.1, (1 - worst_load_) / (1 - kSlowFrom));
    decision.batch_size = std::max<int64_t>(settings_.min_batch, static_cast<int64_t>(static_cast<double>(size) * room));
    decision.pause = Millis(static_cast<int64_t>(static_cast<double>(last_duration_.count()) * (1 / room - 1)));
    decision.reason = "slowing: " + worst_reason_;
  }
  const double ceiling = control.max_rows_per_second ? *control.max_rows_per_second : settings_.max_rows_per_second;
  if (ceiling != current_ceiling_) {
    current_ceiling_ = ceiling;
    rate_start_ms_ = -1;
  }
  if (ceiling > 0) {
    if (rate_start_ms_ < 0) {
      rate_start_ms_ = now;
      rate_rows_ = 0;
    }
    decision.batch_size = std::min<int64_t>(decision.batch_size, std::max<int64_t>(1, static_cast<int64_t>(ceiling)));
    const double due_ms = static_cast<double>(rate_rows_) * 1000.0 / ceiling;
    const int64_t wait = static_cast<int64_t>(due_ms) - (now - rate_start_ms_);
    if (wait > decision.pause.count()) {
      decision.pause = Millis(wait);
      char buf[96];
      std::snprintf(buf, sizeof(buf), "rows-per-second ceiling %.0f", ceiling);
      decision.reason = buf;
    }
  }
  decision.pause = std::min(decision.pause, settings_.max_pause);
  return decision;
}

void AdaptiveThrottle::AfterBatch(const BatchOutcome& outcome) {
  last_duration_ = outcome.duration;
  rate_rows_ += outcome.batch_size;
  controller_.Observe(outcome.batch_size, outcome.duration);
}

}  // namespace migrate
