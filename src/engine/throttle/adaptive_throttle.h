// The adaptive throttle: the batch size controller (batch_size_controller.h) aims each batch at
// the target duration; the signals (signal.h) slow it down, graded, as any of them nears its
// threshold (from half of it: smaller batches, then pauses in proportion), and pause it above the
// threshold with exponential backoff until every signal is back under. After a pause caused by
// the application's latency (a signal that MeasuresLatency()) the backfill does not jump back to
// full speed: its pace (the share of time it runs batches) was halved, and it grows back by
// kPaceStep per reading while every signal stays under half its threshold (additive increase,
// multiplicative decrease, as in TCP congestion control), so it settles at a pace the database
// absorbs instead of alternating between full speed and stop. Below full pace the batches are
// short bursts (kSlowCycle). On SQLite the pace never exceeds the write share (ShareWriteLock).
// A rows-per-second ceiling and live control (live_control.h) apply on top. Signals are read at
// most once per check_interval, so a quiet database costs one cheap query per second.
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
  static constexpr double kMinPace = 1.0 / 32;
  static constexpr double kPaceStep = 0.05;
  // Below full pace, a batch and its pause take about this long together.
  static constexpr Millis kSlowCycle{100};

  double pace() const { return pace_; }
  // SQLite: spend at most `share` of the time in batches, whatever the signals say, so that the
  // apps' writes, which wait for the one write lock, get in between two batches.
  void ShareWriteLock(double share) { write_share_ = share; }

 private:
  void ReadSignals();
  // Tells the signals whether the backfill is idle from now on (only on a change).
  void SetIdle(bool idle);

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
  double pace_ = 1;             // share of time spent in batches, at most
  double write_share_ = 1;      // the same, fixed (ShareWriteLock)
  bool ran_since_cut_ = true;   // a batch ran since the pace was last cut
  bool ran_since_read_ = false; // … since the signals were last read
  int64_t last_batch_size_ = 0;
  std::string cut_reason_;      // why it was cut
  bool idle_ = false;
  // Rows-per-second ceiling: rows since rate_start_ms_.
  int64_t rate_start_ms_ = -1;
  int64_t rate_rows_ = 0;
  double current_ceiling_ = 0;
};

}  // namespace migrate
