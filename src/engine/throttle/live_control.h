// Live control of a running backfill, without a restart: a pause file (the backfill pauses while it
// exists) and a control file of `key = value` lines, re-read before every batch when it changed:
//
//   pause = true                 # pause until set to false (or the line is removed)
//   max-rows-per-second = 5000   # a rows-per-second ceiling; 0 removes it
//   target-batch-time = 100ms    # the adaptive batch size's target
//   batch-size = 2000            # a fixed batch size; 0 returns to adaptive sizing
//
// `migrate control pause|resume|set KEY=VALUE` writes the control file (docs/backfill.md).
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/duration.h"
#include "base/status.h"

namespace migrate {

struct ControlState {
  bool paused = false;
  std::string pause_reason;  // "pause file /tmp/x exists", "pause = true in migrate.control"
  std::optional<double> max_rows_per_second;
  std::optional<Millis> target_batch_time;
  std::optional<int64_t> batch_size;
};

// Parses control-file text into `state`; unknown keys and bad values are errors naming the line.
Status ParseControlText(std::string_view text, const std::string& path, ControlState* state);

class LiveControl {
 public:
  LiveControl(std::string pause_file, std::string control_file)
      : pause_file_(std::move(pause_file)), control_file_(std::move(control_file)) {}
  // The current state. A control file that cannot be parsed keeps the last good state, and its
  // error is returned once in `error` (for the log).
  ControlState Read(std::string* error);

 private:
  std::string pause_file_;
  std::string control_file_;
  // The control file as last read: `migrate control` renames a new file into place, so a change
  // shows as another inode or size even when the modification time does not (timestamps are
  // coarse: two writes in one clock tick share one).
  std::timespec mtime_{};
  unsigned long long inode_ = 0;
  long long size_ = -1;
  bool seen_ = false;
  ControlState file_state_;
};

// Rewrites one key of a control file (creating it), keeping the other lines.
Status SetControlKey(const std::string& path, const std::string& key, const std::string& value);

}  // namespace migrate
