// Classification (SPEC §2): the single authority on a statement's class, used by lint, plan
// and apply. A statement takes the most severe class of its changes.
#pragma once

#include <set>
#include <string>
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
// MySQL/MariaDB and SQLite: only an unchanged type is proven safe here.
bool IsSafeTypeChange(Dialect dialect, const TypeName& from, const TypeName& to);

}  // namespace migrate
