// What the engine reads from the live database's catalog: the key a backfill batches by, table
// sizes, index validity (PostgreSQL), and the application_name of connected sessions (the gate).
// One function per question, one query per dialect.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "drivers/driver.h"

namespace migrate {

struct BatchKey {
  std::vector<std::string> columns;
  std::string source;  // "primary key", "unique index users_email_key", "rowid"
};

// The key a backfill of `table` batches by: the primary key, else the narrowest unique index
// whose columns are all NOT NULL (no expressions, no partial index), else SQLite's rowid. nullopt
// when the table has none; kDatabase when the table does not exist.
Result<std::optional<BatchKey>> FindBatchKey(Connection& conn, std::string_view table);

// The table's column names, in order; kDatabase when the table does not exist.
Result<std::vector<std::string>> TableColumns(Connection& conn, std::string_view table);

// The catalog's row estimate (PostgreSQL reltuples, MySQL table_rows, SQLite count(*)); 0 when
// unknown.
Result<int64_t> EstimateRows(Connection& conn, std::string_view table);

// PostgreSQL: whether an index of that name exists and is valid; nullopt when there is none.
Result<std::optional<bool>> PostgresIndexValid(Connection& conn, std::string_view index);

// PostgreSQL: the application_name of every other session connected to this database
// (pg_stat_activity; sessions of other databases on the server do not use its schema).
Result<std::vector<std::string>> PostgresApplicationNames(Connection& conn);

}  // namespace migrate
