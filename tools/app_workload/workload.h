// An app version under load, for the invisible-deploy harness and bench on MariaDB and SQLite
// (PostgreSQL uses pgbench): several connections, each running short transactions against one
// table through one column, the way an app version that knows that column would:
//
//   BEGIN
//   UPDATE t SET col = ? WHERE key = ?         (or, insert_percent of the time, INSERT a new row)
//   INSERT INTO audit (id, val) VALUES (?, ?)  (the value written, so the last writer is known)
//   SELECT col FROM t WHERE key = ?            (must read back what it wrote)
//   COMMIT
//
// at a fixed total rate, until told to stop. Every failed statement is counted, with its message;
// a read that does not return the value just written counts as a wrong read.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "drivers/driver.h"
#include "latency.h"

namespace migrate::workload {

struct WorkloadOptions {
  DatabaseUrl url;
  std::string application_name = "app-workload";  // PostgreSQL application_name
  std::string table;
  std::string key = "id";
  std::string column;
  std::string audit_table = "audit";
  int connections = 3;
  double rate = 300;            // transactions per second over all connections; 0: as fast as it can
  int64_t rows = 0;             // updates pick a key in 1..rows
  int insert_percent = 10;      // share of transactions that insert a new row instead
  int64_t new_ids_from = 1'000'000'000;  // connection c inserts keys new_ids_from + c * 100,000,000 + n
  std::string value_prefix = "app";      // values written are "<prefix>-<random>"
  std::chrono::milliseconds lock_timeout{10'000};  // SQLite's busy timeout; server default elsewhere
};

struct WorkloadResult {
  int64_t transactions = 0;         // committed
  int64_t queries = 0;              // statements sent, BEGIN and COMMIT included
  int64_t failed_transactions = 0;
  int64_t failed_queries = 0;
  int64_t wrong_reads = 0;
  std::vector<std::string> errors;  // distinct failure messages, the first few
  std::vector<Sample> samples;      // one per transaction, in start order
};

// Runs until `stop` is set. Fails only when a connection cannot be opened.
Result<WorkloadResult> RunWorkload(const WorkloadOptions& options, const std::atomic<bool>& stop);

}  // namespace migrate::workload
