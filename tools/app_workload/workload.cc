#include "workload.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

#include "engine/clock.h"
#include "sql/quote.h"

namespace migrate::workload {

namespace {

using Steady = std::chrono::steady_clock;

// The statements of one transaction, quoted for the dialect.
struct Statements {
  std::string update, insert, audit, read;
  explicit Statements(const WorkloadOptions& o) {
    const Dialect d = o.url.dialect;
    const std::string t = QuoteQualifiedName(d, o.table), k = QuoteIdentifier(d, o.key),
                      c = QuoteIdentifier(d, o.column), a = QuoteQualifiedName(d, o.audit_table);
    update = "UPDATE " + t + " SET " + c + " = ? WHERE " + k + " = ?";
    insert = "INSERT INTO " + t + " (" + k + ", " + c + ") VALUES (?, ?)";
    audit = "INSERT INTO " + a + " (id, val) VALUES (?, ?)";
    read = "SELECT " + c + " FROM " + t + " WHERE " + k + " = ?";
  }
};

// What the connections share: the totals, and the distinct error messages.
struct Shared {
  std::mutex mu;
  WorkloadResult result;
  void AddError(const std::string& message) {
    std::lock_guard<std::mutex> lock(mu);
    if (result.errors.size() < 10 &&
        std::find(result.errors.begin(), result.errors.end(), message) == result.errors.end()) {
      result.errors.push_back(message);
    }
  }
};

// One connection's loop.
void RunConnection(int index, Connection& conn, const WorkloadOptions& o, const Statements& sql,
                   const std::atomic<bool>& stop, Shared& shared) {
  std::mt19937_64 rng(std::random_device{}() ^ (static_cast<uint64_t>(index) << 32));
  std::uniform_int_distribution<int64_t> pick_row(1, std::max<int64_t>(o.rows, 1));
  std::uniform_int_distribution<int64_t> pick_value(1, 1'000'000'000);
  std::uniform_int_distribution<int> pick_op(1, 100);
  int64_t next_new_id = o.new_ids_from + static_cast<int64_t>(index) * 100'000'000;
  const auto interval = o.rate > 0 ? std::chrono::duration_cast<Steady::duration>(
                                         std::chrono::duration<double>(o.connections / o.rate))
                                   : Steady::duration::zero();
  auto next = Steady::now();
  WorkloadResult mine;

  while (!stop.load()) {
    if (interval > Steady::duration::zero()) {
      // A fixed schedule; after a stall of more than a second the backlog is dropped rather than
      // replayed as a burst.
      const auto now = Steady::now();
      if (now - next > std::chrono::seconds(1)) next = now;
      std::this_thread::sleep_until(next);
      next += interval;
      if (stop.load()) break;
    }
    const bool insert = pick_op(rng) <= o.insert_percent;
    const int64_t id = insert ? next_new_id++ : pick_row(rng);
    const std::string value = o.value_prefix + "-" + std::to_string(pick_value(rng));
    const std::string id_text = std::to_string(id);

    Sample sample{SystemClock().NowMillis(), 0, true};
    const auto started = Steady::now();
    std::string error;
    auto run = [&](const Status& s) {
      ++mine.queries;
      if (s.ok()) return true;
      error = s.message();
      return false;
    };
    bool ok = run(conn.Begin()) &&
              (insert ? run(conn.Execute(sql.insert, {id_text, value})) : run(conn.Execute(sql.update, {value, id_text}))) &&
              run(conn.Execute(sql.audit, {id_text, value}));
    if (ok) {
      Result<Rows> read = conn.Query(sql.read, {id_text});
      ok = run(read.status());
      if (ok) {
        const bool matches = !read->rows.empty() && read->rows[0][0] == value;
        // An update of a key another connection has not inserted yet finds no row: not wrong.
        if (!matches && !(read->rows.empty() && !insert)) ++mine.wrong_reads;
      }
    }
    ok = ok && run(conn.Commit());
    if (!ok) {
      (void)conn.Rollback();
      ++mine.failed_transactions;
      ++mine.failed_queries;
      shared.AddError(error);
    } else {
      ++mine.transactions;
    }
    sample.ok = ok;
    sample.latency_us = std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - started).count();
    mine.samples.push_back(sample);
  }

  std::lock_guard<std::mutex> lock(shared.mu);
  WorkloadResult& r = shared.result;
  r.transactions += mine.transactions;
  r.queries += mine.queries;
  r.failed_transactions += mine.failed_transactions;
  r.failed_queries += mine.failed_queries;
  r.wrong_reads += mine.wrong_reads;
  r.samples.insert(r.samples.end(), mine.samples.begin(), mine.samples.end());
}

}  // namespace

Result<WorkloadResult> RunWorkload(const WorkloadOptions& o, const std::atomic<bool>& stop) {
  if (o.connections < 1) return Status::Usage("connections must be at least 1");
  if (o.table.empty() || o.column.empty()) return Status::Usage("a table and a column are needed");
  const Statements sql(o);
  std::vector<std::unique_ptr<Connection>> conns;
  for (int i = 0; i < o.connections; ++i) {
    ConnectOptions co;
    co.application_name = o.application_name;
    Result<std::unique_ptr<Connection>> c = Connect(o.url, co);
    if (!c.ok()) return c.status();
    if (o.url.dialect == Dialect::kSqlite) {
      Status s = (*c)->SetLockTimeout(o.lock_timeout);
      if (!s.ok()) return s;
    }
    conns.push_back(std::move(c).value());
  }
  Shared shared;
  std::vector<std::thread> threads;
  for (int i = 0; i < o.connections; ++i) {
    threads.emplace_back([&, i] { RunConnection(i, *conns[static_cast<size_t>(i)], o, sql, stop, shared); });
  }
  for (std::thread& t : threads) t.join();
  std::sort(shared.result.samples.begin(), shared.result.samples.end(),
            [](const Sample& a, const Sample& b) { return a.start_ms < b.start_ms; });
  return std::move(shared.result);
}

}  // namespace migrate::workload
