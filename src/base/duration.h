// Durations as users write them in flags and migrate.toml: "250ms", "1s", "1.5s", "5m", "1h".
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "base/status.h"

namespace migrate {

using Millis = std::chrono::milliseconds;

// Parses "<number><unit>" with unit ms, s, m or h; a bare number is seconds. Negative is an error.
Result<Millis> ParseDuration(std::string_view text);
// "250ms", "1s", "1.5s", "5m", "2h": the shortest exact spelling.
std::string FormatDuration(Millis d);

}  // namespace migrate
