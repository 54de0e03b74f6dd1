#include "engine/backfill/progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace migrate {
namespace {

using Clock = std::chrono::steady_clock;

double Eta(const ProgressEvent& e) {
  if (e.rows_per_second <= 0 || e.rows_estimate <= e.rows_done) return -1;
  return static_cast<double>(e.rows_estimate - e.rows_done) / e.rows_per_second;
}

class BarSink : public ProgressSink {
 public:
  void Report(const ProgressEvent& e) override {
    auto now = Clock::now();
    if (e.state != "done" && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double fraction = e.rows_estimate > 0 ? std::min(1.0, static_cast<double>(e.rows_done) / static_cast<double>(e.rows_estimate))
                                                : (e.state == "done" ? 1.0 : 0.0);
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(std::lround(fraction * kWidth));
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(kWidth - filled), '.');
    char line[512];
    std::snprintf(line, sizeof(line), "\r\033[Kbackfill %s [%s] %3.0f%% %lld/%s rows %.0f rows/s ETA %s%s%s",
                  e.table.c_str(), bar.c_str(), fraction * 100, static_cast<long long>(e.rows_done),
                  e.rows_estimate > 0 ? ("~" + std::to_string(e.rows_estimate)).c_str() : "?", e.rows_per_second,
                  FormatEta(Eta(e)).c_str(), e.throttle.empty() ? "" : "  ", e.throttle.c_str());
    std::cerr << line << (e.state == "done" ? "\n" : "") << std::flush;
  }

 private:
  Clock::time_point last_{};
};

class JsonSink : public ProgressSink {
 public:
  void Report(const ProgressEvent& e) override {
    auto now = Clock::now();
    if (e.state == last_state_ && e.throttle == last_throttle_ && now - last_ < std::chrono::seconds(1)) return;
    last_ = now;
    last_state_ = e.state;
    last_throttle_ = e.throttle;
    nlohmann::json j{{"event", "backfill-progress"}, {"migration", e.migration},  {"statement", e.location},
                     {"table", e.table},              {"state", e.state},          {"rows_done", e.rows_done},
                     {"rows_estimate", e.rows_estimate}, {"rows_per_second", std::round(e.rows_per_second)},
                     {"batch_size", e.batch_size},    {"batches", e.batches},      {"elapsed_seconds", e.elapsed_seconds}};
    double eta = Eta(e);
    j["eta_seconds"] = eta >= 0 ? nlohmann::json(std::round(eta)) : nlohmann::json(nullptr);
    j["throttle"] = e.throttle.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.throttle);
    std::cerr << j.dump() << "\n" << std::flush;
  }

 private:
  Clock::time_point last_{};
  std::string last_state_;
  std::string last_throttle_;
};

class LogSink : public ProgressSink {
 public:
  void Report(const ProgressEvent& e) override {
    auto now = Clock::now();
    if (e.state != "done" && e.throttle == last_throttle_ && now - last_ < std::chrono::seconds(5)) return;
    last_ = now;
    last_throttle_ = e.throttle;
    std::string total = e.rows_estimate > 0 ? " of ~" + std::to_string(e.rows_estimate) : "";
    spdlog::info("{}: backfill {}: {} rows{} {}, {:.0f} rows/s{}", e.location, e.table, e.rows_done, total,
                 e.state == "done" ? "done" : "so far", e.rows_per_second, e.throttle.empty() ? "" : " (" + e.throttle + ")");
  }

 private:
  Clock::time_point last_{};
  std::string last_throttle_;
};

}  // namespace

std::string FormatEta(double seconds) {
  if (seconds < 0 || !std::isfinite(seconds)) return "-";
  long long s = std::llround(seconds);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof(buf), "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof(buf), "%lld:%02lld", s / 60, s % 60);
  return buf;
}

ProgressStyle ChooseProgressStyle(const std::string& format) {
  if (format == "json") return ProgressStyle::kJson;
  return isatty(STDERR_FILENO) ? ProgressStyle::kBar : ProgressStyle::kLog;
}

std::unique_ptr<ProgressSink> MakeProgressSink(ProgressStyle style) {
  switch (style) {
    case ProgressStyle::kBar: return std::make_unique<BarSink>();
    case ProgressStyle::kJson: return std::make_unique<JsonSink>();
    case ProgressStyle::kLog: return std::make_unique<LogSink>();
  }
  return std::make_unique<LogSink>();
}

}  // namespace migrate
