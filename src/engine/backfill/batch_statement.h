// A backfill statement (an UPDATE or DELETE as written in a backfill section) cut into the pieces
// the backfill engine needs to run it one key range at a time (SPEC §5): the text before the
// top-level WHERE, the user's condition, and what follows it (RETURNING). BatchSql puts a key
// range beside the condition; NextUpperBoundSql finds where the next batch ends. Statements that
// cannot be batched by key (multi-table MySQL forms, ORDER BY/LIMIT, CTEs, anything that is not
// an UPDATE or DELETE) are refused with the reason. Placeholders are `?` (the PostgreSQL driver
// numbers them).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/change.h"

namespace migrate {

struct BatchableStatement {
  std::string head;       // text before the top-level WHERE (or the whole statement when none)
  std::string condition;  // the top-level WHERE condition, empty when none
  std::string tail;       // text after the condition: RETURNING … (PostgreSQL, SQLite); empty otherwise
  // The target table and the alias or table name to qualify key columns with, as written but
  // ready for QuoteQualifiedName: bare words case-folded on PostgreSQL (as the server folds
  // them), quoted parts kept with their quotes ("public.users", "app.\"My Table\"").
  std::string table;
  std::string qualifier;
  bool is_delete = false;
  // UPDATE … SET col = expr, …: each column (as NamePart: lower-cased bare words on PostgreSQL)
  // with its expression as written. Empty for DELETE, or when a SET item is not `col = expr`.
  std::vector<std::pair<std::string, std::string>> assignments;
};

// Cuts `sql` (one statement, with or without its ';') at its top-level WHERE. Status::Input with
// the reason for what cannot be batched by key: MySQL multi-table UPDATE/DELETE, UPDATE/DELETE
// with ORDER BY or LIMIT, WHERE CURRENT OF, statements that are not UPDATE/DELETE, a WITH … (CTE)
// prefix, and text that does not scan (an unterminated quote or comment).
Result<BatchableStatement> PrepareBatchStatement(std::string_view sql, Dialect dialect);

// The statement for one batch: "<head> WHERE (<condition>) AND <lower> AND <upper> <tail>", the
// key range (lower, upper] over the qualified key columns: row-value comparison for a composite
// key ("(q.a, q.b) > (?, ?)"), plain comparison for one column. has_lower/has_upper drop the
// corresponding bound. Placeholders: the lower key's values first, then the upper key's.
std::string BatchSql(const BatchableStatement& s, Dialect dialect, const std::vector<std::string>& key,
                     bool has_lower, bool has_upper);

// The upper key of the next batch: the batch_size-th key after the lower bound,
// "SELECT k FROM t WHERE k > (?) ORDER BY k LIMIT 1 OFFSET <batch_size-1>" (no row: the batch
// runs to the end). batch_size is written as an integer literal, not a placeholder (MySQL refuses
// LIMIT parameters bound as strings); values below 1 count as 1. `table` is a name as
// QuoteQualifiedName takes it; key columns are plain names.
// The statement with extra conditions ANDed to its own (parenthesised) WHERE.
std::string BatchSqlWith(const BatchableStatement& s, const std::vector<std::string>& extra_conditions);

// Whether running a batch of the statement twice over the same rows changes nothing the second
// time, so that batches need no key to avoid processing a row twice (SPEC §5). True for DELETE,
// and for an UPDATE whose WHERE has a top-level conjunct that excludes the rows it has updated —
// `c IS NULL`, or `c IS DISTINCT FROM e` / `c <> e` with SET c = e — when no SET expression reads
// a column the statement sets. Otherwise false, with the reason in `why`.
bool RepeatedBatchIsNoOp(const BatchableStatement& s, Dialect dialect, std::string* why);

std::string NextUpperBoundSql(Dialect dialect, std::string_view table, const std::vector<std::string>& key,
                              bool has_lower, int64_t batch_size);

}  // namespace migrate
