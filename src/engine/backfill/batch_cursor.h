// Where the next backfill batch lies. A KeyRangeCursor walks the table's key (primary key, unique
// NOT NULL key or SQLite rowid) in ranges (lower, upper]; a CtidRangeCursor walks a PostgreSQL
// table without such a key by ranges of physical blocks (TID range scans), which is allowed only
// for statements whose repeated batch is a no-op (RepeatedBatchIsNoOp): an updated row may move to
// a block not yet visited and be seen again. Each batch's position is the checkpoint committed
// with it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/driver.h"
#include "engine/backfill/batch_statement.h"

namespace migrate {

struct BatchPlan {
  std::string sql;
  std::vector<Value> params;
  std::vector<Value> checkpoint;  // the position after this batch
  bool last = false;              // nothing is left after it
};

class BatchCursor {
 public:
  virtual ~BatchCursor() = default;
  // The next batch of about `rows` rows, or nullopt when nothing is left.
  virtual Result<std::optional<BatchPlan>> Next(int64_t rows) = 0;
  // After the batch committed.
  virtual void Committed(const BatchPlan& plan) = 0;
  // "key (3500)", "block 1200 of 8334": for messages.
  virtual std::string Position() const = 0;
};

// `last_key`: the checkpoint to resume after (nullopt: from the start).
std::unique_ptr<BatchCursor> MakeKeyRangeCursor(Connection& conn, const BatchableStatement& statement,
                                                Dialect dialect, const std::string& table,
                                                const std::vector<std::string>& key,
                                                std::optional<std::vector<Value>> last_key);

// The key columns a checkpoint records for block-range batches.
inline const std::vector<std::string>& CtidKey() {
  static const std::vector<std::string> kKey = {"ctid"};
  return kKey;
}

// `last_key`: {next block} to resume at (nullopt: block 0).
Result<std::unique_ptr<BatchCursor>> MakeCtidRangeCursor(Connection& conn, const BatchableStatement& statement,
                                                         const std::string& table,
                                                         std::optional<std::vector<Value>> last_key);

}  // namespace migrate
