// Transaction latencies of an app workload: one sample per transaction (when it started, how long
// it took, whether it committed), written as CSV by the app-workload client and read back by the
// invisible-deploy harness and bench, which cut them into phases and compare percentiles.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace migrate::workload {

struct Sample {
  int64_t start_ms = 0;    // wall clock, milliseconds since the epoch
  int64_t latency_us = 0;  // from the transaction's first statement to its commit (or failure)
  bool ok = true;
};

struct LatencySummary {
  int64_t count = 0;
  int64_t failed = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
};

// Percentiles over every sample (failed ones too: a failure is latency the user saw), nearest
// rank. Zeros when there is no sample.
LatencySummary Summarize(const std::vector<Sample>& samples);
// The samples that started in [from_ms, to_ms).
std::vector<Sample> Between(const std::vector<Sample>& samples, int64_t from_ms, int64_t to_ms);

// "start_ms,latency_us,ok" per line, with a header line.
Status WriteSamples(const std::string& path, const std::vector<Sample>& samples);
Result<std::vector<Sample>> ReadSamples(const std::string& path);

}  // namespace migrate::workload
