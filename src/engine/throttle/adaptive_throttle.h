// The adaptive throttle: the batch size controller (batch_size_controller.h) aims each batch at
// the target duration; the signals (signal.h) slow it down, graded, as any of them nears its
// threshold (from half of it: smaller batches, then pauses in proportion), and pause it above the
// threshold with exponential backoff until every signal is back under; a rows-per-second ceiling
// and live control (live_control.h) apply on top. Signals are read at most once per
// check_interval, so a quiet database costs one cheap query per second.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/throttle/batch_size_controller.h"
#include "engine/throttle/live_control.h"
#include "engine/throttle/signal.h"
#include "engine/throttle/throttle.h"
#include "engine/throttle/throttle_settings.h"

namespace migrate {

class AdaptiveThrottle : public Throttle {
 public:
  // `fixed_batch` > 0: the section's batch=N (no adaptive sizing; signals still apply).
  AdaptiveThrottle(const ThrottleSettings& settings, int64_t initial_batch, int64_t fixed_batch,
                   std::vector<std::unique_ptr<ThrottleSignal>> signals, std::unique_ptr<LiveControl> control,
                   Clock* clock);
  // Takes the signals' baselines; a signal that cannot start is reported and then read as
  // unreadable (fail safe).
  Status Start();
  ThrottleDecision BeforeBatch() override;
  void AfterBatch(const BatchOutcome& outcome) override;

  // Graded slowdown starts at this fraction of a threshold.
  static constexpr double kSlowFrom = 0.5;
  static constexpr Millis kFirstPause{250};

 private:
  void ReadSignals();

  ThrottleSettings settings_;
  int64_t fixed_batch_;
  BatchSizeController controller_;
  std::vector<std::unique_ptr<ThrottleSignal>> signals_;
  std::unique_ptr<LiveControl> control_;
  Clock* clock_;

  int64_t last_read_ms_ = -1;
  double worst_load_ = 0;
  std::string worst_reason_;
  Millis backoff_{0};
  Millis last_duration_{0};
  // Rows-per-second ceiling: rows since rate_start_ms_.
  int64_t rate_start_ms_ = -1;
  int64_t rate_rows_ = 0;
  double current_ceiling_ = 0;
};

}  // namespace migrate
