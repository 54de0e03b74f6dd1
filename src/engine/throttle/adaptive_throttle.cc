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
    if (signal->StartPace() < pace_) {
      pace_ = signal->StartPace();
      cut_reason_ = "a busy database at the start";
    }
  }
  return Status::Ok();
}

void AdaptiveThrottle::ReadSignals() {
  worst_load_ = 0;
  worst_reason_.clear();
  double latency_load = 0;
  std::string latency_reason;
  for (auto& signal : signals_) {
    SignalReading r = signal->Read();
    if (signal->MeasuresLatency() && r.Load() > latency_load) {
      latency_load = r.Load();
      latency_reason = r.Describe();
    }
    if (r.Load() > worst_load_ || (worst_reason_.empty() && !r.readable)) {
      worst_load_ = r.Load();
      worst_reason_ = r.Describe();
    }
  }
  last_read_ms_ = clock_->NowMillis();
  // The pace: additive increase while every signal is comfortably low, multiplicative decrease
  // once per congestion of the application's latency (a pause counts once, however many readings
  // it takes).
  if (latency_load >= 1) {
    if (ran_since_cut_) {
      pace_ = std::max(kMinPace, pace_ / 2);
      ran_since_cut_ = false;
      cut_reason_ = latency_reason;
    }
  } else if (worst_load_ < kSlowFrom && pace_ < 1 && ran_since_read_) {
    pace_ = std::min(1.0, pace_ + kPaceStep);  // the batches since the last reading did no harm
  }
  ran_since_read_ = false;
}

void AdaptiveThrottle::SetIdle(bool idle) {
  if (idle == idle_) return;
  idle_ = idle;
  for (auto& signal : signals_) signal->Idle(idle);
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
    SetIdle(true);
    return {0, Millis(500), "paused: " + control.pause_reason};
  }
  // While paused by a signal, re-read at every ask; otherwise once per check interval.
  if (last_read_ms_ < 0 || backoff_.count() > 0 || now - last_read_ms_ >= settings_.check_interval.count()) {
    ReadSignals();
  }
  if (worst_load_ >= 1) {
    backoff_ = backoff_.count() == 0 ? kFirstPause : std::min(settings_.max_pause, backoff_ * 2);
    rate_start_ms_ = -1;
    SetIdle(true);
    return {0, backoff_, "paused: " + worst_reason_};
  }
  backoff_ = Millis(0);
  SetIdle(false);

  const int64_t fixed = control.batch_size && *control.batch_size > 0 ? *control.batch_size : fixed_batch_;
  int64_t size = fixed > 0 ? fixed : controller_.next();
  ThrottleDecision decision{size, Millis(0), ""};
  // Graded: from full speed at kSlowFrom down to a tenth near the threshold; and never faster
  // than the pace, which recovers step by step after a pause.
  const double room = worst_load_ >= kSlowFrom ? std::max(0.1, (1 - worst_load_) / (1 - kSlowFrom)) : 1.0;
  const double duty = std::min({room, pace_, write_share_});
  if (duty < 1) {
    // Short bursts: a batch takes duty x kSlowCycle (at most the target), then a pause keeps
    // the backfill busy `duty` of the time. The application's requests that arrive during a
    // burst wait behind less work than behind a full-length batch.
    const double cycle =
        std::min(1.0, static_cast<double>(kSlowCycle.count()) / static_cast<double>(controller_.target().count()));
    // A batch size the migration fixed (batch=N, `migrate control set batch-size`) is kept when
    // only the write share asks for pauses.
    const bool keep_size = fixed > 0 && std::min(room, pace_) >= 1;
    if (!keep_size) {
      decision.batch_size =
          std::max<int64_t>(settings_.min_batch, static_cast<int64_t>(static_cast<double>(size) * duty * cycle));
    }
    // The pause follows the time this batch should take: the last one's, scaled to its size.
    double expected_ms = static_cast<double>(last_duration_.count());
    if (last_batch_size_ > 0) {
      expected_ms *= static_cast<double>(decision.batch_size) / static_cast<double>(last_batch_size_);
    }
    decision.pause = Millis(static_cast<int64_t>(expected_ms * (1 / duty - 1)));
    if (std::min(room, pace_) >= 1) {
      decision.reason = "sharing SQLite's write lock: at most " + std::to_string(static_cast<int>(write_share_ * 100)) +
                        "% of the time in batches";
    } else {
      decision.reason = room <= pace_ ? "slowing: " + worst_reason_
                                      : "slowing: pace " + std::to_string(static_cast<int>(pace_ * 100)) +
                                            "%, recovering from " + cut_reason_;
    }
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
  last_batch_size_ = outcome.batch_size;
  ran_since_cut_ = true;
  ran_since_read_ = true;
  rate_rows_ += outcome.batch_size;
  controller_.Observe(outcome.batch_size, outcome.duration);
}

}  // namespace migrate
