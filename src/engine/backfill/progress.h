// Backfill progress, reported while batches run: on a terminal a one-line progress bar on stderr
// (rows done of the estimate, rate, ETA, the current throttle reason); with --format json one JSON
// object per line on stderr (stdout carries only the report); otherwise a log line every few
// seconds. `migrate status` shows the same numbers from the checkpoint.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace migrate {

struct ProgressEvent {
  std::string migration;  // file name
  std::string location;   // file:line:col of the statement
  std::string table;
  std::string state;      // "running", "slowed", "paused", "done"
  int64_t rows_done = 0;  // including earlier runs (from the checkpoint)
  int64_t rows_estimate = 0;
  double rows_per_second = 0;  // this run
  int64_t batch_size = 0;
  int64_t batches = 0;
  std::string throttle;   // why it is slowed or paused; empty at full speed
  double elapsed_seconds = 0;
};

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // Called after every batch and pause; sinks decide how often they show it.
  virtual void Report(const ProgressEvent& event) = 0;
};

enum class ProgressStyle { kBar, kJson, kLog };
// kBar when stderr is a terminal and the format is text, kJson for --format json, else kLog.
ProgressStyle ChooseProgressStyle(const std::string& format);
std::unique_ptr<ProgressSink> MakeProgressSink(ProgressStyle style);

// "1:02:03", "4:05", "-" when unknown.
std::string FormatEta(double seconds);

}  // namespace migrate
