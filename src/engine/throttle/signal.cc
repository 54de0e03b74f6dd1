#include "engine/throttle/signal.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace migrate {

std::string FormatSignalValue(double value, const std::string& unit) {
  char buf[64];
  if (unit == "ms") {
    if (value >= 1000) std::snprintf(buf, sizeof(buf), "%.1f s", value / 1000);
    else std::snprintf(buf, sizeof(buf), "%.0f ms", value);
  } else if (unit == "B" || unit == "B/s") {
    const char* suffix = unit == "B" ? "" : "/s";
    if (value >= 1e9) std::snprintf(buf, sizeof(buf), "%.1f GB%s", value / 1e9, suffix);
    else if (value >= 1e6) std::snprintf(buf, sizeof(buf), "%.1f MB%s", value / 1e6, suffix);
    else if (value >= 1e3) std::snprintf(buf, sizeof(buf), "%.1f kB%s", value / 1e3, suffix);
    else std::snprintf(buf, sizeof(buf), "%.0f B%s", value, suffix);
  } else if (unit.empty()) {
    std::snprintf(buf, sizeof(buf), "%g", value);
  } else if (value == std::floor(value)) {
    std::snprintf(buf, sizeof(buf), "%.0f %s", value, unit.c_str());
  } else {
    std::snprintf(buf, sizeof(buf), "%.2f %s", value, unit.c_str());
  }
  return buf;
}

double ParseSignalNumber(const std::string& text) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  return end == text.c_str() ? 0 : v;
}

std::string SignalReading::Describe() const {
  if (!readable) return "cannot read " + signal + (detail.empty() ? "" : ": " + detail) + " (throttling to be safe)";
  std::string text = signal + " " + FormatSignalValue(value, unit) + (Load() >= 1 ? " > " : " of ") +
                     FormatSignalValue(threshold, unit);
  if (!detail.empty()) text += " (" + detail + ")";
  return text;
}

}  // namespace migrate
