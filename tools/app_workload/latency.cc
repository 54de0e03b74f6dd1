#include "latency.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace migrate::workload {

namespace {
double Ms(int64_t us) { return static_cast<double>(us) / 1000.0; }
}  // namespace

LatencySummary Summarize(const std::vector<Sample>& samples) {
  LatencySummary s;
  if (samples.empty()) return s;
  std::vector<int64_t> lat;
  lat.reserve(samples.size());
  for (const Sample& x : samples) {
    lat.push_back(x.latency_us);
    if (!x.ok) ++s.failed;
  }
  std::sort(lat.begin(), lat.end());
  auto rank = [&](double q) {
    size_t i = static_cast<size_t>(std::ceil(q * static_cast<double>(lat.size())));
    return lat[std::clamp<size_t>(i, 1, lat.size()) - 1];
  };
  s.count = static_cast<int64_t>(lat.size());
  s.p50_ms = Ms(rank(0.50));
  s.p99_ms = Ms(rank(0.99));
  s.max_ms = Ms(lat.back());
  return s;
}

std::vector<Sample> Between(const std::vector<Sample>& samples, int64_t from_ms, int64_t to_ms) {
  std::vector<Sample> out;
  for (const Sample& x : samples) {
    if (x.start_ms >= from_ms && x.start_ms < to_ms) out.push_back(x);
  }
  return out;
}

Status WriteSamples(const std::string& path, const std::vector<Sample>& samples) {
  std::ofstream f(path);
  if (!f) return Status::Io("cannot write " + path);
  f << "start_ms,latency_us,ok\n";
  for (const Sample& x : samples) f << x.start_ms << ',' << x.latency_us << ',' << (x.ok ? 1 : 0) << '\n';
  f.close();
  if (!f) return Status::Io("cannot write " + path);
  return Status::Ok();
}

Result<std::vector<Sample>> ReadSamples(const std::string& path) {
  std::ifstream f(path);
  if (!f) return Status::Io("cannot read " + path);
  std::vector<Sample> out;
  std::string line;
  int n = 0;
  while (std::getline(f, line)) {
    ++n;
    if (n == 1 || line.empty()) continue;
    Sample x;
    int ok = 0;
    char c1 = 0, c2 = 0;
    std::istringstream in(line);
    if (!(in >> x.start_ms >> c1 >> x.latency_us >> c2 >> ok) || c1 != ',' || c2 != ',') {
      return Status::Input(path + ":" + std::to_string(n) + ": expected start_ms,latency_us,ok, got '" + line + "'");
    }
    x.ok = ok != 0;
    out.push_back(x);
  }
  return out;
}

}  // namespace migrate::workload
