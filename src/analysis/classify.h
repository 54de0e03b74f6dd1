// Classification (SPEC §2): the single authority on a statement's class, used by lint, plan
// and apply. A statement takes the most severe class of its changes.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/change.h"
#include "model/schema.h"

namespace migrate {

// Ordered by severity: a statement takes the maximum over its changes.
enum class ChangeClass { kOther, kExpand, kBackfill, kContract, kBreaking };
const char* ChangeClassName(ChangeClass c);  // "other", "expand", …

struct ClassifyContext {
  Dialect dialect;
  const Schema& schema;                     // before the statement
  const std::set<std::string>& new_tables;  // created earlier in the current expand section
};

ChangeClass Classify(const Change& change, const ClassifyContext& ctx);
ChangeClass ClassifyStatement(const std::vector<Change>& changes, const ClassifyContext& ctx);

// A column type change from `from` to `to` needs neither a rewrite nor narrows the values.
// PostgreSQL: binary-coercible widening (varchar(n)→varchar(m≥n)/text, numeric precision up …).
// MySQL/MariaDB: see IsSafeMysqlTypeChange (in utf8mb4, the default character set).
// SQLite: only an unchanged type is proven safe here.
bool IsSafeTypeChange(Dialect dialect, const TypeName& from, const TypeName& to);

// MySQL/MariaDB: the change is done in place without copying the table and narrows nothing.
// VARCHAR(n)→VARCHAR(m≥n) (and VARBINARY) while the length prefix keeps its size: both lengths
// in bytes up to 255 (1 byte) or both 256 or more (2 bytes); `charset` (empty: utf8mb4, 4 bytes
// a character) sets the bytes per character. ENUM/SET members appended at the end while the
// storage size stays. Every other change (INT→BIGINT included) copies the table.
bool IsSafeMysqlTypeChange(const TypeName& from, const TypeName& to, std::string_view charset);

}  // namespace migrate
