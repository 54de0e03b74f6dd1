// Backfill throttling options with their defaults (docs/backfill.md). Filled from migrate.toml's
// [backfill] table, then flags; printed by `plan`. The defaults never slow a backfill on a quiet
// database: every signal's threshold sits well above what an idle server shows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/duration.h"

namespace migrate {

struct ThrottleSettings {
  // Adaptive batch size: aim each batch at this duration, within [min_batch, max_batch].
  Millis target_batch_time{250};
  int64_t min_batch = 10;
  int64_t max_batch = 100'000;
  // A hard ceiling on rows per second; 0: none.
  double max_rows_per_second = 0;
  // Signals are read at most this often; a pause lasts at most max_pause before they are read again.
  Millis check_interval{1000};
  Millis max_pause{30'000};

  // Replica lag (PostgreSQL/MySQL replicas given as URLs): pause above this.
  std::vector<std::string> replicas;
  Millis max_replica_lag{10'000};
  // Server load: PostgreSQL active backends, MySQL Threads_running; 0: off.
  int64_t max_active_sessions = 100;
  // Probe latency: a canary query's latency against its baseline before the backfill; 0: off.
  double max_probe_ratio = 3.0;
  Millis probe_floor{5};  // latencies under this never throttle, whatever the ratio
  // App load: the application's busy sessions (in a transaction or running a statement) against
  // their level before the backfill; throttles when they exceed it by (ratio - 1), and by at
  // least app_load_margin sessions; 0: off.
  double max_app_load_ratio = 1.05;
  double app_load_margin = 0.1;
  // SQLite has one writer at a time: the apps' writes wait while a batch runs. The backfill holds
  // the write lock at most this share of the time (short batches, each followed by a pause), so a
  // waiting write gets in between two batches; 1: as fast as it can. Ignored on other databases.
  double sqlite_write_share = 0.5;
  // PostgreSQL WAL pressure: WAL bytes per second and bytes retained by replication slots; 0: off.
  int64_t max_wal_bytes_per_second = 0;
  int64_t max_slot_retained_bytes = 10LL << 30;
  // A custom query returning one number; throttles above its threshold.
  std::string throttle_query;
  double throttle_query_max = 0;
  // Live control: the backfill pauses while pause_file exists; control_file (key = value lines,
  // written by `migrate control`; relative to the working directory) is re-read before every
  // batch when it changed (docs/backfill.md#live-control).
  std::string pause_file;
  std::string control_file = "migrate.control";
};

}  // namespace migrate
