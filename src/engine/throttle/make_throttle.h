// Builds the adaptive throttle of one backfill statement from the settings: the signals that
// apply to the database (replica lag, server load, probe latency on the backfilled table, WAL
// pressure, a custom query) and live control.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "drivers/driver.h"
#include "engine/clock.h"
#include "engine/throttle/adaptive_throttle.h"
#include "engine/throttle/throttle_settings.h"

namespace migrate {

struct BackfillTarget {
  std::string table;
  std::vector<std::string> key;
  int64_t initial_batch = 1000;  // the configured batch size: where the adaptive size starts
  int64_t fixed_batch = 0;       // the section's batch=N; 0: adaptive
};

// The signals the settings enable for `conn`'s database, in the order they are reported. With
// `url`, the latency probe runs in the background on a connection of its own.
Result<std::vector<std::unique_ptr<ThrottleSignal>>> MakeSignals(const ThrottleSettings& settings, Connection& conn,
                                                                  const BackfillTarget& target, Clock& clock,
                                                                  const DatabaseUrl* url = nullptr);

Result<std::unique_ptr<Throttle>> MakeAdaptiveThrottle(const ThrottleSettings& settings, Connection& conn,
                                                       const BackfillTarget& target, Clock& clock,
                                                       const DatabaseUrl* url = nullptr);

}  // namespace migrate
