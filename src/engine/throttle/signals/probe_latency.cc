#include "engine/throttle/signals/probe_latency.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace migrate {

Result<double> ProbeLatencySignal::Measure(int runs) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    Status s = conn_->Execute(sql_);
    if (!s.ok()) return s;
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

Status ProbeLatencySignal::Start() {
  Result<double> m = Measure(kBaselineRuns);
  if (!m.ok()) return m.status();
  baseline_ms_ = *m;
  return Status::Ok();
}

SignalReading ProbeLatencySignal::Read() {
  const double threshold = std::max(baseline_ms_ * max_ratio_, static_cast<double>(floor_.count()));
  SignalReading reading{"probe latency", true, 0, threshold, "ms", ""};
  Result<double> m = Measure(kRuns);
  if (!m.ok()) {
    reading.readable = false;
    reading.detail = m.status().message();
    return reading;
  }
  reading.value = *m;
  char buf[64];
  std::snprintf(buf, sizeof(buf), "baseline %.2f ms", baseline_ms_);
  reading.detail = buf;
  return reading;
}

}  // namespace migrate
