// The engine's options, with their documented defaults (docs/configuration.md). Filled from
// migrate.toml's [engine] table, then flags; printed by `plan`.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "base/duration.h"
#include "engine/throttle/throttle_settings.h"

namespace migrate {

struct EngineSettings {
  // Lock timeout of statements whose lock blocks application reads or writes (SPEC §5).
  Millis lock_timeout{1000};
  // How long such a statement is retried (exponential backoff with jitter) before giving up.
  Millis ddl_retry_for{5 * 60 * 1000};
  // First and largest pause between retries.
  Millis retry_initial{200};
  Millis retry_max{10'000};
  // Statement timeout for every migration statement; zero: none.
  Millis statement_timeout{0};
  // How long a second migrator waits for the first before exit 4.
  Millis lock_wait{60'000};
  // Backfill: the first batch size when the section has no batch=N (then sized adaptively), and a
  // fixed pause between batches on top of the throttle's.
  int64_t batch_size = 1000;
  Millis batch_pause{0};
  // Default heartbeat TTL of `migrate register`.
  Millis instance_ttl{300'000};
  // How backfills adapt their batch size and yield to the database ([backfill] in migrate.toml).
  ThrottleSettings throttle;
};

}  // namespace migrate
