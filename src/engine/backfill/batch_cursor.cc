#include "engine/backfill/batch_cursor.h"

#include <algorithm>

#include "base/strings.h"
#include "sql/quote.h"

namespace migrate {
namespace {

std::string KeyText(const std::optional<std::vector<Value>>& key) {
  if (!key) return "the start";
  std::vector<std::string> parts;
  for (const Value& v : *key) parts.push_back(v.value_or("NULL"));
  return "key (" + Join(parts, ", ") + ")";
}

class KeyRangeCursor : public BatchCursor {
 public:
  KeyRangeCursor(Connection& conn, BatchableStatement statement, Dialect dialect, std::string table,
                 std::vector<std::string> key, std::optional<std::vector<Value>> lower)
      : conn_(conn), statement_(std::move(statement)), dialect_(dialect), table_(std::move(table)),
        key_(std::move(key)), lower_(std::move(lower)) {}

  Result<std::optional<BatchPlan>> Next(int64_t rows) override {
    if (finished_) return std::optional<BatchPlan>();
    std::vector<Value> params = lower_ ? *lower_ : std::vector<Value>();
    // The upper key: the rows-th key after the checkpoint, or none (the last batch).
    Result<Rows> upper = conn_.Query(NextUpperBoundSql(dialect_, table_, key_, lower_.has_value(), rows), params);
    if (!upper.ok()) return upper.status();
    BatchPlan plan;
    plan.last = upper->rows.empty();
    plan.sql = BatchSql(statement_, dialect_, key_, lower_.has_value(), !plan.last);
    if (!plan.last) params.insert(params.end(), upper->rows[0].begin(), upper->rows[0].end());
    plan.params = std::move(params);
    // After the last batch the checkpoint keeps the last key.
    plan.checkpoint = plan.last ? (lower_ ? *lower_ : std::vector<Value>()) : upper->rows[0];
    return std::optional<BatchPlan>(std::move(plan));
  }

  void Committed(const BatchPlan& plan) override {
    if (plan.last) finished_ = true;
    else lower_ = plan.checkpoint;
  }

  std::string Position() const override { return KeyText(lower_); }

 private:
  Connection& conn_;
  BatchableStatement statement_;
  Dialect dialect_;
  std::string table_;
  std::vector<std::string> key_;
  std::optional<std::vector<Value>> lower_;
  bool finished_ = false;
};

class CtidRangeCursor : public BatchCursor {
 public:
  CtidRangeCursor(Connection& conn, BatchableStatement statement, std::string table, int64_t next_block,
                  double rows_per_block)
      : conn_(conn), statement_(std::move(statement)), table_(std::move(table)), next_(next_block),
        rows_per_block_(rows_per_block) {}

  Result<std::optional<BatchPlan>> Next(int64_t rows) override {
    if (next_ >= end_) {
      // The table may have grown (rows inserted or moved by updates): walk to its current end.
      Result<int64_t> blocks = Blocks();
      if (!blocks.ok()) return blocks.status();
      end_ = *blocks;
      if (next_ >= end_) return std::optional<BatchPlan>();
    }
    const int64_t span = std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(rows) / rows_per_block_));
    const int64_t upto = std::min(end_, next_ + span);
    const std::string ctid = QuoteQualifiedName(Dialect::kPostgres, statement_.qualifier) + ".ctid";
    BatchPlan plan;
    plan.sql = BatchSqlWith(statement_, {ctid + " >= ?::tid", ctid + " < ?::tid"});
    plan.params = {"(" + std::to_string(next_) + ",0)", "(" + std::to_string(upto) + ",0)"};
    plan.checkpoint = {std::to_string(upto)};
    return std::optional<BatchPlan>(std::move(plan));
  }

  void Committed(const BatchPlan& plan) override { next_ = std::stoll(plan.checkpoint[0].value_or("0")); }

  std::string Position() const override {
    return "block " + std::to_string(next_) + (end_ > 0 ? " of " + std::to_string(end_) : "");
  }

  Result<int64_t> Blocks() {
    Result<Rows> r = conn_.Query("SELECT (pg_relation_size(to_regclass(?)) / current_setting('block_size')::bigint)::text",
                                 {QuoteQualifiedName(Dialect::kPostgres, table_)});
    if (!r.ok()) return r.status();
    if (r->rows.empty() || !r->rows[0][0]) return Status::Database("table " + table_ + " does not exist");
    return static_cast<int64_t>(std::stoll(*r->rows[0][0]));
  }

 private:
  Connection& conn_;
  BatchableStatement statement_;
  std::string table_;
  int64_t next_;
  int64_t end_ = 0;
  double rows_per_block_;
};

}  // namespace

std::unique_ptr<BatchCursor> MakeKeyRangeCursor(Connection& conn, const BatchableStatement& statement,
                                                Dialect dialect, const std::string& table,
                                                const std::vector<std::string>& key,
                                                std::optional<std::vector<Value>> last_key) {
  return std::make_unique<KeyRangeCursor>(conn, statement, dialect, table, key, std::move(last_key));
}

Result<std::unique_ptr<BatchCursor>> MakeCtidRangeCursor(Connection& conn, const BatchableStatement& statement,
                                                         const std::string& table,
                                                         std::optional<std::vector<Value>> last_key) {
  Result<Rows> r = conn.Query("SELECT reltuples::float8::text, relpages::text FROM pg_class WHERE oid = to_regclass(?)",
                              {QuoteQualifiedName(Dialect::kPostgres, table)});
  if (!r.ok()) return r.status();
  double rows_per_block = 100;  // without statistics: a guess the batch-size controller corrects
  if (!r->rows.empty() && r->rows[0][0] && r->rows[0][1]) {
    const double tuples = std::stod(*r->rows[0][0]), pages = std::stod(*r->rows[0][1]);
    if (tuples > 0 && pages > 0) rows_per_block = std::max(1.0, tuples / pages);
  }
  int64_t next = 0;
  if (last_key && !last_key->empty() && (*last_key)[0]) next = std::stoll(*(*last_key)[0]);
  return std::unique_ptr<BatchCursor>(std::make_unique<CtidRangeCursor>(conn, statement, table, next, rows_per_block));
}

}  // namespace migrate
