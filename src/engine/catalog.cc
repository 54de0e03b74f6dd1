#include "engine/catalog.h"

#include <map>

#include "base/strings.h"
#include "sql/quote.h"

namespace migrate {

namespace {

// Groups rows of (index name, is primary, column, not null) in the order the query gave them and
// picks the first index whose columns are all NOT NULL.
std::optional<BatchKey> PickKey(const std::vector<std::vector<Value>>& rows) {
  std::vector<std::string> order;
  std::map<std::string, BatchKey> keys;
  std::map<std::string, bool> usable;
  for (const auto& r : rows) {
    std::string index = r[0].value_or("");
    bool primary = r[1].value_or("0") == "1" || r[1].value_or("") == "t" || r[1].value_or("") == "true";
    if (!keys.count(index)) {
      order.push_back(index);
      keys[index].source = primary ? "primary key" : "unique index " + index;
      usable[index] = true;
    }
    keys[index].columns.push_back(r[2].value_or(""));
    bool not_null = r[3].value_or("0") == "1" || r[3].value_or("") == "t" || r[3].value_or("") == "true";
    if (!not_null && !primary) usable[index] = false;
  }
  for (const std::string& index : order) {
    if (usable[index]) return keys[index];
  }
  return std::nullopt;
}

Result<std::optional<BatchKey>> PostgresKey(Connection& conn, std::string_view table) {
  std::string regclass = QuoteQualifiedName(Dialect::kPostgres, table);
  Result<Rows> exists = conn.Query("SELECT to_regclass(?)::text", {regclass});
  if (!exists.ok()) return exists.status();
  if (exists->rows.empty() || !exists->rows[0][0]) return Status::Database("table " + std::string(table) + " does not exist");
  Result<Rows> r = conn.Query(
      "SELECT i.indexrelid::regclass::text, i.indisprimary::int::text, a.attname, a.attnotnull::int::text"
      " FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)"
      " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
      " WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indisvalid AND i.indpred IS NULL"
      " AND i.indexprs IS NULL AND i.indimmediate"
      " ORDER BY i.indisprimary DESC, i.indnatts, 1, k.ord",
      {regclass});
  if (!r.ok()) return r.status();
  return PickKey(r->rows);
}

// MySQL/MariaDB information_schema: the condition naming `table` ("t" in the current database, or
// "db.t"), for columns of `alias` (empty: unqualified), with its parameters.
struct MysqlTableFilter {
  std::string sql;  // "s.TABLE_SCHEMA = DATABASE() AND s.TABLE_NAME = ?"
  std::vector<Value> params;
};

MysqlTableFilter MysqlTable(std::string_view table, const std::string& alias = "") {
  std::vector<std::string> parts = SplitQualifiedName(table);
  const std::string q = alias.empty() ? "" : alias + ".";
  MysqlTableFilter f;
  f.sql = q + "TABLE_SCHEMA = " + (parts.size() > 1 ? "?" : "DATABASE()") + " AND " + q + "TABLE_NAME = ?";
  if (parts.size() > 1) f.params.push_back(parts[0]);
  f.params.push_back(parts.back());
  return f;
}

Result<std::optional<BatchKey>> MysqlKey(Connection& conn, std::string_view table) {
  const MysqlTableFilter where = MysqlTable(table), where_s = MysqlTable(table, "s");
  Result<Rows> exists = conn.Query("SELECT 1 FROM information_schema.TABLES WHERE " + where.sql, where.params);
  if (!exists.ok()) return exists.status();
  if (exists->rows.empty()) return Status::Database("table " + std::string(table) + " does not exist");
  Result<Rows> r = conn.Query(
      "SELECT s.INDEX_NAME, IF(s.INDEX_NAME = 'PRIMARY', 1, 0), s.COLUMN_NAME, IF(c.IS_NULLABLE = 'NO', 1, 0)"
      " FROM information_schema.STATISTICS s JOIN information_schema.COLUMNS c"
      " ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME"
      " WHERE " + where_s.sql + " AND s.NON_UNIQUE = 0 AND s.SUB_PART IS NULL"
      " ORDER BY s.INDEX_NAME = 'PRIMARY' DESC,"
      " (SELECT COUNT(*) FROM information_schema.STATISTICS s2 WHERE s2.TABLE_SCHEMA = s.TABLE_SCHEMA"
      "  AND s2.TABLE_NAME = s.TABLE_NAME AND s2.INDEX_NAME = s.INDEX_NAME), s.INDEX_NAME, s.SEQ_IN_INDEX",
      where_s.params);
  if (!r.ok()) return r.status();
  return PickKey(r->rows);
}

Result<std::optional<BatchKey>> SqliteKey(Connection& conn, std::string_view table) {
  std::vector<std::string> parts = SplitQualifiedName(table);
  std::string name = parts.back();
  Result<Rows> master = conn.Query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", {name});
  if (!master.ok()) return master.status();
  if (master->rows.empty()) return Status::Database("table " + std::string(table) + " does not exist");
  Result<Rows> cols = conn.Query("SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", {name});
  if (!cols.ok()) return cols.status();
  if (!cols->rows.empty()) {
    BatchKey key{{}, "primary key"};
    for (const auto& r : cols->rows) key.columns.push_back(r[0].value_or(""));
    return std::optional<BatchKey>(key);
  }
  Result<Rows> r = conn.Query(
      "SELECT il.name, 0, ii.name, ti.\"notnull\" FROM pragma_index_list(?) il"
      " JOIN pragma_index_info(il.name) ii JOIN pragma_table_info(?) ti ON ti.name = ii.name"
      " WHERE il.\"unique\" = 1 AND il.partial = 0 ORDER BY (SELECT COUNT(*) FROM pragma_index_info(il.name)), il.name, ii.seqno",
      {name, name});
  if (!r.ok()) return r.status();
  if (std::optional<BatchKey> key = PickKey(r->rows)) return key;
  std::string sql = ToLower(master->rows[0][0].value_or(""));
  if (sql.find("without rowid") == std::string::npos) return std::optional<BatchKey>(BatchKey{{"rowid"}, "rowid"});
  return std::optional<BatchKey>();
}

}  // namespace

Result<std::optional<BatchKey>> FindBatchKey(Connection& conn, std::string_view table) {
  switch (conn.dialect()) {
    case Dialect::kPostgres: return PostgresKey(conn, table);
    case Dialect::kMysql: return MysqlKey(conn, table);
    case Dialect::kSqlite: return SqliteKey(conn, table);
  }
  return std::optional<BatchKey>();
}

Result<std::vector<std::string>> TableColumns(Connection& conn, std::string_view table) {
  Result<Rows> r = Status::Ok();
  switch (conn.dialect()) {
    case Dialect::kPostgres:
      r = conn.Query("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0"
                     " AND NOT attisdropped ORDER BY attnum",
                     {QuoteQualifiedName(Dialect::kPostgres, table)});
      break;
    case Dialect::kMysql: {
      const MysqlTableFilter where = MysqlTable(table);
      r = conn.Query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE " + where.sql + " ORDER BY ORDINAL_POSITION",
                     where.params);
      break;
    }
    case Dialect::kSqlite:
      r = conn.Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {SplitQualifiedName(table).back()});
      break;
  }
  if (!r.ok()) return r.status();
  if (r->rows.empty()) return Status::Database("table " + std::string(table) + " does not exist");
  std::vector<std::string> columns;
  for (const auto& row : r->rows) columns.push_back(row[0].value_or(""));
  return columns;
}

Result<int64_t> EstimateRows(Connection& conn, std::string_view table) {
  Result<Rows> r = Status::Ok();
  switch (conn.dialect()) {
    case Dialect::kPostgres:
      r = conn.Query("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = to_regclass(?)",
                     {QuoteQualifiedName(Dialect::kPostgres, table)});
      break;
    case Dialect::kMysql: {
      const MysqlTableFilter where = MysqlTable(table);
      r = conn.Query("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE " + where.sql, where.params);
      break;
    }
    case Dialect::kSqlite:
      r = conn.Query("SELECT count(*) FROM " + QuoteQualifiedName(Dialect::kSqlite, table));
      break;
  }
  if (!r.ok()) return r.status();
  if (r->rows.empty() || !r->rows[0][0]) return int64_t{0};
  return static_cast<int64_t>(std::stoll(*r->rows[0][0]));
}

Result<std::optional<bool>> PostgresIndexValid(Connection& conn, std::string_view index) {
  Result<Rows> r = conn.Query("SELECT i.indisvalid::int::text FROM pg_index i WHERE i.indexrelid = to_regclass(?)",
                              {QuoteQualifiedName(Dialect::kPostgres, index)});
  if (!r.ok()) return r.status();
  if (r->rows.empty()) return std::optional<bool>();
  return std::optional<bool>(r->rows[0][0].value_or("0") == "1");
}

Result<std::vector<std::string>> PostgresApplicationNames(Connection& conn) {
  Result<Rows> r = conn.Query(
      "SELECT DISTINCT application_name FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND application_name <> ''"
      " AND datname = current_database()");
  if (!r.ok()) return r.status();
  std::vector<std::string> names;
  for (const auto& row : r->rows) names.push_back(row[0].value_or(""));
  return names;
}

}  // namespace migrate
