// app-workload: one app version under load (workload.h), registered for migrate's gate while it
// runs. Stops on SIGTERM or SIGINT (or after --duration), deregisters, writes the latency samples
// (--latency-log) and prints a JSON summary on stdout:
//
//   app-workload --database mysql://… --app api --app-version 1.0.0 --instance old-app
//                --table items --column name --rows 20000 --rate 300 --latency-log old.csv
//
// Exit codes: 0 it ran (failed queries are in the summary, not the exit code), 2 bad arguments,
// 5 a database error at start (connecting, registering).
#include <csignal>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "base/duration.h"
#include "base/semver.h"
#include "engine/clock.h"
#include "engine/state_store.h"
#include "workload.h"

namespace {

std::atomic<bool> g_stop{false};
void OnSignal(int) { g_stop.store(true); }

int Fail(const migrate::Status& s, int code) {
  std::cerr << "app-workload: " << migrate::RedactUrls(s.message()) << "\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace migrate;
  CLI::App cli{"One app version under load, registered for migrate's gate (the invisible-deploy harness)"};
  std::string url, app = "api", version, instance, duration, latency_log, ttl = "15s";
  workload::WorkloadOptions o;
  cli.add_option("--database", url, "database URL")->required();
  cli.add_option("--app", app, "app name the gate knows");
  cli.add_option("--app-version", version, "this app's version (semantic)")->required();
  cli.add_option("--instance", instance, "instance id to register")->required();
  cli.add_option("--ttl", ttl, "registration TTL; the heartbeat renews it every third of it");
  cli.add_option("--table", o.table, "table the app reads and writes")->required();
  cli.add_option("--key", o.key, "the table's integer key column");
  cli.add_option("--column", o.column, "the column this app version writes and reads")->required();
  cli.add_option("--audit", o.audit_table, "audit table (id, val) receiving every value written");
  cli.add_option("--rows", o.rows, "updates pick a key in 1..rows")->required()->check(CLI::PositiveNumber);
  cli.add_option("--connections", o.connections, "connections (one thread each)")->check(CLI::Range(1, 256));
  cli.add_option("--rate", o.rate, "transactions per second over all connections; 0: unthrottled")
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--insert-percent", o.insert_percent, "share of transactions inserting a new row")
      ->check(CLI::Range(0, 100));
  cli.add_option("--new-ids-from", o.new_ids_from, "first key of the rows this app inserts");
  cli.add_option("--value-prefix", o.value_prefix, "prefix of the values written");
  cli.add_option("--duration", duration, "stop after this long (default: at SIGTERM/SIGINT)");
  cli.add_option("--latency-log", latency_log, "write one CSV line per transaction here");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }

  Result<DatabaseUrl> parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) return Fail(parsed.status(), 2);
  o.url = *parsed;
  o.application_name = app + "@" + version;
  if (!ParseSemVer(version).ok()) return Fail(Status::Usage("--app-version must be semantic, e.g. 1.0.0"), 2);
  Result<Millis> ttl_ms = ParseDuration(ttl);
  if (!ttl_ms.ok() || ttl_ms->count() < 3000) return Fail(Status::Usage("--ttl must be at least 3s"), 2);
  std::optional<Millis> stop_after;
  if (!duration.empty()) {
    Result<Millis> d = ParseDuration(duration);
    if (!d.ok()) return Fail(Status::Usage("--duration: " + d.status().message()), 2);
    stop_after = *d;
  }
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);

  // Registration, on its own connection, renewed by a heartbeat until the workload ends.
  Result<std::unique_ptr<Connection>> registry_conn = Connect(o.url, {.application_name = o.application_name});
  if (!registry_conn.ok()) return Fail(registry_conn.status(), 5);
  SystemClock clock;
  StateStore registry(registry_conn.value().get(), &clock);
  Status st = registry.Ensure();
  if (st.ok()) st = registry.RegisterInstance(app, instance, version, *ttl_ms);
  if (!st.ok()) return Fail(st, 5);
  std::atomic<bool> done{false};
  std::thread heartbeat([&] {
    auto next = std::chrono::steady_clock::now();
    while (!done.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (std::chrono::steady_clock::now() < next + *ttl_ms / 3) continue;
      next = std::chrono::steady_clock::now();
      Status s = registry.RegisterInstance(app, instance, version, *ttl_ms);
      if (!s.ok()) std::cerr << "app-workload: heartbeat failed: " << RedactUrls(s.message()) << "\n";
    }
  });
  std::thread timer;
  if (stop_after) {
    timer = std::thread([&] {
      const auto end = std::chrono::steady_clock::now() + *stop_after;
      while (!g_stop.load() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      g_stop.store(true);
    });
  }
  std::cerr << "app-workload: " << o.application_name << " (" << instance << ") on " << o.url.Redacted() << ", "
            << o.connections << " connections, " << o.rate << " transactions/s\n";

  Result<workload::WorkloadResult> result = workload::RunWorkload(o, g_stop);
  g_stop.store(true);
  if (timer.joinable()) timer.join();
  done.store(true);
  heartbeat.join();
  Status dereg = registry.DeregisterInstance(app, instance);
  if (!result.ok()) return Fail(result.status(), 5);
  if (!dereg.ok()) std::cerr << "app-workload: deregistering failed: " << RedactUrls(dereg.message()) << "\n";
  if (!latency_log.empty()) {
    Status w = workload::WriteSamples(latency_log, result->samples);
    if (!w.ok()) return Fail(w, 5);
  }
  const workload::LatencySummary lat = workload::Summarize(result->samples);
  nlohmann::json out = {{"app", app},
                        {"app_version", version},
                        {"instance", instance},
                        {"transactions", result->transactions},
                        {"queries", result->queries},
                        {"failed_transactions", result->failed_transactions},
                        {"failed_queries", result->failed_queries},
                        {"wrong_reads", result->wrong_reads},
                        {"errors", result->errors},
                        {"p50_ms", lat.p50_ms},
                        {"p99_ms", lat.p99_ms},
                        {"max_ms", lat.max_ms}};
  std::cout << out.dump() << "\n";
  return 0;
}
