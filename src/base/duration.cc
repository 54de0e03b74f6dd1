#include "base/duration.h"

#include <cmath>
#include <cstdlib>

#include "base/strings.h"

namespace migrate {

Result<Millis> ParseDuration(std::string_view text) {
  std::string s(Trim(text));
  size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  std::string number = s.substr(0, i), unit = ToLower(s.substr(i));
  char* end = nullptr;
  double value = number.empty() ? -1 : std::strtod(number.c_str(), &end);
  double scale = 0;
  if (unit == "ms") scale = 1;
  else if (unit == "s" || unit.empty()) scale = 1000;
  else if (unit == "m" || unit == "min") scale = 60'000;
  else if (unit == "h") scale = 3'600'000;
  if (number.empty() || value < 0 || scale == 0 || (end && *end != '\0')) {
    return Status::Usage("invalid duration '" + std::string(text) + "' (examples: 500ms, 1s, 5m, 1h)");
  }
  return Millis(static_cast<int64_t>(std::llround(value * scale)));
}

std::string FormatDuration(Millis d) {
  int64_t ms = d.count();
  if (ms != 0 && ms % 3'600'000 == 0) return std::to_string(ms / 3'600'000) + "h";
  if (ms != 0 && ms % 60'000 == 0) return std::to_string(ms / 60'000) + "m";
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  if (ms > 1000 && ms % 100 == 0) return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + "s";
  return std::to_string(ms) + "ms";
}

}  // namespace migrate
