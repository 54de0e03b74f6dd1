// What the invisible-deploy scenarios share, whatever drives the apps (pgbench on PostgreSQL,
// tools/app_workload on MariaDB and SQLite):
//   - the timeline of a deploy (when each phase began), cut from the apps' per-transaction samples;
//   - the audit-table checks: every row holds the last value either app wrote, no insert is lost;
//   - the report: printed, and with MIGRATE_DEPLOY_REPORT=file appended to that file as one JSON
//     line per scenario (bench/deploy reads it);
//   - the scale: MIGRATE_DEPLOY_SCALE multiplies the row counts (the bench runs 1,000,000 rows
//     where CI runs 100,000), MIGRATE_DEPLOY_BASELINE_S sets how long each app runs alone with no
//     migration (its latency baseline).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app_workload/latency.h"
#include "model/change.h"

namespace migrate::deploy {

// Wall-clock milliseconds (the samples' clock).
int64_t NowMs();

// Each field is when that phase began. The old app runs alone from `baseline` to `expand`
// (its baseline); the new app runs alone from `after` to `end` (its baseline).
struct Timeline {
  int64_t baseline = 0;  // the old app starts, nothing migrates
  int64_t expand = 0;    // migrate apply starts (the expand; the backfill waits on a pause file)
  int64_t backfill = 0;  // both apps run, the pause file goes
  int64_t gate = 0;      // the backfill is done; the old app stops, the gate opens
  int64_t contract = 0;  // migrate contract starts
  int64_t after = 0;     // the contract is done
  int64_t end = 0;       // the new app stops
};

struct AppRun {
  int64_t transactions = 0;
  int64_t queries = 0;
  int64_t failed = 0;       // failed queries (pgbench: failed transactions)
  int64_t wrong_reads = 0;  // reads that did not return the value just written
  std::vector<workload::Sample> samples;
};

int Scale();            // MIGRATE_DEPLOY_SCALE, default 1
int BaselineSeconds();  // MIGRATE_DEPLOY_BASELINE_S, default 3

// Copies each row's current value into the audit table, so the audit table's last value per id is
// what the row must hold at the end (portable SQL).
std::string SeedAuditSql(Dialect d, const std::string& table, const std::string& key, const std::string& column);
// The number of rows whose value differs (audit needs an index on (id, seq)) from the last value written for them (the audit
// table's latest row per id), plus audited ids that have no row (lost inserts).
std::string DivergedRowsSql(Dialect d, const std::string& table, const std::string& key, const std::string& column);

// Prints the scenario's numbers, and appends them to MIGRATE_DEPLOY_REPORT when set.
void Report(const std::string& scenario, const std::string& database, int64_t rows, const Timeline& t,
            const AppRun& old_app, const AppRun& new_app, int64_t diverged);

}  // namespace migrate::deploy
