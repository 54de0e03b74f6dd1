#include "engine/state_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/loader.h"

namespace migrate {
namespace {

const char* const kPhaseNames[] = {"expanding", "expanded", "backfilling", "backfilled", "contracting", "contracted"};

Value Int(int64_t v) { return std::to_string(v); }

int64_t ToInt(const Value& v) { return v ? std::stoll(*v) : 0; }

std::string KeyToJson(const std::vector<Value>& key) {
  nlohmann::json j = nlohmann::json::array();
  for (const Value& v : key) j.push_back(v ? nlohmann::json(*v) : nlohmann::json(nullptr));
  return j.dump();
}

std::vector<Value> KeyFromJson(const std::string& text) {
  std::vector<Value> key;
  for (const auto& item : nlohmann::json::parse(text, nullptr, false)) {
    key.push_back(item.is_null() ? Value() : Value(item.get<std::string>()));
  }
  return key;
}

}  // namespace

const char* PhaseName(Phase p) { return kPhaseNames[static_cast<int>(p)]; }

std::optional<Phase> ParsePhase(std::string_view name) {
  for (int i = 0; i < 6; ++i) {
    if (name == kPhaseNames[i]) return static_cast<Phase>(i);
  }
  return std::nullopt;
}

std::string StateStore::Table(std::string_view name) const {
  if (conn_->dialect() == Dialect::kPostgres) return "migrate." + std::string(name);
  return "migrate_" + std::string(name);
}

// SQLite has one writer at a time: a bookkeeping write outside a transaction (history, phase,
// checkpoint, registry, log) that meets another connection's write lock fails with SQLITE_BUSY at
// once, outside the retry loop of the migration's own statements. Waiting for the SQLite write
// lock blocks nobody, so such writes are retried for up to kSqliteBusyWait.
constexpr Millis kSqliteBusyWait{60'000};

Status StateStore::Exec(const std::string& sql, const std::vector<Value>& params) {
  const bool retry_busy = conn_->dialect() == Dialect::kSqlite && !conn_->InTransaction();
  Status s = conn_->Execute(sql, params);
  const int64_t deadline = clock_->NowMillis() + kSqliteBusyWait.count();
  while (retry_busy && s.code() == StatusCode::kRetryable && clock_->NowMillis() < deadline) {
    clock_->SleepFor(Millis(50), nullptr);
    s = conn_->Execute(sql, params);
  }
  return s;
}

Result<bool> StateStore::Exists() {
  Result<Rows> r = Status::Ok();
  switch (conn_->dialect()) {
    case Dialect::kPostgres:
      r = conn_->Query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'migrate' AND table_name = 'state_version'");
      break;
    case Dialect::kMysql:
      r = conn_->Query("SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'migrate_state_version'");
      break;
    case Dialect::kSqlite:
      r = conn_->Query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrate_state_version'");
      break;
  }
  if (!r.ok()) return r.status();
  return !r->rows.empty();
}

Result<int> StateStore::StoredSchemaVersion() {
  Result<Rows> r = conn_->Query("SELECT version FROM " + Table("state_version") + " WHERE id = 1");
  if (!r.ok()) return r.status();
  if (r->rows.empty()) return 0;
  return static_cast<int>(ToInt(r->rows[0][0]));
}

Status StateStore::Ensure() {
  Result<bool> exists = Exists();
  if (!exists.ok()) return exists.status();
  int stored = 0;
  if (*exists) {
    Result<int> v = StoredSchemaVersion();
    if (!v.ok()) return v.status();
    stored = *v;
  }
  if (stored > kSchemaVersion) {
    return Status::Validation("the state store has schema version " + std::to_string(stored) +
                              ", newer than this migrate understands (" + std::to_string(kSchemaVersion) +
                              "): upgrade migrate");
  }
  if (stored == kSchemaVersion) return Status::Ok();
  // Version 1: the initial tables. Later versions append their upgrade steps here, each guarded
  // by `stored < N`, so a store of any older version is brought up to date in place.
  if (stored < 1) {
    const bool pg = conn_->dialect() == Dialect::kPostgres;
    std::vector<std::string> ddl;
    if (pg) ddl.push_back("CREATE SCHEMA IF NOT EXISTS migrate");
    ddl.push_back("CREATE TABLE IF NOT EXISTS " + Table("state_version") +
                  " (id INT PRIMARY KEY, version INT NOT NULL)");
    ddl.push_back("CREATE TABLE IF NOT EXISTS " + Table("history") +
                  " (version VARCHAR(64) PRIMARY KEY, name VARCHAR(255) NOT NULL, checksum VARCHAR(64) NOT NULL,"
                  " phase VARCHAR(16) NOT NULL, has_backfill INT NOT NULL, has_contract INT NOT NULL,"
                  " requires_app VARCHAR(255), baselined INT NOT NULL, applied_at BIGINT NOT NULL,"
                  " updated_at BIGINT NOT NULL, contracted_at BIGINT, error_message TEXT, failed_statement INT)");
    ddl.push_back("CREATE TABLE IF NOT EXISTS " + Table("progress") +
                  " (version VARCHAR(64) NOT NULL, stmt_index INT NOT NULL, section VARCHAR(16) NOT NULL,"
                  " finished_at BIGINT NOT NULL, PRIMARY KEY (version, stmt_index))");
    ddl.push_back("CREATE TABLE IF NOT EXISTS " + Table("backfill") +
                  " (version VARCHAR(64) NOT NULL, stmt_index INT NOT NULL, table_name VARCHAR(255) NOT NULL,"
                  " key_columns TEXT NOT NULL, last_key TEXT, rows_done BIGINT NOT NULL, batches BIGINT NOT NULL,"
                  " rows_estimate BIGINT NOT NULL, done INT NOT NULL, started_at BIGINT NOT NULL,"
                  " updated_at BIGINT NOT NULL, PRIMARY KEY (version, stmt_index))");
    ddl.push_back("CREATE TABLE IF NOT EXISTS " + Table("instances") +
                  " (app VARCHAR(190) NOT NULL, instance VARCHAR(190) NOT NULL, app_version VARCHAR(64) NOT NULL,"
                  " registered_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
                  " PRIMARY KEY (app, instance))");
    ddl.push_back("CREATE TABLE IF NOT EXISTS " + Table("log") +
                  " (at BIGINT NOT NULL, version VARCHAR(64), event VARCHAR(32) NOT NULL, detail TEXT)");
    for (const std::string& sql : ddl) {
      Status s = Exec(sql);
      if (!s.ok()) return Status::Database("creating the state store: " + s.message());
    }
  }
  Status s = Exec("DELETE FROM " + Table("state_version"));
  if (s.ok()) s = Exec("INSERT INTO " + Table("state_version") + " (id, version) VALUES (1, ?)", {Int(kSchemaVersion)});
  if (!s.ok()) return s;
  return Log("", "state-store", "schema version " + std::to_string(stored) + " -> " + std::to_string(kSchemaVersion));
}

Result<std::vector<HistoryRow>> StateStore::History() {
  Result<Rows> r = conn_->Query(
      "SELECT version, name, checksum, phase, has_backfill, has_contract, requires_app, baselined, applied_at,"
      " updated_at, contracted_at, error_message, failed_statement FROM " + Table("history"));
  if (!r.ok()) return r.status();
  std::vector<HistoryRow> rows;
  for (const auto& v : r->rows) {
    HistoryRow h;
    h.version = v[0].value_or("");
    h.name = v[1].value_or("");
    h.checksum = v[2].value_or("");
    std::optional<Phase> p = ParsePhase(v[3].value_or(""));
    if (!p) return Status::Database("state store: unknown phase '" + v[3].value_or("") + "' for " + h.version);
    h.phase = *p;
    h.has_backfill = ToInt(v[4]) != 0;
    h.has_contract = ToInt(v[5]) != 0;
    h.requires_app = v[6].value_or("");
    h.baselined = ToInt(v[7]) != 0;
    h.applied_at = ToInt(v[8]);
    h.updated_at = ToInt(v[9]);
    if (v[10]) h.contracted_at = ToInt(v[10]);
    h.error = v[11].value_or("");
    if (v[12]) h.failed_statement = static_cast<int>(ToInt(v[12]));
    rows.push_back(std::move(h));
  }
  std::sort(rows.begin(), rows.end(),
            [](const HistoryRow& a, const HistoryRow& b) { return CompareVersions(a.version, b.version) < 0; });
  return rows;
}

Status StateStore::InsertHistory(const HistoryRow& h) {
  return Exec("INSERT INTO " + Table("history") +
                  " (version, name, checksum, phase, has_backfill, has_contract, requires_app, baselined, applied_at,"
                  " updated_at, contracted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {h.version, h.name, h.checksum, PhaseName(h.phase), Int(h.has_backfill), Int(h.has_contract),
               h.requires_app.empty() ? Value() : Value(h.requires_app), Int(h.baselined), Int(h.applied_at),
               Int(h.updated_at), h.contracted_at ? Int(*h.contracted_at) : Value()});
}

Status StateStore::SetPhase(const std::string& version, Phase phase) {
  return Exec("UPDATE " + Table("history") + " SET phase = ?, updated_at = ? WHERE version = ?",
              {PhaseName(phase), Int(clock_->NowSeconds()), version});
}

Status StateStore::RecordFailure(const std::string& version, int statement, const std::string& error) {
  return Exec("UPDATE " + Table("history") +
                  " SET error_message = ?, failed_statement = ?, updated_at = ? WHERE version = ?",
              {error, Int(statement), Int(clock_->NowSeconds()), version});
}

Status StateStore::ClearFailure(const std::string& version) {
  return Exec("UPDATE " + Table("history") + " SET error_message = NULL, failed_statement = NULL WHERE version = ?",
              {version});
}

Status StateStore::MarkContracted(const std::string& version) {
  int64_t now = clock_->NowSeconds();
  return Exec("UPDATE " + Table("history") + " SET phase = ?, contracted_at = ?, updated_at = ? WHERE version = ?",
              {PhaseName(Phase::kContracted), Int(now), Int(now), version});
}

Status StateStore::DeleteMigration(const std::string& version) {
  for (const char* table : {"progress", "backfill", "history"}) {
    Status s = Exec("DELETE FROM " + Table(table) + " WHERE version = ?", {version});
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Result<std::set<int>> StateStore::DoneStatements(const std::string& version) {
  Result<Rows> r = conn_->Query("SELECT stmt_index FROM " + Table("progress") + " WHERE version = ?", {version});
  if (!r.ok()) return r.status();
  std::set<int> done;
  for (const auto& v : r->rows) done.insert(static_cast<int>(ToInt(v[0])));
  return done;
}

Status StateStore::MarkStatementDone(const std::string& version, int statement, SectionKind section) {
  return Exec("INSERT INTO " + Table("progress") + " (version, stmt_index, section, finished_at) VALUES (?, ?, ?, ?)",
              {version, Int(statement), SectionKindName(section), Int(clock_->NowSeconds())});
}

namespace {
const char* kCheckpointColumns =
    "version, stmt_index, table_name, key_columns, last_key, rows_done, batches, rows_estimate, done, started_at,"
    " updated_at";

BackfillCheckpoint CheckpointFromRow(const std::vector<Value>& v) {
  BackfillCheckpoint cp;
  cp.version = v[0].value_or("");
  cp.statement = static_cast<int>(ToInt(v[1]));
  cp.table = v[2].value_or("");
  for (const Value& k : KeyFromJson(v[3].value_or("[]"))) cp.key.push_back(k.value_or(""));
  if (v[4]) cp.last_key = KeyFromJson(*v[4]);
  cp.rows_done = ToInt(v[5]);
  cp.batches = ToInt(v[6]);
  cp.rows_estimate = ToInt(v[7]);
  cp.done = ToInt(v[8]) != 0;
  cp.started_at = ToInt(v[9]);
  cp.updated_at = ToInt(v[10]);
  return cp;
}
}  // namespace

Result<std::optional<BackfillCheckpoint>> StateStore::Checkpoint(const std::string& version, int statement) {
  Result<Rows> r = conn_->Query(std::string("SELECT ") + kCheckpointColumns + " FROM " + Table("backfill") +
                                    " WHERE version = ? AND stmt_index = ?",
                                {version, Int(statement)});
  if (!r.ok()) return r.status();
  if (r->rows.empty()) return std::optional<BackfillCheckpoint>();
  return std::optional<BackfillCheckpoint>(CheckpointFromRow(r->rows[0]));
}

Result<std::vector<BackfillCheckpoint>> StateStore::Checkpoints() {
  Result<Rows> r = conn_->Query(std::string("SELECT ") + kCheckpointColumns + " FROM " + Table("backfill"));
  if (!r.ok()) return r.status();
  std::vector<BackfillCheckpoint> out;
  for (const auto& v : r->rows) out.push_back(CheckpointFromRow(v));
  return out;
}

Status StateStore::InsertCheckpoint(const BackfillCheckpoint& cp) {
  std::vector<Value> key;
  for (const std::string& k : cp.key) key.push_back(k);
  return Exec("INSERT INTO " + Table("backfill") + " (" + kCheckpointColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {cp.version, Int(cp.statement), cp.table, KeyToJson(key),
               cp.last_key ? Value(KeyToJson(*cp.last_key)) : Value(), Int(cp.rows_done), Int(cp.batches),
               Int(cp.rows_estimate), Int(cp.done), Int(cp.started_at), Int(cp.updated_at)});
}

Status StateStore::AdvanceCheckpoint(const std::string& version, int statement,
                                     const std::optional<std::vector<Value>>& last_key, int64_t rows, bool done) {
  return Exec("UPDATE " + Table("backfill") +
                  " SET last_key = ?, rows_done = rows_done + ?, batches = batches + 1, done = ?, updated_at = ?"
                  " WHERE version = ? AND stmt_index = ?",
              {last_key && !last_key->empty() ? Value(KeyToJson(*last_key)) : Value(), Int(rows), Int(done),
               Int(clock_->NowSeconds()),
               version, Int(statement)});
}

Status StateStore::RegisterInstance(const std::string& app, const std::string& instance, const std::string& version,
                                    Millis ttl) {
  int64_t now = clock_->NowSeconds();
  int64_t expires = now + std::max<int64_t>(1, ttl.count() / 1000);
  std::string sql = "INSERT INTO " + Table("instances") +
                    " (app, instance, app_version, registered_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)";
  // A heartbeat keeps registered_at unless the version changed (a redeploy is a new registration).
  if (conn_->dialect() == Dialect::kMysql) {
    sql += " ON DUPLICATE KEY UPDATE registered_at = IF(app_version = VALUES(app_version), registered_at,"
           " VALUES(registered_at)), app_version = VALUES(app_version), heartbeat_at = VALUES(heartbeat_at),"
           " expires_at = VALUES(expires_at)";
  } else {
    sql += " ON CONFLICT (app, instance) DO UPDATE SET registered_at = CASE WHEN " + Table("instances") +
           ".app_version = excluded.app_version THEN " + Table("instances") +
           ".registered_at ELSE excluded.registered_at END, app_version = excluded.app_version,"
           " heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at";
  }
  return Exec(sql, {app, instance, version, Int(now), Int(now), Int(expires)});
}

Status StateStore::DeregisterInstance(const std::string& app, const std::string& instance) {
  return Exec("DELETE FROM " + Table("instances") + " WHERE app = ? AND instance = ?", {app, instance});
}

Result<std::vector<InstanceRow>> StateStore::LiveInstances() {
  Result<Rows> r = conn_->Query("SELECT app, instance, app_version, registered_at, heartbeat_at, expires_at FROM " +
                                    Table("instances") + " WHERE expires_at >= ? ORDER BY app, instance",
                                {Int(clock_->NowSeconds())});
  if (!r.ok()) return r.status();
  std::vector<InstanceRow> out;
  for (const auto& v : r->rows) {
    out.push_back({v[0].value_or(""), v[1].value_or(""), v[2].value_or(""), ToInt(v[3]), ToInt(v[4]), ToInt(v[5])});
  }
  return out;
}

Status StateStore::Log(const std::string& version, const std::string& event, const std::string& detail) {
  return Exec("INSERT INTO " + Table("log") + " (at, version, event, detail) VALUES (?, ?, ?, ?)",
              {Int(clock_->NowSeconds()), version.empty() ? Value() : Value(version), event, detail});
}

}  // namespace migrate
