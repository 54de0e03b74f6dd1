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

ProbeLatencySignal::ProbeLatencySignal(std::unique_ptr<Connection> own, std::string canary_sql, double max_ratio,
                                       Millis floor, Millis interval)
    : own_(std::move(own)), conn_(own_.get()), sql_(std::move(canary_sql)), max_ratio_(max_ratio), floor_(floor),
      interval_(interval) {}

Status ProbeLatencySignal::Start() {
  Result<double> m = Measure(kBaselineRuns);
  if (!m.ok()) return m.status();
  baseline_ms_ = *m;
  if (own_ && interval_.count() > 0) {
    loop_.Start(interval_, [this] {
      Result<double> m = Measure(1);
      std::lock_guard<std::mutex> lock(mu_);
      if (m.ok()) {
        samples_.push_back(*m);
        error_.clear();
      } else {
        error_ = m.status().message();
      }
    });
  }
  return Status::Ok();
}

SignalReading ProbeLatencySignal::Read() {
  const double threshold = std::max(baseline_ms_ * max_ratio_, static_cast<double>(floor_.count()));
  SignalReading reading{"probe latency", true, 0, threshold, "ms", ""};
  if (loop_.running()) {
    std::vector<double> samples;
    std::string error;
    {
      std::lock_guard<std::mutex> lock(mu_);
      samples.swap(samples_);
      error = error_;
    }
    if (samples.empty()) {
      reading.readable = error.empty();
      reading.detail = error.empty() ? "no sample yet" : error;
      return reading;
    }
    std::sort(samples.begin(), samples.end());
    reading.value = samples[static_cast<size_t>(0.9 * static_cast<double>(samples.size() - 1))];
    char buf[96];
    std::snprintf(buf, sizeof(buf), "p90 of %zu probes, baseline %.2f ms", samples.size(), baseline_ms_);
    reading.detail = buf;
    return reading;
  }
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
