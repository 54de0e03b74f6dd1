// Backfill throttling on PostgreSQL 15, end to end through the migrate binary: a lagging streaming
// replica pauses the backfill (MIGRATE_TEST_POSTGRES_REPLICA_URL, `scripts/dev-db replica start
// --delay 2s`), live control (`migrate control pause|resume|set`, the pause file), the JSON
// progress events, the adaptive batch size, and a custom --throttle-query.
//
// Without MIGRATE_TEST_POSTGRES_URL every test skips (fails with MIGRATE_REQUIRE_SERVERS=1), as the
// other PgTest suites; without MIGRATE_TEST_POSTGRES_REPLICA_URL (or with a replica applying WAL
// with less than 1 s of delay) the replica test does the same.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "integration/pg_fixture.h"

namespace migrate::itest {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;
using nlohmann::json;

bool RequireServers() {
  const char* req = std::getenv("MIGRATE_REQUIRE_SERVERS");
  return req != nullptr && std::string(req) == "1";
}

// The "backfill-progress" JSON objects of a `--format json` run's stderr, one per line.
std::vector<json> ProgressEvents(const std::string& err) {
  std::vector<json> events;
  std::istringstream in(err);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '{') continue;
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_object() && j.value("event", "") == "backfill-progress") events.push_back(j);
  }
  return events;
}

std::string ThrottleOf(const json& e) { return e.contains("throttle") && e["throttle"].is_string() ? e["throttle"].get<std::string>() : ""; }

// Pauses in a run's events: how many times it went into "paused", and for how long in total
// (from each first "paused" event to the next event in another state, by elapsed_seconds).
struct PauseStats {
  int pauses = 0;
  double seconds = 0;
  std::vector<std::string> reasons;
};

PauseStats Pauses(const std::vector<json>& events) {
  PauseStats stats;
  bool paused = false;
  double since = 0;
  for (const json& e : events) {
    const std::string state = e.value("state", "");
    const double at = e.value("elapsed_seconds", 0.0);
    if (state == "paused" && !paused) {
      paused = true;
      since = at;
      ++stats.pauses;
      stats.reasons.push_back(ThrottleOf(e));
    } else if (state != "paused" && paused) {
      paused = false;
      stats.seconds += at - since;
    }
  }
  return stats;
}

class PostgresThrottle : public PgTest {
 protected:
  int64_t RowsDone() { return IntOr("SELECT coalesce(max(rows_done), 0) FROM migrate.backfill", 0); }
  bool BackfillDone() { return IntOr("SELECT coalesce(max(done::int), 0) FROM migrate.backfill", 0) == 1; }

  // items(id, v, updates): `rows` rows, a trigger counting each row's updates, analysed (so that
  // the backfill's row estimate is right).
  void MakeItems(int64_t rows) {
    Sql("CREATE TABLE items (id bigint PRIMARY KEY, v int NOT NULL, updates int NOT NULL DEFAULT 0)");
    Sql("INSERT INTO items (id, v) SELECT g, g % 1000 FROM generate_series(1, " + std::to_string(rows) + ") g");
    Sql("CREATE FUNCTION count_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updates := OLD.updates + 1; "
        "RETURN NEW; END $$");
    Sql("CREATE TRIGGER items_count BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION count_update()");
    Sql("VACUUM ANALYZE items");
  }
  // The backfill migration over items; `batch` 0: no batch=N (adaptive).
  void WriteBackfill(int64_t batch) {
    WriteMigration("0001_items.sql", std::string("-- migrate:backfill") +
                                         (batch > 0 ? " batch=" + std::to_string(batch) : "") +
                                         "\nUPDATE items SET v = v + 1;\n");
  }
  void ExpectEveryRowUpdatedOnce(int64_t rows) {
    EXPECT_EQ(Int("SELECT count(*) FROM items WHERE updates <> 1"), 0) << "every row updated exactly once";
    EXPECT_EQ(Int("SELECT count(*) FROM items WHERE v <> id % 1000 + 1"), 0);
    EXPECT_EQ(Int("SELECT rows_done FROM migrate.backfill WHERE version = '0001'"), rows);
    EXPECT_TRUE(BackfillDone());
  }
  // rows_done stays the same for `hold` (after `settle` for a batch in flight); returns the value.
  int64_t ExpectNoProgressFor(std::chrono::milliseconds hold, std::chrono::milliseconds settle = 700ms) {
    std::this_thread::sleep_for(settle);
    const int64_t at = RowsDone();
    auto end = SteadyClock::now() + hold;
    while (SteadyClock::now() < end) {
      EXPECT_EQ(RowsDone(), at) << "the backfill advanced while paused";
      std::this_thread::sleep_for(100ms);
    }
    return at;
  }
  // Rows per second over `window`, from the checkpoint.
  double MeasureRate(std::chrono::milliseconds window) {
    const int64_t r0 = RowsDone();
    auto t0 = SteadyClock::now();
    std::this_thread::sleep_for(window);
    const int64_t r1 = RowsDone();
    return static_cast<double>(r1 - r0) / std::chrono::duration<double>(SteadyClock::now() - t0).count();
  }
  testing::RunResult Control(const std::vector<std::string>& args) {
    auto r = Migrate("control", args);
    EXPECT_EQ(r.exit_code, 0) << Show(r);
    return r;
  }
};

// ---------------------------------------------------------------------------------------------
// 1. A lagging replica pauses the backfill.

TEST_F(PostgresThrottle, LaggingReplicaPausesTheBackfillUntilItCatchesUp) {
  const char* env = std::getenv("MIGRATE_TEST_POSTGRES_REPLICA_URL");
  if (env == nullptr || *env == '\0') {
    if (RequireServers()) {
      FAIL() << "MIGRATE_TEST_POSTGRES_REPLICA_URL is not set and MIGRATE_REQUIRE_SERVERS=1 "
                "(scripts/dev-db replica start --delay 2s; eval \"$(scripts/dev-db replica env)\")";
    }
    GTEST_SKIP() << "MIGRATE_TEST_POSTGRES_REPLICA_URL is not set (scripts/dev-db replica start --delay 2s)";
  }
  const std::string replica_url = env;
  // The replica replays the primary's whole cluster: any of its databases shows the replay position.
  Result<DatabaseUrl> parsed = ParseDatabaseUrl(replica_url);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  Result<std::unique_ptr<Connection>> replica = migrate::Connect(*parsed);
  ASSERT_TRUE(replica.ok()) << replica.status().message();
  Result<Rows> info = (*replica)->Query(
      "SELECT pg_is_in_recovery()::text, (SELECT setting FROM pg_settings WHERE name = 'recovery_min_apply_delay')");
  ASSERT_TRUE(info.ok()) << info.status().message();
  ASSERT_EQ(info->rows[0][0].value_or(""), "true") << replica_url << " is not a replica";
  const int64_t delay_ms = std::stoll(info->rows[0][1].value_or("0"));
  if (delay_ms < 1000) {
    if (RequireServers()) FAIL() << "the replica applies WAL after " << delay_ms << " ms; the test needs --delay 2s";
    GTEST_SKIP() << "the replica applies WAL after " << delay_ms << " ms (scripts/dev-db replica start --delay 2s)";
  }

  const int64_t rows = 50'000;
  MakeItems(rows);
  WriteBackfill(1000);
  auto t0 = SteadyClock::now();
  // 20,000 rows/s: 2.5 s of batches, so that the signals (read once a second) see the lag.
  auto r = Migrate("apply",
                   {"--replica", replica_url, "--max-replica-lag", "500ms", "--max-rows-per-second", "20000", "--format",
                    "json"},
                   300s);
  const double seconds = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  ASSERT_EQ(r.exit_code, 0) << Show(r);

  std::vector<json> events = ProgressEvents(r.err);
  ASSERT_FALSE(events.empty()) << r.err;
  PauseStats pauses = Pauses(events);
  bool replica_pause = false;
  for (const json& e : events) {
    if (e.value("state", "") == "paused" && ThrottleOf(e).find("replica lag") != std::string::npos) {
      replica_pause = true;
      EXPECT_NE(ThrottleOf(e).find("127.0.0.1"), std::string::npos) << "the reason names the replica: " << ThrottleOf(e);
      EXPECT_EQ(ThrottleOf(e).find(":migrate@"), std::string::npos) << "the password is redacted: " << ThrottleOf(e);
    }
  }
  EXPECT_TRUE(replica_pause) << "no pause for replica lag in:\n" << r.err;
  EXPECT_EQ(events.back().value("state", ""), "done");
  EXPECT_EQ(events.back().value("rows_done", int64_t{0}), rows);
  ExpectEveryRowUpdatedOnce(rows);

  std::cout << "[replica] apply delay " << delay_ms << " ms, --max-replica-lag 500ms, " << rows
            << " rows (batch 1000, 20000 rows/s ceiling): " << pauses.pauses << " pauses, " << pauses.seconds
            << " s paused of " << seconds << " s\n";
  for (size_t i = 0; i < pauses.reasons.size() && i < 3; ++i) std::cout << "[replica]   " << pauses.reasons[i] << "\n";
}

// ---------------------------------------------------------------------------------------------
// 2. Pause and resume through live control; set max-rows-per-second.

TEST_F(PostgresThrottle, ControlPauseResumeAndRowsPerSecond) {
  const int64_t rows = 60'000;
  MakeItems(rows);
  WriteBackfill(500);
  const std::string ctl = tmp_ + "/ctl";
  auto bg = StartMigrate("apply", {"--control-file", ctl, "--max-rows-per-second", "4000", "--format", "json"});
  ASSERT_TRUE(PollUntil([&] { return RowsDone() >= 4000; }, 60s)) << bg->Stderr();

  Control({"pause", "--control-file", ctl});
  const int64_t held = ExpectNoProgressFor(2s);
  EXPECT_LT(held, rows);
  EXPECT_TRUE(bg->Running());
  std::string err = bg->Stderr();
  EXPECT_CONTAINS(err, "\"state\":\"paused\"");
  EXPECT_CONTAINS(err, "pause = true in " + ctl);

  Control({"resume", "--control-file", ctl});
  ASSERT_TRUE(PollUntil([&] { return RowsDone() > held; }, 10s)) << "did not resume:\n" << bg->Stderr();

  const double at_4000 = MeasureRate(2s);
  Control({"set", "max-rows-per-second=1000", "--control-file", ctl});
  std::this_thread::sleep_for(600ms);
  const double at_1000 = MeasureRate(3s);
  std::cout << "[control] rows/s with a 4000 ceiling: " << at_4000 << "; after `control set max-rows-per-second=1000`: "
            << at_1000 << "\n";
  EXPECT_GT(at_4000, 2000);
  EXPECT_LT(at_4000, 6000);
  EXPECT_GT(at_1000, 400);
  EXPECT_LT(at_1000, 1600);

  Control({"set", "max-rows-per-second=0", "--control-file", ctl});  // 0 removes the ceiling: it finishes at full speed
  auto done = bg->Wait(120s);
  ASSERT_TRUE(done.exited) << Show(done);
  ASSERT_EQ(done.exit_code, 0) << Show(done);
  ExpectEveryRowUpdatedOnce(rows);
}

// ---------------------------------------------------------------------------------------------
// 3. The pause file.

TEST_F(PostgresThrottle, PauseFilePausesWhileItExists) {
  const int64_t rows = 40'000;
  MakeItems(rows);
  WriteBackfill(500);
  const std::string pause = tmp_ + "/pause";
  auto bg = StartMigrate("apply", {"--pause-file", pause, "--max-rows-per-second", "5000", "--format", "json"});
  ASSERT_TRUE(PollUntil([&] { return RowsDone() >= 2000; }, 60s)) << bg->Stderr();
  { std::ofstream touch(pause); }
  const int64_t held = ExpectNoProgressFor(2s);
  EXPECT_LT(held, rows);
  EXPECT_CONTAINS(bg->Stderr(), "pause file " + pause + " exists");
  std::filesystem::remove(pause);
  ASSERT_TRUE(PollUntil([&] { return RowsDone() > held; }, 10s)) << "did not resume:\n" << bg->Stderr();
  auto done = bg->Wait(120s);
  ASSERT_EQ(done.exit_code, 0) << Show(done);
  ExpectEveryRowUpdatedOnce(rows);
  PauseStats pauses = Pauses(ProgressEvents(done.err));
  EXPECT_EQ(pauses.pauses, 1);
  std::cout << "[pause-file] paused once for " << pauses.seconds << " s at " << held << " rows\n";
}

// ---------------------------------------------------------------------------------------------
// 4. JSON progress events.

// Only the throttle a test is about may slow its backfill: the latency signals (probe, app load)
// react to a busy test machine, and shrink even a fixed batch size.
void QuietLatencySignals(const std::string& dir) {
  std::ofstream(dir + "/migrate.toml") << "[backfill]\nmax-probe-ratio = 0\nmax-app-load-ratio = 0\n";
}

TEST_F(PostgresThrottle, JsonProgressEventsCarryTheFieldsAndEndDone) {
  const int64_t rows = 30'000;
  QuietLatencySignals(tmp());
  MakeItems(rows);
  WriteBackfill(1000);
  // 10,000 rows/s: about 3 s, so more than one event.
  auto r = Migrate("apply", {"--max-rows-per-second", "10000", "--format", "json"}, 120s);
  ASSERT_EQ(r.exit_code, 0) << Show(r);
  std::vector<json> events = ProgressEvents(r.err);
  ASSERT_GE(events.size(), 2u) << r.err;
  for (const json& e : events) {
    for (const char* field : {"migration", "statement", "table", "state", "rows_done", "rows_estimate", "rows_per_second",
                              "batch_size", "batches", "elapsed_seconds", "eta_seconds", "throttle"}) {
      EXPECT_TRUE(e.contains(field)) << field << " missing in " << e.dump();
    }
    EXPECT_EQ(e.value("table", ""), "items");
    EXPECT_EQ(e.value("migration", ""), "0001_items.sql");
    const std::string state = e.value("state", "");
    EXPECT_TRUE(state == "running" || state == "slowed" || state == "paused" || state == "done") << state;
    if (e["rows_done"].get<int64_t>() > 0) {
      EXPECT_EQ(e["batch_size"].get<int64_t>(), 1000) << e.dump();
    }
    EXPECT_NEAR(static_cast<double>(e["rows_estimate"].get<int64_t>()), static_cast<double>(rows), rows * 0.1) << e.dump();
  }
  int64_t last = -1;
  for (const json& e : events) {
    EXPECT_GE(e["rows_done"].get<int64_t>(), last) << "rows_done never goes back";
    last = e["rows_done"].get<int64_t>();
  }
  const json& end = events.back();
  EXPECT_EQ(end.value("state", ""), "done");
  EXPECT_EQ(end["rows_done"].get<int64_t>(), rows);
  EXPECT_GE(end["batches"].get<int64_t>(), rows / 1000);
  EXPECT_LE(end["batches"].get<int64_t>(), rows / 1000 + 1);
  EXPECT_GT(end["rows_per_second"].get<double>(), 3000);
  EXPECT_LT(end["rows_per_second"].get<double>(), 12000);
  // The rows-per-second ceiling shows as "slowed" with its reason.
  bool slowed = false;
  for (const json& e : events) slowed |= e.value("state", "") == "slowed" && ThrottleOf(e).find("rows-per-second ceiling") != std::string::npos;
  EXPECT_TRUE(slowed) << r.err;
  // At most one event a second, plus one per change of state or reason: a steady rows-per-second
  // ceiling is one "slowed" state, not a flip between slowed and running at every batch.
  EXPECT_LE(events.size(), static_cast<size_t>(2 * end["elapsed_seconds"].get<double>() + 5)) << r.err;
  // stdout carries only the command's report.
  EXPECT_EQ(r.out.find("backfill-progress"), std::string::npos) << r.out;
  ExpectEveryRowUpdatedOnce(rows);
  std::cout << "[json] " << events.size() << " progress events, last: " << end.dump() << "\n";
}

// ---------------------------------------------------------------------------------------------
// 5. Adaptive batch size.

TEST_F(PostgresThrottle, AdaptiveBatchSizeGrowsFromTheInitialThousand) {
  const int64_t rows = 300'000;
  QuietLatencySignals(tmp());
  MakeItems(rows);
  WriteBackfill(0);
  auto r = Migrate("apply", {"--format", "json"}, 300s);
  ASSERT_EQ(r.exit_code, 0) << Show(r);
  std::vector<json> events = ProgressEvents(r.err);
  ASSERT_FALSE(events.empty()) << r.err;
  EXPECT_EQ(events.front()["batch_size"].get<int64_t>(), 1000) << events.front().dump();
  int64_t biggest = 0;
  std::string sizes;
  for (const json& e : events) {
    biggest = std::max(biggest, e["batch_size"].get<int64_t>());
    sizes += std::to_string(e["batch_size"].get<int64_t>()) + " ";
  }
  const int64_t batches = Int("SELECT batches FROM migrate.backfill WHERE version = '0001'");
  std::cout << "[adaptive] " << rows << " rows in " << batches << " batches; batch sizes in the events: " << sizes << "\n";
  EXPECT_GE(biggest, 4000) << sizes;
  EXPECT_LT(batches, rows / 1000 / 2) << "the batches grew";
  EXPECT_EQ(events.back().value("state", ""), "done");
  ExpectEveryRowUpdatedOnce(rows);
}

// ---------------------------------------------------------------------------------------------
// 6. A custom throttle query.

TEST_F(PostgresThrottle, ThrottleQueryAboveItsMaxPausesUntilItDrops) {
  const int64_t rows = 20'000;
  MakeItems(rows);
  WriteBackfill(1000);
  Sql("CREATE TABLE pause_flag (id int)");
  Sql("INSERT INTO pause_flag VALUES (1)");
  auto t0 = SteadyClock::now();
  auto bg = StartMigrate("apply", {"--throttle-query", "SELECT count(*) FROM pause_flag", "--throttle-query-max", "0.5",
                                   "--format", "json"});
  // Paused before its first batch: the checkpoint exists and stays at 0.
  ASSERT_TRUE(PollUntil([&] { return bg->Stderr().find("\"state\":\"paused\"") != std::string::npos; }, 30s))
      << bg->Stderr();
  EXPECT_EQ(ExpectNoProgressFor(2s, 0ms), 0);
  EXPECT_CONTAINS(bg->Stderr(), "paused: throttle query 1 > 0.5");
  Sql("DELETE FROM pause_flag");
  auto deleted = SteadyClock::now();
  auto done = bg->Wait(120s);
  ASSERT_EQ(done.exit_code, 0) << Show(done);
  ExpectEveryRowUpdatedOnce(rows);
  PauseStats pauses = Pauses(ProgressEvents(done.err));
  EXPECT_GE(pauses.pauses, 1);
  const double resumed_after = std::chrono::duration<double>(SteadyClock::now() - deleted).count();
  std::cout << "[throttle-query] paused " << pauses.seconds << " s; finished " << resumed_after
            << " s after the flag was deleted (total " << std::chrono::duration<double>(SteadyClock::now() - t0).count()
            << " s)\n";
}

}  // namespace
}  // namespace migrate::itest
