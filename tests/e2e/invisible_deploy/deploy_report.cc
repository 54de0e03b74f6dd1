#include "e2e/invisible_deploy/deploy_report.h"

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "engine/clock.h"
#include "sql/quote.h"

namespace migrate::deploy {

namespace {

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  int n = std::atoi(v);
  return n > 0 ? n : fallback;
}

// p99 and max of an app's samples in [from, to).
nlohmann::json Phase(const AppRun& app, int64_t from, int64_t to) {
  workload::LatencySummary s = workload::Summarize(workload::Between(app.samples, from, to));
  return {{"transactions", s.count}, {"failed", s.failed}, {"p99_ms", s.p99_ms}, {"max_ms", s.max_ms},
          {"seconds", static_cast<double>(to - from) / 1000.0}};
}

}  // namespace

int64_t NowMs() { return SystemClock().NowMillis(); }

int Scale() { return EnvInt("MIGRATE_DEPLOY_SCALE", 1); }
int BaselineSeconds() { return EnvInt("MIGRATE_DEPLOY_BASELINE_S", 3); }

std::string SeedAuditSql(Dialect d, const std::string& table, const std::string& key, const std::string& column) {
  return "INSERT INTO audit (id, val) SELECT " + QuoteIdentifier(d, key) + ", " + QuoteIdentifier(d, column) +
         " FROM " + QuoteIdentifier(d, table) + " ORDER BY " + QuoteIdentifier(d, key);
}

std::string DivergedRowsSql(Dialect d, const std::string& table, const std::string& key, const std::string& column) {
  const std::string t = QuoteIdentifier(d, table), k = QuoteIdentifier(d, key), c = QuoteIdentifier(d, column);
  // A correlated lookup per row (the audit table has an index on (id, seq)): a join with a
  // grouped derived table is not indexed on MariaDB and takes minutes. NULL on either side counts.
  return "SELECT (SELECT count(*) FROM " + t + " r WHERE coalesce(r." + c +
         " <> (SELECT a.val FROM audit a WHERE a.id = r." + k + " ORDER BY a.seq DESC LIMIT 1), TRUE))"
         " + (SELECT count(DISTINCT a.id) FROM audit a WHERE NOT EXISTS (SELECT 1 FROM " + t + " r WHERE r." + k +
         " = a.id))";
}

void Report(const std::string& scenario, const std::string& database, int64_t rows, const Timeline& t,
            const AppRun& old_app, const AppRun& new_app, int64_t diverged) {
  auto app_json = [](const AppRun& a) {
    return nlohmann::json{{"transactions", a.transactions}, {"queries", a.queries}, {"failed", a.failed},
                          {"wrong_reads", a.wrong_reads}};
  };
  nlohmann::json old_j = app_json(old_app), new_j = app_json(new_app);
  old_j["phases"] = {{"baseline", Phase(old_app, t.baseline, t.expand)},
                     {"expand", Phase(old_app, t.expand, t.backfill)},
                     {"backfill", Phase(old_app, t.backfill, t.gate)}};
  new_j["phases"] = {{"backfill", Phase(new_app, t.backfill, t.gate)},
                     {"contract", Phase(new_app, t.contract, t.after)},
                     {"baseline", Phase(new_app, t.after, t.end)}};
  // The longest any app transaction took while migrate ran DDL (expand: the old app; contract:
  // the new app): what a lock held by the DDL cost an app at most. Baselines for comparison.
  nlohmann::json stall = {{"expand_ms", old_j["phases"]["expand"]["max_ms"]},
                          {"contract_ms", new_j["phases"]["contract"]["max_ms"]},
                          {"old_baseline_max_ms", old_j["phases"]["baseline"]["max_ms"]},
                          {"new_baseline_max_ms", new_j["phases"]["baseline"]["max_ms"]}};
  nlohmann::json line = {{"scenario", scenario}, {"database", database}, {"rows", rows},   {"old_app", old_j},
                         {"new_app", new_j},     {"longest_ddl_stall", stall}, {"diverged_rows", diverged}};
  std::cout << "[deploy " << scenario << " on " << database << ", " << rows << " rows] old app "
            << old_app.transactions << " transactions, " << old_app.failed << " failed; new app "
            << new_app.transactions << " transactions, " << new_app.failed << " failed; diverged " << diverged
            << "; p99 old baseline/expand/backfill " << old_j["phases"]["baseline"]["p99_ms"] << "/"
            << old_j["phases"]["expand"]["p99_ms"] << "/" << old_j["phases"]["backfill"]["p99_ms"]
            << " ms, new backfill/contract/baseline " << new_j["phases"]["backfill"]["p99_ms"] << "/"
            << new_j["phases"]["contract"]["p99_ms"] << "/" << new_j["phases"]["baseline"]["p99_ms"] << " ms\n";
  if (const char* path = std::getenv("MIGRATE_DEPLOY_REPORT"); path != nullptr && *path != '\0') {
    std::ofstream(path, std::ios::app) << line.dump() << "\n";
  }
}

}  // namespace migrate::deploy
